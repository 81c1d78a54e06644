/**
 * A softmax written out, exp(z)/sum(exp(z)), has the Jacobian the textbooks give softmax(z): diag(p) − ppᵀ
 * (p = softmax(z)), as ∂softmax(z)/∂z prints. It printed (I − softmax(z)𝟏ᵀ)diag(exp(z))/sum(exp(z)): the chain rule's
 * (I/s − p𝟏ᵀ/s)·diag(exp(z)) (s = sum(exp(z))) was factored without the exponential meeting its 1/s. The
 * presentation distributes a matrix product over a sum beside a written-out exponential (present/expand.ts), kept
 * only where smaller — where the smart product then makes softmaxes (simplify/softmaxForm.ts). Checked
 * numerically (central differences), and on random products of a sum and a factor exp(u), exp(u)ᵀ, diag(exp(u))
 * or another: the same value, distributed only where a sum(exp(u))⁻¹ meets its exponential.
 */
import assert from 'node:assert/strict';
import { derivedAsCases } from '../simplify/derivedAs';
import { type Expr, postorder, rawAdd, rawDiagm, rawFn, rawMul, rawPow, rawReduce, rawTranspose, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { compareNumerically } from '../../../src/core/numeric/index';
import { expandWhereSmaller } from '../../../src/core/present/expand';
import { num } from '../../../src/core/simplify/build';
import { generator } from '../seeded';

describe('present: a softmax written out has the Jacobian diag(p) − ppᵀ', () => {
  derivedAsCases([
    ['exp(z)/sum(exp(z))', 'z', "diag(softmax(z)) - softmax(z)*softmax(z)'"],
    ['exp(A*z)/sum(exp(A*z))', 'z', "(diag(softmax(A*z)) - softmax(A*z)*softmax(A*z)')*A"],
    ['softmax(z)', 'z', "diag(softmax(z)) - softmax(z)*softmax(z)'"],
  ], 'z: vector(n); A: matrix(n, n)');

  it('on 300 random products of a sum and a factor: the same value, distributed only where a 1/sum(exp(u)) meets exp(u)', () => {
    const u = variable('u', shape('n', 1));
    const a = variable('a', shape('n', 1));
    const B = variable('B', shape('n', 'n'));
    const C = variable('C', shape('n', 'n'));
    const e = rawFn('exp', u);
    const s = rawReduce('sum', e);
    let distributed = 0;
    let kept = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const pick = generator(31_337 + 7_919 * seed);
      // The factor: diag(exp(u)) (fires with 1/s), exp(u)ᵀ after a column sum, or a matrix C (must not).
      const kind = pick(3);
      const factor = kind === 0 ? rawDiagm(e) : kind === 1 ? rawTranspose(e) : C;
      // The sum's terms, n×n (kinds 0, 2) or n×1 before a row (kind 1): with 1/s (fires beside exp(u)) or without.
      const withS = pick(2) === 0;
      const scale = (t: Expr): Expr => (withS ? rawMul([t, rawPow(s, num(-1))]) : t);
      const sum = kind === 1
        ? rawAdd([scale(a), rawMul([num(-(1 + pick(3))), scale(rawMul([B, a]))])])
        : rawAdd([scale(B), rawMul([num(-(1 + pick(3))), scale(rawMul([a, rawTranspose(a)]))])]);
      const written = rawMul([sum, factor]);
      const shown = expandWhereSmaller(written);
      const fires = kind !== 2 && withS;
      const softmaxes = postorder(shown).some((n) => n.op === 'softmax');
      // Distributed exactly where a softmax is made.
      assert.equal(shown.op === 'add', fires, `seed ${seed}: distributed ${shown.op === 'add'}`);
      assert.equal(softmaxes, fires, `seed ${seed}: softmax made ${softmaxes}`);
      if (fires) distributed++;
      else kept++;
      const same = compareNumerically(shown, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(distributed >= 60 && kept >= 150, `${distributed} distributed, ${kept} kept`);
  });
});
