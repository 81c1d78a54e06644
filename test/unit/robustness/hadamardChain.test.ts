/**
 * A gate on a deep state, h_k = tanh(W h_(k−1)) ⊙ h_(k−1) (issue 17: every written form O(DAG)): each
 * factor diag(h_(k−1) ⊙ (𝟏 − t_k∘²)) of its Jacobian wrote h_(k−1) as the flat Hadamard product of every
 * earlier tanh, for hadamard() flattened nested products (988 / 2,713 / 8,263 / 28,365 Unicode characters
 * at 10 / 20 / 40 / 80 steps). A product of three plain factors or more is now kept one shared node
 * (simplify/build.ts, hadamardFactors). Sizes only, measured in a child process (hadamardChainProbe.ts) at
 * 100 / 200 / 400 steps (as recurrence.test.ts: the names u₁… grow a digit from 10 and from 100 steps);
 * and the work of derive() (budget checkpoints) at 50 / 100 / 200 steps, cubic until present/factor.ts took a
 * common start of two products out at once (commonStart). Short chains checked against finite differences.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fitExponent } from '../../../bench/growth';
import { derive } from '../../../src/core/index';
import { gatedChain, GATES, LONG_WORK_SIZES, SIZES, WORK_SIZES } from './hadamardChainProbe';

describe('a gated deep state h = tanh(W h) ⊙ h (issue 17): every written form of its Jacobian linear in the depth', function () {
  this.timeout(600_000);

  it('text, Unicode, LaTeX, the equation and NumPy grow with a log-log slope ≤ 1.1', () => {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'hadamardChainProbe.js')], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const series = JSON.parse(out) as Record<string, number[]>;
    assert.deepEqual(Object.keys(series), ['text', 'Unicode', 'LaTeX', 'equation', 'NumPy']);
    for (const [name, ys] of Object.entries(series)) {
      const slope = fitExponent(SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
      assert.ok(slope <= 1.1, `${name}: log-log slope ${slope.toFixed(3)} (${ys.join(', ')} at ${SIZES.join(', ')} steps)`);
    }
  });

  // The exp gate, h = exp(W h) ⊙ h: hadamard() flattened a product holding exp (a factor its rules watch) at
  // every level until 9611df3 — text 19,174 / 49,577 / 168,777 characters and 88,960 / 580,480 / 4,270,976
  // checkpoints at 50 / 100 / 200 steps; then 3,715 / 8,510 / 18,460 and 15,488 / 33,920 / 78,464 (work slope 1.17);
  // since present/nestedStart.ts 14,464 / 29,568 / 59,520 (1.04).
  it('np.exp gate: every written form grows with a log-log slope ≤ 1.1, and so does the work', () => {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'hadamardChainProbe.js'), 'np.exp'], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const series = JSON.parse(out) as Record<string, number[]>;
    assert.deepEqual(Object.keys(series), ['text', 'Unicode', 'LaTeX', 'equation', 'NumPy']);
    for (const [name, ys] of Object.entries(series)) {
      const slope = fitExponent(SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
      assert.ok(slope <= 1.1, `np.exp, ${name}: log-log slope ${slope.toFixed(3)} (${ys.join(', ')} at ${SIZES.join(', ')} steps)`);
    }
    const { work } = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'hadamardChainProbe.js'), 'work', 'np.exp'], { encoding: 'utf8' })) as { work: number[] };
    const slope = fitExponent(WORK_SIZES.map((n, i) => [n, work[i]] as const)).exponent;
    assert.ok(slope <= 1.1, `np.exp, work: log-log slope ${slope.toFixed(3)} (${work.join(', ')} checkpoints at ${WORK_SIZES.join(', ')} steps)`);
  });

  it('derive() does work linear in the depth: budget checkpoints grow with a log-log slope ≤ 1.1', () => {
    // Main passed 86,912 / 564,096 / 4,188,544 checkpoints at 50 / 100 / 200 steps (slope 2.8): presentation's
    // factorSum took the common start J of J·diag(a) + J·diag(b)·W out one factor at a time, J the product
    // of the k levels before. Then 19,328 / 41,600 / 93,568 (slope 1.14, as the text's own, whose names u₁… gain
    // a digit from 10 and from 100 steps): each level's factored J a new flat product of the k before. Since
    // present/nestedStart.ts 18,304 / 36,992 / 74,624 (1.01).
    const out = execFileSync(process.execPath, [path.join(__dirname, 'hadamardChainProbe.js'), 'work'], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const { work, text } = JSON.parse(out) as { work: number[]; text: number[] };
    const slope = (ys: readonly number[]): number => fitExponent(WORK_SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
    const at = `at ${WORK_SIZES.join(', ')} steps; text ${text.join(', ')} characters, slope ${slope(text).toFixed(3)}`;
    assert.ok(slope(work) <= 1.1, `work: log-log slope ${slope(work).toFixed(3)} (${work.join(', ')} checkpoints ${at})`);
  });

  it('derive() does work linear in the depth at 250 / 500 / 1,000 / 2,000 steps: budget checkpoints grow with a log-log slope ≤ 1.1', () => {
    // Before present/nestedStart.ts: 123,520 / 309,888 / 870,528 / 2,741,376 checkpoints (slope 1.49; the exp gate
    // 104,576 / 272,256 / 795,008 / 2,590,592, 1.54), text 25,935 / 54,093 / 114,084 / 234,084 characters (1.06):
    // each level's factored Jacobian was a new flat product of every level before it. Each level now holds the one
    // before as its first factor: 92,800 / 186,240 / 372,864 / 746,368 (1.00).
    for (const gate of GATES) {
      const out = execFileSync(process.execPath, [path.join(__dirname, 'hadamardChainProbe.js'), 'long', gate], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const { work, text } = JSON.parse(out) as { work: number[]; text: number[] };
      const slope = (ys: readonly number[]): number => fitExponent(LONG_WORK_SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
      const at = `at ${LONG_WORK_SIZES.join(', ')} steps; text ${text.join(', ')} characters, slope ${slope(text).toFixed(3)}`;
      assert.ok(slope(work) <= 1.1, `${gate}, work: log-log slope ${slope(work).toFixed(3)} (${work.join(', ')} checkpoints ${at})`);
    }
  });

  it('short chains are checked against finite differences', () => {
    for (const [n, gate] of [1, 2, 3, 5, 8, 13].flatMap((k) => GATES.map((g) => [k, g] as const))) {
      const r = derive({ ...gatedChain(n, `c${n}${gate.slice(3)}`, gate), check: true, timeLimitMs: 60_000 });
      assert.ok(r.ok, r.ok ? '' : `${gate}, ${n} steps: ${r.error.code} ${r.error.message}`);
      assert.equal(r.value.check?.passed, true, `${gate}, ${n} steps: ${JSON.stringify(r.value.check)}`);
    }
  });
});
