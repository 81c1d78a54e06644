/**
 * Deep compositions stay linear (issue 17), measured by counts, never by times: at 1,000, 2,000 and
 * 4,000 levels, the work a request does (its checkpoints, counted through the budget's cancellation
 * poll, one poll per CHECK_EVERY checkpoints — every constructor, flattening loop and writer
 * passes one), the nodes it makes (the hash-consing table's estimate), the length of its answer and
 * of each step of its derivation grow with a log-log slope ≤ 1.1 — and so do the references the
 * derivation's claims hold. Each size uses variables of its own, so that no size reuses the nodes
 * of another.
 *
 * What each family caught: sin(…x…) for a vector x rebuilt the Jacobian's Hadamard product of all
 * the levels below at every level (calculus/jacobian.ts), and so did the chain-rule step's product
 * of diagonals (simplify/build.ts mergeDiagonalRuns) and reverse mode's adjoint ū ⊙ cos(a)
 * (calculus/gradient.ts); -(-(…a…)) flattened the whole chain for the product rule's zero term of
 * the constant −1 at every level (rules/products.ts), and its local steps' claims each held a list
 * of all the intermediates but one (derivation/chain.ts); the derivation's "substitute back" wrote
 * a tree quadratic in the depth (derivation/render.ts writes it in the binding form).
 */
import * as assert from 'node:assert/strict';
import { fitExponent } from '../../../bench/growth';
import type { DeriveRequest, DeriveResult } from '../../../src/core/api';
import { derive, internTableBytes } from '../../../src/core/index';
import { derivationOf, type Step } from '../../../src/core/derivation/index';
import { CHECK_EVERY, withBudget } from '../../../src/core/limits/index';
import { readPlain } from '../../../src/core/syntax/index';

const SIZES = [1_000, 2_000, 4_000] as const;

const nest = (open: string, inner: string, close: string, n: number): string => `${open.repeat(n)}${inner}${close.repeat(n)}`;

/** A family: the request at n levels, with variables named by `v` (a name no other size uses). */
interface Family {
  readonly name: string;
  readonly request: (n: number, v: string) => DeriveRequest;
}

/** q12 as LaTeX writes it (q_{12}: in LaTeX, q12 is q times 12). */
const latexName = (v: string): string => v.replace(/^([a-z])(\d+)$/, '$1_{$2}');

const FAMILIES: readonly Family[] = [
  { name: 'sin(…x…) of a vector x (the Jacobian engine)', request: (n, v) => ({ expr: nest('sin(', v, ')', n), where: `${v}: vector(n)`, wrt: [v] }) },
  { name: 'sin(…a…) of a scalar a (forward mode)', request: (n, v) => ({ expr: nest('sin(', v, ')', n), where: `${v}: scalar`, wrt: [v] }) },
  { name: 'sum(sin(…x…)) of a vector x (reverse mode)', request: (n, v) => ({ expr: `sum(${nest('sin(', v, ')', n)})`, where: `${v}: vector(n)`, wrt: [v] }) },
  { name: '-(-(…a…)) of a scalar a', request: (n, v) => ({ expr: nest('-(', v, ')', n), where: `${v}: scalar`, wrt: [v] }) },
  { name: '\\sin(…x…) of a vector x, through the LaTeX reader', request: (n, v) => ({ expr: nest('\\sin(', latexName(v), ')', n), where: `${v}: vector(n)`, wrt: [v], from: 'latex' }) },
];

let fresh = 0;
/** A variable name used by no earlier measurement. */
const freshName = (): string => `q${++fresh}`;

interface Measured {
  /** Checkpoints passed, estimated from the polls: (polls + ½)·CHECK_EVERY (the polls count whole blocks of CHECK_EVERY). */
  readonly work: number;
  readonly nodeBytes: number;
  readonly answer: DeriveResult;
}

/** derive() with its checkpoints counted (one poll per CHECK_EVERY of them) and the node table's growth. */
function measured(req: DeriveRequest): Measured {
  let polls = 0;
  const bytes = internTableBytes();
  const r = withBudget({ timeMs: 600_000, cancelled: () => (polls++, false) }, () => derive({ ...req, timeLimitMs: 600_000 }));
  if (!r.ok) assert.fail(`${req.expr.slice(0, 20)}…: ${r.error.code} ${r.error.message}`);
  return { work: (polls + 0.5) * CHECK_EVERY, nodeBytes: internTableBytes() - bytes, answer: r.value };
}

/** Asserts a slope ≤ 1.1 of every named series against the sizes. */
function assertLinear(what: string, series: Record<string, readonly number[]>): void {
  for (const [name, ys] of Object.entries(series)) {
    const slope = fitExponent(SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
    assert.ok(slope <= 1.1, `${what}, ${name}: log-log slope ${slope.toFixed(3)} (${ys.join(', ')} at ${SIZES.join(', ')} levels)`);
  }
}

/** The length of each written form of an answer. */
const lengths = (a: DeriveResult): Record<string, number> => ({
  'input text': a.input.text.length,
  'result text': a.result.text.length,
  'result Unicode': (a.result.unicode ?? '').length,
  'result LaTeX': a.result.latex.length,
  equation: a.equationLatex.length,
});

function grows(f: Family, steps: boolean): void {
  const runs = SIZES.map((n) => measured({ ...f.request(n, freshName()), steps }));
  for (const r of runs) assert.ok(!/^(zeros|0$)/.test(r.answer.result.text), `${f.name}: a zero derivative`);
  const series: Record<string, number[]> = { work: runs.map((r) => r.work), nodes: runs.map((r) => r.nodeBytes) };
  for (const name of Object.keys(lengths(runs[0].answer))) series[name] = runs.map((r) => lengths(r.answer)[name]);
  if (steps) {
    series['all steps'] = runs.map((r) => JSON.stringify(r.answer.steps).length);
    series['largest step'] = runs.map((r) => Math.max(...(r.answer.steps ?? []).map((s) => JSON.stringify(s).length)));
    assert.ok(runs.every((r) => (r.answer.steps ?? []).length > 0), 'a derivation');
  }
  assertLinear(f.name, series);
}

/** The references a derivation's claims hold: each claim, and each distinct list of kept intermediates once. */
function claimReferences(steps: readonly Step[]): number {
  const lists = new Set<readonly unknown[]>();
  let claims = 0;
  for (const s of steps) {
    for (const c of s.claims) {
      claims++;
      if (c.keep) lists.add(c.keep);
    }
  }
  return claims + [...lists].reduce((n, l) => n + l.length, 0);
}

describe('deep compositions (issue 17): work, nodes and output linear in the depth', function () {
  this.timeout(600_000);

  for (const f of FAMILIES) it(`${f.name}: the answer`, () => grows(f, false));

  for (const f of FAMILIES) it(`${f.name}: the answer with its derivation, each step linear`, () => grows(f, true));

  it('the claims of a long chain share their lists of intermediates', () => {
    const references = SIZES.map((n) => {
      const v = freshName();
      const read = readPlain(nest('-(', v, ')', n), `${v}: scalar`);
      assert.ok(read.ok);
      const x = read.value.variables[0];
      return claimReferences(derivationOf(read.value.expr, [x], 1, 'numerator', 'full'));
    });
    assertLinear('-(-(…a…)) claims', { references });
  });

  it('the substitute-back step of a deep chain is in the binding form, its names apart from the intermediates', () => {
    const v = freshName();
    const r = derive({ expr: nest('sin(', v, ')', 1_000), where: `${v}: scalar`, wrt: [v], steps: true, timeLimitMs: 600_000 });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const last = (r.value.steps ?? [])[(r.value.steps ?? []).length - 1];
    assert.equal(last.rule, 'substitute');
    // The intermediates are u₁, u₂, …; the binding form's names take another letter.
    const first = (r.value.steps?.[0].afterText ?? '').slice(0, 40);
    assert.ok(/^u₁ = sin\(q[₀-₉]+\)/.test(first), first);
    const where = (last.afterText ?? '').indexOf(' where ');
    assert.ok(where > 0, 'the binding form');
    const definitions = (last.afterText ?? '').slice(where, where + 40);
    assert.ok(/^ where v₁ = (sin\()+q[₀-₉]+\)/.test(definitions), definitions);
    assert.ok(last.after.includes('\\text{where } v_{1} = '), last.after.slice(last.after.indexOf('where'), 80));
  });
});
