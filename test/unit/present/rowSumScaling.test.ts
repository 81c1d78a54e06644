/**
 * The softmax cross-entropy over a batch, for targets Y whose rows need not sum to 1, has the gradient by the
 * logits diag(Y𝟏)P − Y (P = softmax(Z, 2)): row i is (Σⱼ Yᵢⱼ)pᵢ − yᵢ. It printed (Y𝟏𝟏ᵀ) ⊙ P − Y, the same
 * matrix; (Y𝟏𝟏ᵀ) ⊙ M is written diag(Y𝟏)M, and by columns (𝟏𝟏ᵀY) ⊙ M is M diag(Yᵀ𝟏) (present/rowSumScaling.ts).
 * With Y declared probabilities it is still P − Y. Checked numerically (central differences), and on random
 * Hadamard products of a broadcast and a matrix: the same value, rewritten only for a variable's row or column
 * sums (a gain's 𝟏γᵀ, a vector's u𝟏ᵀ and a product's row sums stay Hadamard products).
 */
import assert from 'node:assert/strict';
import { derivedAsCases } from '../simplify/derivedAs';
import { type Expr, ones, rawHadamard, rawMul, rawTranspose, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { compareNumerically } from '../../../src/core/numeric/index';
import { rowSumsAsDiagonals } from '../../../src/core/present/rowSumScaling';
import { num } from '../../../src/core/simplify/build';
import { generator } from '../seeded';

describe('present: a Hadamard product by a variable\'s broadcast row sums is a product with their diagonal', () => {
  const where = 'Y: matrix(N, k); Z: matrix(N, k); X: matrix(N, d); W: matrix(d, k); b: vector(k)';
  derivedAsCases([
    ['-sum(Y .* (Z - logsumexp(Z, 2)*ones(1, k)))/N', 'Z', "(diag(Y*ones(k))*softmax(Z, 2) - Y)'/N"],
    ['-sum(Y .* (Z - ones(N, 1)*logsumexp(Z, 1)))/N', 'Z', "(softmax(Z, 1)*diag(Y'*ones(N)) - Y)'/N"],
    ["-sum(Y .* log(softmax(X*W + ones(N, 1)*b', 2)))/N", 'W', "(diag(Y*ones(k))*softmax(X*W + ones(N)*b', 2) - Y)'*X/N"],
    ["-sum(Y .* log(softmax(X*W + ones(N, 1)*b', 2)))/N", 'b', "ones(1, N)*(diag(Y*ones(k))*softmax(X*W + ones(N)*b', 2) - Y)/N"],
  ], where);
  derivedAsCases([
    ['-sum(Y .* (Z - logsumexp(Z, 2)*ones(1, k)))/N', 'Z', "(softmax(Z, 2) - Y)'/N"],
  ], 'Y: matrix(N, k) probabilities; Z: matrix(N, k)');

  it('on 300 random Hadamard products of a broadcast and a matrix: the same value, rewritten only for a variable\'s row or column sums', () => {
    const Y = variable('Y', shape('n', 'k'));
    const M = variable('M', shape('n', 'k'));
    const A = variable('A', shape('n', 'n'));
    const u = variable('u', shape('n', 1));
    const g = variable('g', shape('k', 1));
    const c = variable('c', shape(1, 1));
    const onesN = ones(shape('n', 1));
    const onesK = ones(shape('k', 1));
    const onesRowN = ones(shape(1, 'n'));
    const onesRowK = ones(shape(1, 'k'));
    let rewritten = 0;
    let kept = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const pick = generator(90_001 + 7_919 * seed);
      // The broadcast: Y𝟏𝟏ᵀ, 𝟏𝟏ᵀY (fire), u𝟏ᵀ, 𝟏gᵀ, (AY)𝟏𝟏ᵀ (must not).
      const kind = pick(5);
      const chain: Expr[][] = [
        [Y, onesK, onesRowK],
        [onesN, onesRowN, Y],
        [u, onesRowK],
        [onesN, rawTranspose(g)],
        [rawMul([A, Y]), onesK, onesRowK],
      ];
      const scalars = [[], [c], [num(-3)]][pick(3)];
      const broadcast = rawMul([...scalars, ...chain[kind]]);
      const others = pick(2) === 0 ? [M] : [M, Y];
      const written = rawHadamard(pick(2) === 0 ? [broadcast, ...others] : [...others, broadcast]);
      const shown = rowSumsAsDiagonals(written);
      const fires = kind < 2;
      const hasDiagonal = shown.op === 'mul' && shown.args.some((f) => f.op === 'diagm');
      assert.equal(hasDiagonal, fires, `seed ${seed}: written with a diagonal ${hasDiagonal}`);
      assert.equal(shown === written, !fires, `seed ${seed}: kept as written ${shown === written}`);
      if (fires) rewritten++;
      else kept++;
      const same = compareNumerically(shown, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(rewritten >= 90 && kept >= 120, `${rewritten} rewritten, ${kept} kept`);
  });
});
