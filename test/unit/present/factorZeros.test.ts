/**
 * A sum whose terms cancel once factored (AX − AY + A(Y − X) is A·𝟎) makes zero what is linear in it: factorize
 * rebuilt the nodes above it from their new arguments as they were, so ∂ sum(exp(P) ⊙ (AX − AY + A(Y − X)))/∂P
 * printed (𝟎 ⊙ exp(P))ᵀ (factor.ts scalarsOutOfHadamard left P ⊙ 𝟎), and others 𝟎ᵀ ⊙ exp(P), (𝟏Bᵀ) ⊙ 𝟎 ⊙ exp(P),
 * sum(exp(P) ⊙ 𝟎) + sum(P)(𝟎 ⊙ exp(P)). They print 𝟎. Checked numerically; and on random expressions holding such
 * a sum under linear operations (⊙, products, transposes, sums, traces, scalars) and under others (exp, a power):
 * the same value, no zero left inside a linear operation, a non-linear one kept (exp(𝟎) is 𝟏, not 𝟎).
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { type Expr, postorder, rawAdd, rawFn, rawHadamard, rawMul, rawReduce, rawTranspose, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { compareNumerically } from '../../../src/core/numeric/index';
import { factorize } from '../../../src/core/present/factor';
import { mul, neg, sub } from '../../../src/core/simplify/build';
import { generator } from '../seeded';

const where = 'A: matrix(n, n); B: matrix(n, n); X: matrix(n, n); Y: matrix(n, n); P: matrix(n, n); x: vector(n); y: vector(n)';
const CANCELS = 'A*X - A*Y + A*(Y - X)';

describe('present: a sum that factors to zero makes zero what is linear in it', () => {
  for (const expr of [
    `sum(exp(P) .* (${CANCELS}))`,
    `sum(exp(P) .* (${CANCELS})*B)`,
    `tr(exp(P)*(${CANCELS}))`,
    `sum(exp(P) .* (${CANCELS}))*sum(P)`,
    `sum(exp(P) .* (${CANCELS})')`,
  ]) {
    it(`∂ ${expr}/∂P is 𝟎`, () => {
      const r = derive({ expr, wrt: ['P'], where, from: 'plain', check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.result.text, 'zeros(n, n)', expr);
      assert.equal(r.value.check?.passed, true, `${expr}: ${JSON.stringify(r.value.check)}`);
    });
  }

  it('on 300 random expressions around a sum that factors to zero: the same value, no zero inside a linear operation', () => {
    const n = shape('n', 'n');
    const [A, B, X, Y, P] = ['A', 'B', 'X', 'Y', 'P'].map((name) => variable(name, n));
    const c = variable('c', shape(1, 1));
    let folded = 0;
    let kept = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const pick = generator(31_337 + 7_919 * seed);
      pick(2);
      const M = [A, B][pick(2)];
      // M·X − M·Y + M·(Y − X), in a random order, as the raw sum a derivative holds.
      const terms = [mul(M, X), neg(mul(M, Y)), mul(M, sub(Y, X))];
      const first = pick(3);
      const zero = rawAdd([terms[first], ...terms.filter((_, i) => i !== first)]);
      let e: Expr = zero;
      let linear = true;
      for (let depth = 1 + pick(3); depth > 0; depth--) {
        const k = pick(8);
        if (k === 0) e = rawHadamard([rawFn('exp', P), e]);
        else if (k === 1) e = rawMul([B, e]);
        else if (k === 2) e = rawTranspose(e);
        else if (k === 3) e = rawMul([c, e]);
        else if (k === 4) e = rawAdd([P, e]);
        else if (k === 5 && e.shape.rows !== 1) e = rawMul([rawReduce('tr', e), P]);
        else if (k === 6 && e.shape.rows !== 1) e = rawMul([rawReduce('sum', e), P]);
        else {
          e = rawFn('exp', e);
          linear = false;
        }
      }
      const out = factorize(e);
      const zerosInside = postorder(out).some((node) => node.op !== 'fn' && node.args.some((a) => a.op === 'zeros'));
      assert.ok(!zerosInside, `seed ${seed}: a zero left inside a linear operation`);
      if (linear && !postorder(e).some((node) => node.op === 'add' && node.args.includes(P))) {
        assert.equal(out.op, 'zeros', `seed ${seed}: ${out.op}`);
        folded++;
      } else kept++;
      const same = compareNumerically(out, e, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(folded >= 60 && kept >= 60, `${folded} folded to 𝟎, ${kept} with a non-linear step or a term beside`);
  });
});
