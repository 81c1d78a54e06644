/**
 * A power of a scaled matrix in a product has its scalars taken out, (cA)ᵏ = cᵏAᵏ (simplify/product.ts): ∂(cX)³/∂c
 * printed X(cX)² + c²X³ + (cX)²X, three like terms not met, and is 3c²X³. A power alone keeps its form as read.
 * Checked numerically (central differences), and on random products holding a power of a product with or without
 * scalars: the same value at random points, opened only where the base holds a scalar.
 */
import assert from 'node:assert/strict';
import { derivedAsCases } from './derivedAs';
import { type Expr, postorder, rawMatpow, rawMul, variable } from '../../../src/core/model/expr';
import { shape, SCALAR } from '../../../src/core/model/shape';
import { compareNumerically } from '../../../src/core/numeric/index';
import { mul, num } from '../../../src/core/simplify/build';
import { generator } from '../seeded';

describe('simplify: (cA)ᵏ = cᵏAᵏ in a product', () => {
  derivedAsCases([
    ['(c*X)^3', 'c', '3*c^2*X^3'],
    ['tr((c*X)^3)', 'c', '3*c^2*tr(X^3)'],
    ['(c*X)^2*X', 'c', '2*c*X^3'],
    ["(c*X)^2*y", 'c', '2*c*X^2*y'],
  ], 'X: matrix(n, n); y: vector(n); c: scalar', { readAsWritten: true });

  it('on 200 random products with a power of a product: the same value, the scalars out only where the base has some and the power is not alone', () => {
    const A = variable('A', shape('n', 'n'));
    const B = variable('B', shape('n', 'n'));
    const c = variable('c', SCALAR);
    const d = variable('d', SCALAR);
    let opened = 0;
    let kept = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const pick = generator(4_243 + 7_919 * seed);
      const scalars: Expr[] = [[], [c], [c, d], [num(-2)]][pick(4)];
      const parts = [...scalars, ...(pick(2) === 0 ? [A] : [A, B])];
      const base = parts.length === 1 ? parts[0] : rawMul(parts);
      const k = 2 + pick(2);
      const power = rawMatpow(base, k);
      const others = [[], [B], [A, B]][pick(3)];
      const factors = pick(2) === 0 ? [power, ...others] : [...others, power];
      const built = mul(...factors);
      const written = rawMul(factors);
      const powersOfScaled = postorder(built).some((e) => e.op === 'matpow' && e.args[0].op === 'mul' && e.args[0].args.some((a) => a.shape.rows === 1 && a.shape.cols === 1));
      // A power alone (no other factor) keeps its form as read.
      const fires = scalars.length > 0 && others.length > 0;
      assert.equal(powersOfScaled, others.length === 0 && scalars.length > 0, `seed ${seed}: a scaled power left ${powersOfScaled}`);
      // Without scalars the power is a factor as written.
      assert.equal(postorder(built).includes(power), !fires, `seed ${seed}: the power kept ${!fires}`);
      if (fires) opened++;
      else kept++;
      const same = compareNumerically(built, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(opened >= 80 && kept >= 60, `${opened} opened, ${kept} kept`);
  });
});
