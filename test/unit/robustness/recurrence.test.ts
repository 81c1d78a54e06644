/**
 * The Jacobian of a deep recurrence stays linear (issue 17), measured by counts, never by times (in a
 * child process, recurrenceProbe.ts): a variable used at every step — an RNN's input and bias, its
 * shared weights — received one contribution per step, each a flat product of the local Jacobians of
 * all the steps after it (O(N²) nodes), which presentation nested back one common factor at a time
 * (O(N³)): 400 steps took 6.5 s (a Hessian through 400 shared layers, 31 s). At 100, 200 and 400 steps the work a request does (its checkpoints),
 * the nodes it makes and every written form grow with a log-log slope ≤ 1.1. Short recurrences —
 * past the length from which the engine keeps Jacobians as links (calculus/jacobianLinks.ts) — are
 * checked against finite differences.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fitExponent } from '../../../bench/growth';
import { derive } from '../../../src/core/index';
import { FAMILIES, SIZES } from './recurrenceProbe';

function assertLinear(what: string, series: Record<string, readonly number[]>): void {
  for (const [name, ys] of Object.entries(series)) {
    const slope = fitExponent(SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
    assert.ok(slope <= 1.1, `${what}, ${name}: log-log slope ${slope.toFixed(3)} (${ys.join(', ')} at ${SIZES.join(', ')} steps)`);
  }
}

function probe(index: number, granularity?: 'full' | 'summary'): Record<string, number[]> {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'recurrenceProbe.js'), String(index), ...(granularity ? [granularity] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as Record<string, number[]>;
}

describe('the Jacobian of a deep recurrence (issue 17): work, nodes and output linear in the steps', function () {
  this.timeout(600_000);

  FAMILIES.forEach((f, i) => it(f.name, () => assertLinear(f.name, probe(i))));

  // The derivation of the same (derivation/chain.ts): each intermediate's total derivative is O(k)
  // long at the k-th step, and a summary merged all of them into one step (1.3 / 4.9 / 18.5 MB at
  // 100 / 200 / 400 steps). Its work, nodes and every written form, the steps included, are linear:
  // each total was put in textbook form anew, two walks of all of it (0.34 / 1.23 / 4.65 million
  // checkpoints at 100 / 200 / 400 steps); now only the nodes no earlier total had are walked.
  for (const granularity of ['full', 'summary'] as const) {
    it(`${FAMILIES[0].name}, with its ${granularity} derivation: work, nodes and output`, () => {
      assertLinear(`${FAMILIES[0].name}, ${granularity} steps`, probe(0, granularity));
    });
  }

  // The residual network's and the Hessian's derivations: what they write is linear — the Hessian's last
  // step wrote the gradient out as a tree in its explanation (4,319 / 15,369 / 63,345 characters at 25 /
  // 50 / 100 steps; the largest step 119,389 / 339,689 at 100 / 200). Their work and nodes are not linear yet
  // (each total is a new flat product of all the factors so far: docs/reliability.md, "Still superlinear").
  for (const i of [3, 4]) {
    it(`${FAMILIES[i].name}, with its full derivation: every written form, the steps included`, () => {
      const { work, nodes, ...written } = probe(i, 'full');
      assert.ok(work.length === SIZES.length && nodes.length === SIZES.length);
      assertLinear(`${FAMILIES[i].name}, full steps`, written);
    });
  }

  // The differential method's derivation (derivation/differential.ts): each piece's differential had
  // its arguments' put in one after another, each walk going through what the ones before put in
  // (quadratic: 198,016 / 473,984 / 1,301,888 checkpoints at 100 / 200 / 400 steps on main).
  it(`${FAMILIES[6].name}, with its full derivation: work, nodes and output`, () => {
    assertLinear(`${FAMILIES[6].name}, full steps`, probe(6, 'full'));
  });

  // A large constant every step adds (c = a₁ + … + a_N in h = tanh(W_k h + c)): the intermediates'
  // definitions wrote it out in each of them, and a summary's local Jacobians again (the first step
  // 76,051 / 277,355 / 1,095,155 characters at 50 / 100 / 200 steps); now it is named once.
  for (const granularity of ['full', 'summary'] as const) {
    it(`${FAMILIES[7].name}, with its ${granularity} derivation: work, nodes and output`, () => {
      assertLinear(`${FAMILIES[7].name}, ${granularity} steps`, probe(7, granularity));
    });
  }

  // A large constant every step multiplies (c = a₁ + … + a_N in h = tanh(W_k h) ⊙ c): diag(c) is in every
  // local Jacobian, and the summary's local Jacobians, the vector chain rule's product of all of them and
  // its multiplied-out form wrote it out in each (all steps 302,338 / 1,000,069 / 3,682,969 characters at
  // 50 / 100 / 200 steps in a summary); now they show it by its name, c, as the definitions do.
  for (const granularity of ['full', 'summary'] as const) {
    it(`${FAMILIES[8].name}, with its ${granularity} derivation: work, nodes and output`, () => {
      assertLinear(`${FAMILIES[8].name}, ${granularity} steps`, probe(8, granularity));
    });
  }

  FAMILIES.forEach((f) => it(`${f.name}: short ones checked numerically`, () => {
    for (const steps of [1, 3, 8, 14]) {
      const r = derive({ ...f.request(steps, `c${steps}`), check: true, timeLimitMs: 60_000 });
      assert.ok(r.ok, r.ok ? '' : `${steps} steps: ${r.error.code} ${r.error.message}`);
      assert.equal(r.value.check?.passed, true, `${steps} steps: ${JSON.stringify(r.value.check)}`);
    }
  }));
});
