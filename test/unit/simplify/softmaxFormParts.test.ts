/**
 * A softmax written out in more of the forms people write it (simplify/softmaxForm.ts, simplify/matrix.ts,
 * present/expand.ts), each to the textbook form with p = softmax(z):
 * - dotted with y, yᵀexp(z)/sum(exp(z)): the gradient p ⊙ y − (yᵀp)p (printed ((y/s − (yᵀexp(z))𝟏/s²) ⊙ exp(z))ᵀ,
 *   s = sum(exp(z))): a Hadamard product or a 1×1 product or sum holding exp(u) takes a sum(exp(u))⁻¹;
 * - of the row zᵀ, exp(z')/sum(exp(z)) = softmax(z)ᵀ: its Jacobian diag(p) − ppᵀ (printed with exp(zᵀ)ᵀ), since
 *   f(Aᵀ)ᵀ = f(A) for an element-wise f or the softmax and (Aᵀ ⊙ Bᵀ)ᵀ = A ⊙ B;
 * - over the squared sum, exp(z)/sum(exp(z))²: (diag(p) − 2ppᵀ)/s (printed (I − 2p𝟏ᵀ)diag(exp(z))/s²): a
 *   distribution beside a written-out exponential that makes its softmaxes and is no larger factored.
 * Every case is checked by central differences; random products check that each rewrite keeps the value and fires
 * exactly where it should (not beside another exponential's sum, a non-integer power, a positive power).
 */
import assert from 'node:assert/strict';
import { derivedAsCases } from './derivedAs';
import {
  type Expr, num, ones, eye, postorder, rawAdd, rawDiagm, rawFn, rawHadamard, rawMul, rawPow, rawReduce, rawSoftmax, rawTranspose, variable,
} from '../../../src/core/model/expr';
import { shape, SCALAR } from '../../../src/core/model/shape';
import { compareNumerically } from '../../../src/core/numeric/index';
import { mul, transpose } from '../../../src/core/simplify/build';
import { expandWhereSmaller } from '../../../src/core/present/expand';
import { generator } from '../seeded';

const WHERE = 'z: vector(n); y: vector(n); x: vector(n); A: matrix(n, n)';
const hasSoftmax = (e: Expr): boolean => postorder(e).some((n) => n.op === 'softmax');

describe('simplify: a softmax written out, dotted, of a row, over a power of its sum', () => {
  derivedAsCases([
    ["y'*exp(z)/sum(exp(z))", 'z', "(y .* softmax(z) - (y'*softmax(z))*softmax(z))'"],
    ["exp(z')*y/sum(exp(z))", 'z', "(y .* softmax(z) - (softmax(z)'*y)*softmax(z))'"],
    ['sum(exp(z).*y)/sum(exp(z))', 'z', "(y .* softmax(z) - sum(softmax(z) .* y)*softmax(z))'"],
    ['exp(z).*y/sum(exp(z))', 'z', "diag(y .* softmax(z)) - (softmax(z) .* y)*softmax(z)'"],
    ["exp(z')/sum(exp(z))", 'z', "diag(softmax(z)) - softmax(z)*softmax(z)'"],
    ["exp(z')/sum(exp(z'))", 'z', "diag(softmax(z)) - softmax(z)*softmax(z)'"],
    ["exp(z)/sum(exp(z'))", 'z', "diag(softmax(z)) - softmax(z)*softmax(z)'"],
    ['exp(z)/sum(exp(z))^2', 'z', "(diag(softmax(z)) - 2*softmax(z)*softmax(z)')/sum(exp(z))"],
    ['exp(z)/sum(exp(z))^3', 'z', "sum(exp(z))^-2*(diag(softmax(z)) - 3*softmax(z)*softmax(z)')"],
    ['exp(A*z)/sum(exp(A*z))^2', 'z', "(diag(softmax(A*z)) - 2*softmax(A*z)*softmax(A*z)')*A/sum(exp(A*z))"],
    // Must not fire: another exponential's sum, a square root of the sum, the sum as a factor.
    ['exp(z)/sum(exp(x))', 'z', 'diag(exp(z))/sum(exp(x))'],
    ["y'*exp(z)/sum(exp(x))", 'z', "(y .* exp(z))'/sum(exp(x))"],
    ['exp(z)/sqrt(sum(exp(z)))', 'z', '(eye(n)/sqrt(sum(exp(z))) - sqrt(sum(exp(z)))^-3*exp(z)*ones(1, n)/2)*diag(exp(z))'],
    ['exp(z)*sum(exp(z))', 'z', '(sum(exp(z))*eye(n) + exp(z)*ones(1, n))*diag(exp(z))'],
  ], WHERE);

  it('on 400 random products of a power of sum(exp(u)) and a factor: the same value, a softmax made exactly where the factor holds exp(u) and the power is a negative integer', () => {
    const u = variable('u', shape('n', 1));
    const w = variable('w', shape('n', 1));
    const a = variable('a', shape('n', 1));
    const c = variable('c', SCALAR);
    const e = rawFn('exp', u);
    const other = rawFn('exp', w);
    const eRow = rawFn('exp', rawTranspose(u));
    // [factor, holds exp(u) where the rule looks]
    const factors: readonly (readonly [Expr, boolean])[] = [
      [e, true], [eRow, true], [rawTranspose(e), true], [rawDiagm(e), true],
      [rawHadamard([a, e]), true], [rawDiagm(rawHadamard([a, e])), true], [rawTranspose(rawHadamard([a, e])), true],
      [rawMul([rawTranspose(a), e]), true], [rawMul([eRow, a]), true], [rawReduce('sum', rawHadamard([a, e])), true],
      [other, false], [rawHadamard([a, other]), false], [rawMul([rawTranspose(a), other]), false], [rawReduce('sum', rawHadamard([a, other])), false], [a, false],
    ];
    const powers = [num(-1), num(-2), num(-1 / 2), num(1)];
    let made = 0;
    let kept = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const pick = generator(60_013 + 7_919 * seed);
      const [f, holds] = factors[pick(factors.length)];
      const k = powers[pick(powers.length)];
      // The sum written of the column or of the row uᵀ: the same number.
      const s = rawReduce('sum', pick(2) === 0 ? e : eRow);
      const parts = [rawPow(s, k), f, ...(pick(2) === 0 ? [c] : [])];
      const built = mul(...parts);
      const written = rawMul(parts);
      const fires = holds && (k.value as number) < 0 && Number.isInteger(k.value);
      assert.equal(hasSoftmax(built), fires, `seed ${seed}: softmax made ${hasSoftmax(built)}`);
      if (fires) made++;
      else kept++;
      const same = compareNumerically(built, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(made >= 100 && kept >= 200, `${made} made, ${kept} kept`);
  });

  it('on 200 random transposes: f(Aᵀ)ᵀ = f(A), softmax(zᵀ)ᵀ = softmax(z), (Aᵀ ⊙ Bᵀ)ᵀ = A ⊙ B, and nothing else loses its transpose', () => {
    const A = variable('A', shape('m', 'n'));
    const B = variable('B', shape('m', 'n'));
    const z = variable('z', shape('n', 1));
    const names = ['exp', 'tanh', 'sin', 'sigmoid'] as const;
    let rewritten = 0;
    let kept = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const pick = generator(9_001 + 7_919 * seed);
      const name = names[pick(names.length)];
      const kind = pick(6);
      const inner = [
        rawFn(name, rawTranspose(A)),
        rawSoftmax(rawTranspose(z)),
        rawHadamard([rawTranspose(A), rawTranspose(B)]),
        rawFn(name, A),
        rawHadamard([rawTranspose(A), rawFn(name, rawTranspose(B))]),
        rawSoftmax(z),
      ][kind];
      const fires = kind <= 2;
      const t = transpose(inner);
      const transposes = postorder(t).filter((n) => n.op === 'transpose').length;
      assert.equal(transposes === 0, fires, `seed ${seed}: ${transposes} transposes left`);
      if (fires) rewritten++;
      else kept++;
      const same = compareNumerically(t, rawTranspose(inner), [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(rewritten >= 60 && kept >= 60, `${rewritten} rewritten, ${kept} kept`);
  });

  it('on 300 random sums beside diag(exp(u)): the same value distributed or not, exp(u) made a softmax only beside 1/sum(exp(u))ᵏ', () => {
    const u = variable('u', shape('n', 1));
    const w = variable('w', shape('n', 1));
    const a = variable('a', shape('n', 1));
    const e = rawFn('exp', u);
    const ownSum = rawReduce('sum', e);
    const otherSum = rawReduce('sum', rawFn('exp', w));
    const row = ones(shape(1, 'n'));
    let made = 0;
    let kept = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const pick = generator(77_003 + 7_919 * seed);
      const own = pick(3) !== 0;
      const s = own ? ownSum : otherSum;
      const power = (): Expr | undefined => [num(-1), num(-2), num(-3), num(-1 / 2), undefined][pick(5)];
      const k1 = power();
      const k2 = power();
      const q = pick(2) === 0 ? rawSoftmax(u) : a;
      const scaled = (parts: Expr[], k: Expr | undefined): Expr => rawMul(k === undefined ? parts : [...parts, rawPow(s, k)]);
      const sum = rawAdd([scaled([eye('n')], k1), scaled([num(-(1 + pick(3))), q, row], k2)]);
      const written = rawMul([sum, rawDiagm(e)]);
      const shown = expandWhereSmaller(written);
      // Made: exp(u) is left only under its sum.
      const madeHere = !postorder(shown).some((n) => n.op !== 'sum' && n.args.includes(e));
      const negativeInteger = (k: Expr | undefined): boolean => k !== undefined && Number.isInteger(k.value) && (k.value as number) < 0;
      if (madeHere) {
        assert.ok(own && (negativeInteger(k1) || negativeInteger(k2)), `seed ${seed}: a softmax made without 1/sum(exp(u))ᵏ`);
        made++;
      } else kept++;
      // The Jacobian of exp(u)/sum(exp(u))² as the chain rule leaves it: always distributed.
      if (own && q !== a && k1 === k2 && (k1?.value as number) === -2) assert.ok(madeHere, `seed ${seed}: (I − c·p𝟏ᵀ)diag(exp(u))/s² not distributed`);
      const same = compareNumerically(shown, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(made >= 60 && kept >= 60, `${made} made, ${kept} kept`);
  });
});
