/**
 * hadamard() on a deep chain of products kept whole (simplify/hadamard.ts): h_k = tanh(W h_(k−1)) ⊙
 * h_(k−1) keeps every other level one node, and each kept product noted the ids of all the factors
 * below it (at any depth) in a set of its own, a copy of the set of the product it keeps: O(k) ids at
 * the k-th level, quadratic in the depth (and uncounted by the budget: 0.67 / 2.9 s of CPU at 4,000 /
 * 8,000 levels of two factors, 3.1 / 15.4 s with three). Work in budget checkpoints (deterministic),
 * never time: at 1,000 / 2,000 / 4,000 levels it grows with a log-log slope ≤ 1.1; and what the
 * products keep or open is unchanged (a factor met again beside a kept product still opens it).
 */
import * as assert from 'node:assert/strict';
import { fitExponent } from '../../../bench/growth';
import { type Expr, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { fn, hadamard, mul, pow } from '../../../src/core/simplify/build';
import { num } from '../../../src/core/model/expr';
import { counted } from '../checkpoints';

const SIZES = [1_000, 2_000, 4_000] as const;

/** Checkpoints passed building `build`. */
const work = (build: () => Expr): number => counted(build).work;

let fresh = 0;
const vars = (): { W: Expr; x: Expr } => {
  fresh++;
  return { W: variable(`Wk${fresh}`, shape('n', 'n')), x: variable(`xk${fresh}`, shape('n', 1)) };
};

const CHAINS: readonly (readonly [string, (n: number) => Expr])[] = [
  ['h = tanh(W h) ⊙ h', (n) => {
    const { W, x } = vars();
    let h = x;
    for (let k = 0; k < n; k++) h = hadamard(fn('tanh', mul(W, h)), h);
    return h;
  }],
  ['h = tanh(W h) ⊙ sin(W h) ⊙ h', (n) => {
    const { W, x } = vars();
    let h = x;
    for (let k = 0; k < n; k++) h = hadamard(fn('tanh', mul(W, h)), fn('sin', mul(W, h)), h);
    return h;
  }],
];

describe('hadamard(): a deep chain of kept products is built in linear work', function () {
  this.timeout(120_000);

  for (const [name, chain] of CHAINS) {
    it(`${name}: checkpoints at ${SIZES.join(' / ')} levels grow with a log-log slope ≤ 1.1`, () => {
      const ys = SIZES.map((n) => work(() => chain(n)));
      const slope = fitExponent(SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
      assert.ok(slope <= 1.1, `log-log slope ${slope.toFixed(3)} (${ys.join(', ')} at ${SIZES.join(', ')} levels)`);
    });
  }

  it('a factor of a kept product, at any depth, beside it still opens it (its powers merged); others keep it whole', () => {
    const { W, x } = vars();
    const t = (k: number, h: Expr): Expr => fn('tanh', mul(W, mul(num(k), h)));
    // Kept: t1 ⊙ t2 ⊙ x (three plain factors), then t3 ⊙ t4 ⊙ (t1 ⊙ t2 ⊙ x).
    const inner = hadamard(t(1, x), t(2, x), x);
    const outer = hadamard(t(3, x), t(4, x), inner);
    assert.equal(outer.op, 'hadamard');
    assert.ok(outer.args.includes(inner), 'the inner product is kept whole');
    // x beside it (a factor two levels down): opened, x ⊙ x merged.
    const opened = hadamard(x, outer);
    assert.ok(!opened.args.includes(inner) && !opened.args.includes(outer), 'opened');
    assert.ok(opened.args.includes(pow(x, num(2))), `x∘² in ${opened.args.map((a) => a.op).join(', ')}`);
    // t1 beside it (a factor of the inner product): opened too, t1∘².
    const again = hadamard(outer, t(1, x));
    assert.ok(again.args.includes(pow(t(1, x), num(2))), 't1∘²');
    // A kept product beside it sharing a factor deep down opens both.
    const other = hadamard(t(5, x), t(6, x), t(1, x));
    const both = hadamard(outer, other);
    assert.ok(both.args.includes(pow(t(1, x), num(2))), 'shared t1: t1∘²');
    // A new factor, or a kept product sharing none, keeps it whole.
    const kept = hadamard(t(7, x), outer);
    assert.ok(kept.args.includes(outer), 'kept beside a new factor');
    const apart = hadamard(outer, hadamard(t(8, x), t(9, x), t(10, x)));
    assert.ok(apart.args.includes(outer), 'kept beside a product sharing nothing');
  });
});
