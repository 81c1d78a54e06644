/**
 * The binding form (present/bindings.ts): an expression whose tree is much larger than its DAG is
 * written `f where u1 = …, u2 = …` in text, Unicode and LaTeX, and the plain reader reads the text
 * back (syntax/plain/read.ts: `where` bindings) to the very same expression.
 */
import * as assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import type { DeriveResult } from '../../../src/core/api';
import { postorder, type Expr } from '../../../src/core/model/expr';
import { bindShared, treeIsLarge } from '../../../src/core/present/bindings';
import { readPlain } from '../../../src/core/syntax/index';
import { readExpression } from '../../../src/core/read';

/** The chained assignments of issue 17 in the plain syntax: u_{k+1} = sin(u_k) .* cos(u_k), f = sum(u_n). */
export function chainedText(n: number): string {
  const defs = Array.from({ length: n }, (_, k) => `u${k + 1} = sin(${k === 0 ? 'x' : `u${k}`}) .* cos(${k === 0 ? 'x' : `u${k}`})`);
  return `sum(u${n}) where ${defs.join(', ')}`;
}

function read(text: string, where?: string): Expr {
  const r = readPlain(text, where);
  if (!r.ok) assert.fail(`${text.slice(0, 100)}: ${r.error.code} ${r.error.message}`);
  return r.value.expr;
}

function derived(expr: string, where: string, wrt: string): DeriveResult {
  // A generous budget: a loaded machine must not turn this into limit.time.
  const r = derive({ expr, where, wrt: [wrt], check: true, timeLimitMs: 60_000 });
  if (!r.ok) assert.fail(`${expr.slice(0, 100)}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

describe('present/bindings: the binding form for expressions with shared parts', () => {
  it('the plain reader reads `where` bindings as one DAG: each definition built once', () => {
    const f = read(chainedText(40), 'x: vector(n)');
    // 40 levels of sin/cos/⊙ (3 nodes each), sum, x: the tree would have ~2^41 nodes.
    assert.ok(postorder(f).length < 200, `${postorder(f).length} nodes`);
    assert.equal(treeIsLarge(f), true);
    assert.equal(read('u .* u where u = sin(x)', 'x: vector(n)'), read('sin(x) .* sin(x)', 'x: vector(n)'));
    // Separated by commas, semicolons or line breaks, mixed with declarations.
    const a = read('sum(v) where x: vector(n); u = exp(x), v = u .* u');
    assert.equal(read('sum(v)\nwhere x: vector(n)\nu = exp(x)\nv = u .* u'), a);
    assert.equal(read('sum(exp(x) .* exp(x))', 'x: vector(n)'), a);
  });

  it('bindings that repeat a name, shadow a variable or use a later name are errors with their position', () => {
    const cases: [string, string, string][] = [
      ['sum(u) where u = sin(x), u = x', 'u', "'u' is defined twice"],
      ['sum(u) where u = sin(v), v = x', 'v', 'before it is defined'],
      ['sum(u) where u = sin(u)', 'u', 'its own definition'],
      ['sum(x) where x: vector(n); x = u', 'x', 'declared as a variable'],
      ['sum(u) where u =', '=', "expected the definition of 'u'"],
    ];
    for (const [text, at, message] of cases) {
      const r = readPlain(text);
      assert.equal(r.ok, false, text);
      if (r.ok) continue;
      assert.match(r.error.message, new RegExp(message), text);
      assert.equal(text.slice(r.error.start, r.error.end), at, `${text}: ${r.error.message}`);
    }
  });

  it('a small expression keeps its tree form; a repeated one gets names, and its text reads back to the same node', () => {
    assert.equal(treeIsLarge(read("x'*A*x", 'x: vector(n); A: matrix(n, n)')), false);
    for (const n of [6, 12, 30]) {
      const f = read(chainedText(n), 'x: vector(n)');
      const r = derived(chainedText(n), 'x: vector(n)', 'x');
      for (const form of [r.input, r.result]) {
        assert.match(form.text, / where u1 = /);
        assert.match(form.unicode ?? '', / where u₁ = /);
        assert.match(form.latex, /\\quad \\text\{where \} \\mathbf\{u\}_\{1\} = /);
      }
      assert.equal(read(r.input.text, 'x: vector(n)'), f, `n = ${n}: the input text reads back`);
      // The derivative's text reads back to the same expression as the presented result.
      const again = derive({ expr: r.result.text, where: 'x: vector(n)', wrt: ['x'], from: 'plain', timeLimitMs: 60_000 });
      assert.ok(again.ok, r.result.text.slice(0, 200));
      const back = readExpression(r.result.text, 'x: vector(n)', 'auto');
      assert.ok(back.ok && back.value.notation === 'plain', 'read by --from auto as the plain syntax');
      assert.equal(r.check?.passed, true, `n = ${n}: the derivative agrees with finite differences`);
    }
  });

  it('names only shared parts longer than a short name, each once, in order of use', () => {
    const f = read(chainedText(5), 'x: vector(n)');
    const b = bindShared(f);
    assert.deepEqual(b.definitions.map((d) => d.name), ['u1', 'u2', 'u3', 'u4']);
    // sum(sin(u4) .* cos(u4)): the last level is used once, so it is written in place.
    assert.equal(b.expr.op, 'sum');
    // A name no variable is written with: u₁ would be ambiguous next to a variable u_1.
    const g = read('sum(u_1 .* w) where v = sin(u_1) .* cos(u_1), w = sin(v) .* cos(v)', 'u_1: vector(n)');
    const names = bindShared(g).definitions.map((d) => d.name);
    assert.ok(names.length > 0);
    assert.ok(names.every((n) => !n.startsWith('u')), names.join(', '));
  });
});
