/**
 * Deep compositions stay linear (issue 17), measured by counts, never by times (in a child process,
 * deepProbe.ts, which keeps this process's node table small): at 1,000, 2,000 and
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
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fitExponent } from '../../../bench/growth';
import { derive } from '../../../src/core/index';
import { FAMILIES, nest, SIZES } from './deepProbe';

/** Asserts a slope ≤ 1.1 of every named series against the sizes. */
function assertLinear(what: string, series: Record<string, readonly number[]>): void {
  for (const [name, ys] of Object.entries(series)) {
    const slope = fitExponent(SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
    assert.ok(slope <= 1.1, `${what}, ${name}: log-log slope ${slope.toFixed(3)} (${ys.join(', ')} at ${SIZES.join(', ')} levels)`);
  }
}

/** The series deepProbe.ts measures in a process of its own. */
function probe(...args: string[]): Record<string, number[]> {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'deepProbe.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as Record<string, number[]>;
}

describe('deep compositions (issue 17): work, nodes and output linear in the depth', function () {
  this.timeout(600_000);

  FAMILIES.forEach((f, i) => it(`${f.name}: the answer`, () => assertLinear(f.name, probe('family', String(i), '0'))));

  FAMILIES.forEach((f, i) => it(`${f.name}: the answer with its derivation, each step linear`, () => assertLinear(f.name, probe('family', String(i), '1'))));

  it('the claims of a long chain share their lists of intermediates', () => assertLinear('-(-(…a…)) claims', probe('claims')));

  it('the substitute-back step of a deep chain is in the binding form, a part named as the intermediates name it', () => {
    const v = 'q34';
    const r = derive({ expr: nest('sin(', v, ')', 1_000), where: `${v}: scalar`, wrt: [v], steps: true, timeLimitMs: 600_000 });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const last = (r.value.steps ?? [])[(r.value.steps ?? []).length - 1];
    assert.equal(last.rule, 'substitute');
    // The result names its parts first (present/answerNames.ts, the same names with and without
    // steps), link by link (present/chainLinks.ts): u₁ = sin(q₃₄), u₂ = sin(u₁), …; the intermediates
    // call those parts so and continue the family, u₁ = sin(q₃₄), u₂ = sin(u₁), …, u₉₉₉ = sin(u₉₉₈), f = sin(u₉₉₉).
    const first = (r.value.steps?.[0].afterText ?? '').slice(0, 60);
    assert.ok(/^u₁ = sin\(q[₀-₉]+\), {2}u₂ = sin\(u₁\), {2}u₃ = sin\(u₂\)/.test(first), first);
    assert.ok((r.value.steps?.[0].afterText ?? '').includes('u₉₉₉ = sin(u₉₉₈),  f = sin(u₉₉₉)'), 'one family to the last link');
    const where = (last.afterText ?? '').indexOf(' where ');
    assert.ok(where > 0, 'the binding form');
    const definitions = (last.afterText ?? '').slice(where, where + 60);
    assert.ok(/^ where u₁ = sin\(q[₀-₉]+\), u₂ = sin\(u₁\), u₃ = sin\(u₂\)/.test(definitions), definitions);
    assert.ok(last.after.includes('\\text{where } u_{1} = '), last.after.slice(last.after.indexOf('where'), 80));
  });
});
