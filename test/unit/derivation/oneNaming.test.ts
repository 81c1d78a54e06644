/**
 * One naming for one answer: whatever a subexpression is called in the steps (their intermediates
 * u₁, u₂, …, the names a large display's binding form gives) it is called in the result's named or
 * binding form, the user's own names (NumPy assignments) keep their meaning, and no name means two
 * different things anywhere in the answer.
 *
 * Each "source" of names is read back as the user would read it: its definitions `n = body`, read
 * with the Unicode reader as `n where <the source's definitions>`, give n's subexpression; two
 * sources that both define a name (as written, u1 and u_1 are both u₁) must agree on it numerically.
 */
import * as assert from 'node:assert/strict';
import type { DeriveResult } from '../../../src/core/api';
import { derive, deriveForm, deriveReadable } from '../../../src/core/index';
import type { Expr } from '../../../src/core/model/expr';
import { freeVariables } from '../../../src/core/model/expr';
import { readExpression } from '../../../src/core/read';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { derivationOf, verifyStep } from '../../../src/core/derivation/index';
import { answerNames } from '../../../src/core/present/answerNames';
import { differentiate } from '../../../src/core/calculus/derive';
import { present } from '../../../src/core/service';
import { topLevelParts } from './topLevelParts';

interface Case {
  readonly label: string;
  readonly expr: string;
  readonly where: string;
  readonly wrt: string;
  readonly from?: 'numpy' | 'plain';
  /** The user's own names, as the input defines them (Unicode: u₁ = tanh(W₁x)). */
  readonly user?: readonly string[];
}

const MLP4 = 'norm2(tanh(W4*tanh(W3*tanh(W2*tanh(W1*x)))) - y)^2';
const MLP4_WHERE = 'x: vector(n); W1: matrix(m,n); W2: matrix(m,m); W3: matrix(m,m); W4: matrix(k,m); y: vector(k)';
const NUMPY = [
  'def f(W1, W2, W3, x, t):',
  '    u1 = np.tanh(W1 @ x)',
  '    u2 = np.tanh(W2 @ u1)',
  '    u3 = np.tanh(W3 @ u2)',
  '    return np.sum((u3 - t) ** 2)',
].join('\n');
const NUMPY_WHERE = 'x: vector(n); W1: matrix(m,n); W2: matrix(m,m); W3: matrix(k,m); t: vector(k)';
const H_NUMPY = [
  'def f(W1, W2, x):',
  '    h = np.tanh(W1 @ x)',
  '    z = W2 @ h',
  '    return np.sum(np.tanh(z) * h) + np.sum(z ** 2)',
].join('\n');

/** A recurrence eight deep through one weight: the result and the steps' large displays are written in the binding form. */
const DEEP = `sum(${Array.from({ length: 8 }).reduce<string>((inner) => `tanh(W*${inner})`, 'x')})`;

const CASES: readonly Case[] = [
  { label: 'a recurrence eight deep by its weight (binding forms)', expr: DEEP, where: 'x: vector(n); W: matrix(n,n)', wrt: 'W' },
  { label: 'a four-layer MLP by the first weight', expr: MLP4, where: MLP4_WHERE, wrt: 'W1' },
  { label: 'a four-layer MLP by the last weight', expr: MLP4, where: MLP4_WHERE, wrt: 'W4' },
  { label: 'a two-layer MLP by the first weight', expr: 'norm2(tanh(W2*tanh(W1*x)) - y)^2', where: 'x: vector(n); W1: matrix(m,n); W2: matrix(k,m); y: vector(k)', wrt: 'W1' },
  {
    label: 'chained NumPy assignments u1, u2, u3 by W1',
    expr: NUMPY,
    where: NUMPY_WHERE,
    wrt: 'W1',
    from: 'numpy',
    user: ['u₁ = tanh(W₁x)', 'u₂ = tanh(W₂u₁)', 'u₃ = tanh(W₃u₂)'],
  },
  {
    label: 'chained NumPy assignments u1, u2, u3 by W3',
    expr: NUMPY,
    where: NUMPY_WHERE,
    wrt: 'W3',
    from: 'numpy',
    user: ['u₁ = tanh(W₁x)', 'u₂ = tanh(W₂u₁)', 'u₃ = tanh(W₃u₂)'],
  },
  {
    label: 'NumPy assignments h and z used twice, by W1',
    expr: H_NUMPY,
    where: 'x: vector(n); W1: matrix(m,n); W2: matrix(m,m)',
    wrt: 'W1',
    from: 'numpy',
    user: ['h = tanh(W₁x)', 'z = W₂h'],
  },
  {
    label: 'a softmax cross-entropy through a hidden layer by the first weight',
    expr: '-sum(y .* log(softmax(W2*tanh(W1*x))))',
    where: 'x: vector(n); W1: matrix(m,n); W2: matrix(k,m); y: vector(k)',
    wrt: 'W1',
  },
  {
    label: 'a softmax cross-entropy through three layers by the first weight',
    expr: '-sum(y .* log(softmax(W3*tanh(W2*tanh(W1*x)))))',
    where: 'x: vector(n); W1: matrix(m,n); W2: matrix(m,m); W3: matrix(k,m); y: vector(k)',
    wrt: 'W1',
  },
];

/** The definitions `name = body` of a list of them. */
function definitionsIn(parts: readonly string[]): Array<{ readonly name: string; readonly body: string }> {
  return parts.map((p) => {
    const k = p.indexOf(' = ');
    assert.ok(k > 0, `not a definition: ${p}`);
    return { name: p.slice(0, k).trim(), body: p.slice(k + 3).trim() };
  });
}

interface Source {
  readonly where: string;
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly body: string }>;
}

/** The sources of names of an answer: the user's, each step's definitions and binding forms, the result's. */
function sourcesOf(c: Case, r: DeriveResult): Source[] {
  const out: Source[] = [];
  if (c.user) out.push({ where: 'the input', definitions: definitionsIn(c.user) });
  (r.steps ?? []).forEach((s, i) => {
    const after = s.afterText ?? '';
    if (s.rule === 'intermediate-variables') out.push({ where: `step ${i + 1}'s intermediates`, definitions: definitionsIn(topLevelParts(after)) });
    // A display written in the binding form: `… where v₁ = …, v₂ = …` (the last equation of the step).
    const k = after.lastIndexOf(' where ');
    if (k >= 0 && s.rule !== 'intermediate-variables') out.push({ where: `step ${i + 1}'s binding form`, definitions: definitionsIn(topLevelParts(after.slice(k + 7))) });
  });
  const named = r.result.named;
  if (named) out.push({ where: 'the result’s named form', definitions: named.definitions.map((d) => ({ name: d.nameUnicode, body: d.unicode ?? '' })) });
  const unicode = r.result.unicode ?? '';
  const k = unicode.indexOf(' where ');
  if (k >= 0) out.push({ where: 'the result’s binding form', definitions: definitionsIn(topLevelParts(unicode.slice(k + 7))) });
  return out;
}

/** What a source's name means: `name where <its definitions>`, read back in Unicode. */
function meaning(source: Source, name: string, where: string): Expr {
  const text = `${name} where ${source.definitions.map((d) => `${d.name} = ${d.body}`).join(', ')}`;
  const read = readExpression(text, where, 'unicode');
  assert.ok(read.ok, `${source.where}: ${text} does not read back: ${read.ok ? '' : read.error.message}`);
  return read.value.expr;
}

function answer(c: Case): DeriveResult {
  const r = derive({ expr: c.expr, where: c.where, wrt: [c.wrt], from: c.from ?? 'plain', steps: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

describe('one naming for the steps and the result', function () {
  this.timeout(60_000);

  for (const c of CASES) {
    it(`${c.label}: every name means one subexpression in the whole answer`, () => {
      const r = answer(c);
      const byName = new Map<string, { readonly e: Expr; readonly where: string }>();
      const sources = sourcesOf(c, r);
      assert.ok(sources.some((s) => s.where.includes('result')), `${c.label}: the result names nothing (${r.result.unicode})`);
      for (const source of sources) {
        for (const d of source.definitions) {
          const e = meaning(source, d.name, c.where);
          const seen = byName.get(d.name);
          if (seen === undefined) {
            byName.set(d.name, { e, where: source.where });
            continue;
          }
          const vars = [...new Set([...freeVariables(seen.e), ...freeVariables(e)])];
          const same = seen.e.shape.rows === e.shape.rows && seen.e.shape.cols === e.shape.cols && exprsEqualNumerically(seen.e, e, vars);
          assert.ok(same, `${c.label}: ${d.name} is one thing in ${seen.where} and another in ${source.where} (${d.name} = ${d.body})`);
        }
      }
    });
  }

  for (const [wrt, mine] of [['W1', ['u1', 'u2', 'u3']], ['W3', ['u3']]] as const) {
    it(`the steps of the NumPy chain by ${wrt}, named with the user's names, stay sound (every claim checked numerically)`, () => {
      const read = readExpression(NUMPY, NUMPY_WHERE, 'numpy');
      assert.ok(read.ok, read.ok ? '' : read.error.message);
      const { expr: f, variables, userNames } = read.value;
      assert.deepEqual(userNames?.map(([name]) => name), ['u1', 'u2', 'u3']);
      const x = variables.find((v) => v.name === wrt) as Expr;
      const steps = derivationOf(f, [x], 1, 'numerator', 'full', { present, names: answerNames(userNames, variables) });
      const defined = steps.flatMap((s) => s.claims.flatMap((c) => [...c.defs.keys()].map((v) => v.name as string)));
      assert.ok(mine.every((n) => defined.includes(n)), `the steps do not use the user's names: ${[...new Set(defined)].join(', ')}`);
      for (const s of steps) for (const report of verifyStep(s)) assert.ok(report.passed, `${s.rule}: ${report.maxRelError}`);
      assert.equal(steps[steps.length - 1].value, present(differentiate(f, [x], 1), 'numerator'));
    });
  }

  for (const c of CASES) {
    it(`${c.label}: the result names its parts alike with and without steps (the hover, the panel, --emit)`, () => {
      const req = { expr: c.expr, where: c.where, wrt: [c.wrt], from: c.from ?? 'plain' } as const;
      const without = derive(req);
      assert.ok(without.ok, without.ok ? '' : without.error.message);
      const withSteps = answer(c);
      assert.deepEqual(withSteps.result, without.value.result);
      assert.deepEqual(withSteps.input, without.value.input);
      const readable = deriveReadable({ ...req, steps: true });
      assert.ok(readable.ok);
      assert.equal(readable.value.result.unicode, without.value.result.unicode);
      assert.equal(readable.value.result.named, without.value.result.named ? `${without.value.result.named.unicode} where ${without.value.result.named.definitions.map((d) => `${d.nameUnicode} = ${d.unicode}`).join(', ')}` : undefined);
      for (const form of ['text', 'unicode', 'latex'] as const) {
        const emitted = deriveForm({ ...req, steps: true }, form);
        assert.ok(emitted.ok);
        assert.equal(emitted.value, withSteps.result[form], `--emit ${form} --steps`);
      }
    });
  }

  it('without steps, the result calls the parts the user named by the user\'s names', () => {
    const r = derive({ expr: NUMPY, where: NUMPY_WHERE, wrt: ['W1'], from: 'numpy' });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(r.value.result.named?.definitions.map((d) => `${d.name} = ${d.text}`), ['u1 = tanh(W1*x)', 'u2 = tanh(W2*u1)', 'u3 = tanh(W3*u2)']);
  });
});
