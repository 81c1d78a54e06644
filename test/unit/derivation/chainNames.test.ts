/**
 * A homogeneous deep chain (sin(sin(…sin(q)…)), tanh of tanh …) is named as a reader names it: the
 * steps' intermediates are one letter family with indices in order (u₁ = sin(q), u₂ = sin(u₁), …),
 * and the result's binding form calls the parts it names by the same names, each meaning the same
 * part (read back in Unicode and compared numerically). Before, the result named every other link
 * (u₁ = sin(sin(q)), u₂ = sin(sin(u₁)): sin(u₁) is short enough to repeat) and the steps alternated
 * letters around it (v₁ = sin(q), u₁ = sin(v₁), v₂ = sin(u₁), …).
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import type { Expr } from '../../../src/core/model/expr';
import { freeVariables } from '../../../src/core/model/expr';
import { readExpression } from '../../../src/core/read';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { topLevelParts } from './topLevelParts';

const nest = (fn: string, inner: string, depth: number): string => (depth === 0 ? inner : nest(fn, `${fn}(${inner})`, depth - 1));

const CASES: ReadonlyArray<{ readonly expr: string; readonly where: string; readonly wrt: string }> = [
  { expr: `sum(${nest('sin', 'q', 6)})`, where: 'q: vector(n)', wrt: 'q' },
  { expr: nest('tanh', 'a', 5), where: 'a: scalar', wrt: 'a' },
  { expr: `sum(${nest('sin', 'q', 40)})`, where: 'q: vector(n)', wrt: 'q' },
  { expr: nest('sin', 'q', 120), where: 'q: scalar', wrt: 'q' },
  { expr: `sum(${nest('tanh', 'x', 30)})`, where: 'x: vector(n)', wrt: 'x' },
  { expr: `sum(${nest('sigmoid', 'X', 20)})`, where: 'X: matrix(m, n)', wrt: 'X' },
];

/** `text`'s definitions, split at the commas outside brackets (two spaces separate the steps' definitions). */
function definitions(text: string): Array<{ readonly name: string; readonly body: string }> {
  return topLevelParts(text).map((p) => {
    const k = p.indexOf(' = ');
    assert.ok(k > 0, `not a definition: ${p}`);
    return { name: p.slice(0, k), body: p.slice(k + 3) };
  });
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const index = (name: string): { base: string; k: number } => {
  const m = /^(.+?)([₀-₉]+)$/u.exec(name);
  assert.ok(m, `${name} has no index`);
  return { base: m[1], k: Number([...m[2]].map((c) => SUB.indexOf(c)).join('')) };
};

function meaning(defs: ReadonlyArray<{ readonly name: string; readonly body: string }>, name: string, where: string): Expr {
  const text = `${name} where ${defs.map((d) => `${d.name} = ${d.body}`).join(', ')}`;
  const r = readExpression(text, where, 'unicode');
  assert.ok(r.ok, `${text.slice(0, 200)}: ${r.ok ? '' : r.error.message}`);
  return r.value.expr;
}

describe('a homogeneous chain: one letter family in order, the same names in the result', function () {
  this.timeout(120_000);
  for (const c of CASES) {
    it(`${c.expr.slice(0, 40)}… by ${c.wrt}`, () => {
      const r = derive({ expr: c.expr, where: c.where, wrt: [c.wrt], steps: true, check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.check?.passed, true);
      const intro = (r.value.steps ?? []).find((s) => s.rule === 'intermediate-variables');
      assert.ok(intro);
      const steps = definitions(intro.afterText ?? '');
      const fn = r.value.input.name.unicode;
      const inner = steps.filter((d) => d.name !== fn);
      // One family, indices 1, 2, 3, … in the order of the steps.
      const bases = new Set(inner.map((d) => index(d.name).base));
      assert.equal(bases.size, 1, `several letters: ${inner.slice(0, 6).map((d) => `${d.name} = ${d.body}`).join(', ')}`);
      inner.forEach((d, i) => assert.equal(index(d.name).k, i + 1, `${d.name} is the intermediate ${i + 1}`));
      // The result's binding form (or, for a short chain, its named form) names its parts by the steps' names, each the same part.
      const unicode = r.value.result.unicode ?? '';
      const k = unicode.indexOf(' where ');
      const named = r.value.result.named?.definitions.map((d) => ({ name: d.nameUnicode, body: d.unicode ?? '' })) ?? [];
      const result = k > 0 ? definitions(unicode.slice(k + 7)) : named;
      assert.ok(result.length > 0, `the result names no part: ${unicode.slice(0, 80)}`);
      const known = new Map(inner.map((d) => [d.name, d]));
      for (const d of result) {
        assert.ok(known.has(d.name), `the result's ${d.name} = ${d.body} is not a name of the steps`);
        const a = meaning(result, d.name, c.where);
        const b = meaning(inner, d.name, c.where);
        const vars = [...new Set([...freeVariables(a), ...freeVariables(b)])];
        assert.ok(exprsEqualNumerically(a, b, vars), `${d.name} is ${d.body} in the result, ${known.get(d.name)?.body} in the steps`);
      }
    });
  }
});
