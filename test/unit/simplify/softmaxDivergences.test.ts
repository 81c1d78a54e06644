/**
 * Entropy and KL divergences of a softmax, as a textbook writes their gradients: a softmax row times a sum with
 * ones, pᵀ(u + c𝟏) = pᵀu + c (simplify/chain.ts: the entries of p add up to 1), and the negative integer powers
 * of a quotient taken entry by entry, (p ⊘ q)∘⁻¹ = q ⊘ p (simplify/power.ts). ∂ sum(p ⊙ log p)/∂z printed
 * (p ⊙ (log p + 𝟏) − ppᵀ(log p + 𝟏))ᵀ and is (p ⊙ log p − (pᵀlog p)p)ᵀ; ∂ sum(q ⊙ log(q ⊘ p))/∂z printed
 * (ppᵀ((q∘² ⊙ p∘⁻²) ⊘ (q ⊘ p)) − q∘² ⊘ (p ⊙ (q ⊘ p)))ᵀ and is (sum(q)p − q)ᵀ (p = softmax(z)). Checked
 * numerically (central differences); and each rule on random operands against the expression as written —
 * the same value, rewritten only where p is a softmax and the sum has a ones term, or the product a reciprocal.
 */
import assert from 'node:assert/strict';
import { derivedAsCases } from './derivedAs';
import { type Expr, ones, rawAdd, rawDiagm, rawHadamard, rawMul, rawPow, rawSoftmax, rawTranspose, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { compareNumerically } from '../../../src/core/numeric/index';
import { fn, mul, num, pow, reduce, transpose } from '../../../src/core/simplify/build';
import { generator } from '../seeded';

describe('simplify: the entropy and KL divergences of a softmax', () => {
  derivedAsCases([
    ['sum(softmax(z) .* log(softmax(z)))', 'z', "(softmax(z) .* log(softmax(z)) - (softmax(z)'*log(softmax(z)))*softmax(z))'"],
    ['sum(q .* log(q ./ softmax(z)))', 'z', "(sum(q)*softmax(z) - q)'"],
    ['sum(softmax(z) .* log(softmax(z) ./ q))', 'z', "(softmax(z) .* log(softmax(z) ./ q) - (softmax(z)'*log(softmax(z) ./ q))*softmax(z))'"],
    ['sum(q .* log(q ./ softmax(W*x)))', 'x', "(sum(q)*softmax(W*x) - q)'*W"],
  ], 'z: vector(n); q: vector(n); W: matrix(n, m); x: vector(m)');

  it('on 300 random products of a row and a sum: the same value, distributed only for a softmax row beside a sum with a ones term', () => {
    const z = variable('z', shape('n', 1));
    const r = variable('r', shape(1, 'n'));
    const u = variable('u', shape('n', 'k'));
    const v = variable('v', shape('n', 'k'));
    const c = variable('c', shape(1, 1));
    let distributed = 0;
    let kept = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const pick = generator(77_003 + 7_919 * seed);
      pick(2);
      // The row: softmax(z)ᵀ (fires) or any row (must not).
      const softRow = pick(2) === 0;
      const row = softRow ? rawTranspose(rawSoftmax(z)) : r;
      // The sum: with 𝟏, c·𝟏 or −2·𝟏 (fires beside a softmax), or without ones (must not).
      const k = pick(4);
      const onesTerm = [ones(shape('n', 'k')), rawMul([c, ones(shape('n', 'k'))]), rawMul([num(-2), ones(shape('n', 'k'))])];
      const sum = k < 3 ? rawAdd([u, onesTerm[k]]) : rawAdd([u, v]);
      // Row times sum, or (its transpose) sum transposed times column.
      const left = pick(2) === 0;
      const factors = left ? [row, sum] : [rawTranspose(sum), rawTranspose(row)];
      const written = rawMul(factors);
      const built = mul(...factors.map((f) => (f.op === 'transpose' ? transpose(f.args[0]) : f)));
      const fires = softRow && k < 3;
      assert.equal(built.op === 'add', fires, `seed ${seed}: distributed ${built.op === 'add'}`);
      if (fires) distributed++;
      else kept++;
      const same = compareNumerically(built, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(distributed >= 60 && kept >= 150, `${distributed} distributed, ${kept} kept`);
  });

  it('on 200 random powers of Hadamard products: the same value, taken entry by entry only for a negative integer power of a quotient', () => {
    const p = variable('p', shape('n', 1));
    const q = variable('q', shape('n', 1));
    const s = variable('s', shape('n', 1));
    let opened = 0;
    let kept = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const pick = generator(88_001 + 7_919 * seed);
      pick(2);
      // p ⊘ q and p ⊙ s ⊘ q (quotients), p ⊙ s (not).
      const forms = [rawHadamard([p, rawPow(q, num(-1))]), rawHadamard([p, s, rawPow(q, num(-2))]), rawHadamard([p, s])];
      const form = pick(forms.length);
      const k = [-1, -2, -3, 2, 3][pick(5)];
      const written = rawPow(forms[form], num(k));
      const built = pow(forms[form], num(k));
      const fires = form < 2 && k < 0;
      assert.equal(built.op !== 'pow', fires, `seed ${seed}: form ${form}, k ${k}: opened ${built.op !== 'pow'}`);
      if (fires) opened++;
      else kept++;
      const same = compareNumerically(built, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(opened >= 50 && kept >= 80, `${opened} opened, ${kept} kept`);
  });
});

describe('simplify: a softmax written out in a product, exp(u)/sum(exp(u)) = softmax(u)', () => {
  derivedAsCases([
    ['log(sum(exp(z)))', 'z', "softmax(z)'"],
    ['sum(y .* (z - log(sum(exp(z)))))', 'z', "(y - sum(y)*softmax(z))'"],
    ['log(sum(exp(W*x)))', 'x', "softmax(W*x)'*W"],
  ], 'z: vector(n); y: vector(n); W: matrix(n, m); x: vector(m)');

  it('on 300 random products of powers of sum(exp(·)) with exps, their transposes and diagonals: the same value, a softmax only for an integer negative power beside the same exp', () => {
    const u = variable('u', shape('n', 1));
    const v = variable('v', shape('n', 1));
    const a = variable('a', shape('m', 'n'));
    const eu = fn('exp', u);
    const ev = fn('exp', v);
    let made = 0;
    let kept = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const pick = generator(99_001 + 7_919 * seed);
      pick(2);
      const k = [-1, -2, -1, 1, 0.5, -0.5][pick(6)];
      const sumOf = pick(4) === 0 ? ev : eu;
      const scalar = rawPow(reduce('sum', sumOf), num(k));
      // The chain: exp(u) at the end, exp(u)ᵀ at the start, diag(exp(u)) between, or exp(v).
      const form = pick(4);
      const chain = form === 0 ? [a, eu] : form === 1 ? [rawTranspose(eu), rawTranspose(a)] : form === 2 ? [a, rawDiagm(eu)] : [a, ev];
      const written = rawMul([scalar, ...chain]);
      const built = mul(scalar, ...chain);
      // exp(v)'s own sum beside exp(v) makes softmax(v); a sum of the other exp, none.
      const fires = Number.isInteger(k) && k < 0 && (sumOf === eu ? form < 3 : form === 3);
      assert.equal(hasSoftmax(built), fires, `seed ${seed}: k ${k}, form ${form}: softmax ${hasSoftmax(built)}`);
      if (fires) made++;
      else kept++;
      const same = compareNumerically(built, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(made >= 60 && kept >= 150, `${made} made, ${kept} kept`);
  });
});

const hasSoftmax = (e: Expr): boolean => e.op === 'softmax' || e.args.some(hasSoftmax);
