/**
 * The explanation of a simplification (derivation/identities.ts describeSimplification) looks at the
 * expression before it once: its work is linear in the nodes of that expression. The terms of each
 * sum were walked one by one to undo double transposes, and where sums nest — a residual network's
 * h_k = h_(k−1) + tanh(W_k h_(k−1)), substituted back into its derivative, holds every earlier sum in
 * each of its terms — that was quadratic: 121,728 / 483,456 checkpoints here at 200 / 400 steps, and
 * 505,000 / 1,683,000 for the whole full derivation of `recurrenceProbe.ts` family 3 (261,000 / 719,000
 * after). Work counted in checkpoints, never timed.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fitExponent } from '../../../bench/growth';
import { describeSimplification } from '../../../src/core/derivation/identities';
import { writerFor } from '../../../src/core/derivation/writer';
import { rawAdd, rawTranspose, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { add, mul, num } from '../../../src/core/simplify/build';

const SIZES = [100, 200, 400] as const;

/** The work at n steps, measured in a fresh process (explainProbe.ts says why). */
const work = (n: number): number => Number(execFileSync(process.execPath, [path.join(__dirname, 'explainProbe.js'), String(n)], { encoding: 'utf8' }));

describe('derivation: explaining a simplification is linear in the expression before it', () => {
  it('nested sums (a residual network\'s state): work slope ≤ 1.1 at 100 / 200 / 400 steps', () => {
    const series = SIZES.map(work);
    const slope = fitExponent(SIZES.map((n, i) => [n, series[i]] as const)).exponent;
    assert.ok(slope <= 1.1, `log-log slope ${slope.toFixed(3)} (${series.join(', ')} at ${SIZES.join(', ')} steps)`);
  });

  it('like terms up to double transposes are still recognised, in nested sums as well', () => {
    const a = variable('ai', shape('n', 'n'));
    const b = variable('bi', shape('n', 'n'));
    const ab = mul(a, b);
    const before = rawAdd([ab, rawTranspose(rawTranspose(ab)), add(b, a)]);
    const d = describeSimplification(writerFor(), before, add(mul(num(2), ab), b, a), false);
    assert.match(d.explanation, /^Collect like terms/);
  });
});
