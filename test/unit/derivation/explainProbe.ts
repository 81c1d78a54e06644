/**
 * The measurement of identities.test.ts, in a child process of its own: `node explainProbe.js <steps>`
 * prints the work (checkpoints) of explaining the simplification of a residual network's state at that
 * many steps. In the test process the count depended on what ran before it: postorder() remembers the
 * orders of its last few roots (model/expr.ts RECENT_ORDERS, a table emptied when full), so the same
 * call walked more or less again depending on the table it found (slope 1.201 after
 * derivation/seeds.test.js, ≤ 1.1 alone). A fresh process finds an empty table every time.
 */
import { describeSimplification } from '../../../src/core/derivation/identities';
import { writerFor } from '../../../src/core/derivation/writer';
import { type Expr, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { add, fn, mul, num } from '../../../src/core/simplify/build';
import { counted } from '../checkpoints';

/** h_n of the residual recurrence h_k = h_(k−1) + tanh(W_k h_(k−1)), h_0 = x. */
export function residual(n: number): Expr {
  const x = variable('x', shape('n', 1));
  let h = x;
  for (let k = 1; k <= n; k++) h = add(h, fn('tanh', mul(variable(`W${k}`, shape('n', 'n')), h)));
  return h;
}

/** Checkpoints passed by explaining h_n → 2·h_n (to within CHECK_EVERY). */
export function explainWork(n: number): number {
  const before = residual(n);
  const after = mul(num(2), before);
  return counted(() => describeSimplification(writerFor(), before, after, false)).work;
}

if (require.main === module) process.stdout.write(String(explainWork(Number(process.argv[2]))));
