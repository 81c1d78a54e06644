/**
 * Soundness of the simplifier: every identity the smart constructors, the factoring pass and the
 * presentation pass apply leaves the value unchanged (checked at random points), and each produces
 * the textbook form it is there for.
 */
import * as assert from 'node:assert/strict';
import {
  Expr, variable, num, rawAdd, rawMul, rawHadamard, rawPow, rawTranspose, rawFn, rawReduce, rawInv, rawDiagm,
  rawKron, rawMatpow, ones, eye, sizeNode,
} from '../../../src/core/model/expr';
import { shape, SCALAR } from '../../../src/core/model/shape';
import { normalize, simplify } from '../../../src/core/simplify/simplify';
import { expandWhereSmaller } from '../../../src/core/present/expand';
import { factorize } from '../../../src/core/present/factor';
import { tidy } from '../../../src/core/present/tidy';
import { toUnicode } from '../../../src/core/write';
import { add, mul, pow, transpose } from '../../../src/core/simplify/build';
import { compareNumerically, exprsEqualNumerically } from '../../../src/core/numeric/index';
import { readPlain } from '../../../src/core/syntax/index';
import { derive } from '../../../src/core/index';

const x = variable('x', shape('n', 1));
const y = variable('y', shape('n', 1));
const A = variable('A', shape('n', 'n'));
const B = variable('B', shape('n', 'n'));
const C = variable('C', shape('m', 'n'));
const S = variable('S', shape('n', 'n'), true);
const s = variable('s', SCALAR);
const minus = (e: Expr): Expr => rawMul([num(-1), e]);

function sound(e: Expr): Expr {
  const n = normalize(e);
  const p = simplify(e);
  assert.ok(exprsEqualNumerically(e, n), 'normalize changed the value');
  assert.ok(exprsEqualNumerically(e, p), 'simplify changed the value');
  return p;
}

describe('simplify: identities are sound and produce textbook forms', () => {
  it('like terms and constants', () => {
    const e = sound(rawAdd([rawMul([num(2), x]), rawMul([num(3), x]), minus(x)]));
    assert.equal(e, mul(num(4), x));
  });
  it('like terms meet whatever the order of a Hadamard product\'s factors: y ⊙ s − s ⊙ y = 𝟎, y ⊘ s − s∘⁻¹ ⊙ y = 𝟎, 2(a ⊙ b ⊙ c) − c ⊙ a ⊙ b = a ⊙ b ⊙ c (the first written order kept)', () => {
    const sv = variable('s', shape('n', 1));
    const c = variable('c', shape('n', 1));
    assert.equal(sound(rawAdd([rawHadamard([y, sv]), minus(rawHadamard([sv, y]))])).op, 'zeros');
    assert.equal(sound(rawAdd([rawHadamard([y, rawPow(sv, num(-1))]), minus(rawHadamard([rawPow(sv, num(-1)), y]))])).op, 'zeros');
    assert.equal(sound(rawAdd([rawMul([num(2), rawHadamard([x, y, c])]), minus(rawHadamard([c, x, y]))])), rawHadamard([x, y, c]));
    // Not like terms: a factor differs, or repeats (x ⊙ x ⊙ y is not x ⊙ y ⊙ y).
    assert.equal(sound(rawAdd([rawHadamard([x, y]), minus(rawHadamard([y, c]))])).op, 'add');
    assert.equal(sound(rawAdd([rawHadamard([x, x, y]), minus(rawHadamard([x, y, y]))])).op, 'add');
    const r = derive({ expr: 't*(y.*s - s.*y)', where: 't: scalar; y: vector(n); s: vector(n)', wrt: ['t'] });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.result.text, 'zeros(n)');
  });
  it('the Hessian of the logistic loss −Σ(y ⊙ log σ(Xw) + (𝟏 − y) ⊙ log(𝟏 − σ(Xw)))/N is the textbook Xᵀ diag(σ(Xw) ⊙ (𝟏 − σ(Xw)))X/N (y cancels), checked against finite differences', () => {
    // Over N (and as a mean) it was Xᵀ diag(((𝟏 + y ⊘ σ(Xw) + … − y ⊘ σ(Xw) − …) ⊙ σ(Xw) ⊙ (𝟏 − σ(Xw)))/N)X.
    for (const expr of ['-sum(y.*log(sigmoid(X*w)) + (1-y).*log(1-sigmoid(X*w)))/N', '-mean(y.*log(sigmoid(X*w)) + (1-y).*log(1-sigmoid(X*w)))']) {
      const r = derive({ expr, where: 'X: matrix(N, n); y: vector(N); w: vector(n)', wrt: ['w'], order: 2, check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.result.unicode, 'Xᵀ diag(σ(Xw) ⊙ (𝟏 − σ(Xw)))X/N', expr);
      assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
    }
  });
  it('zero and one are neutral/absorbing', () => {
    assert.equal(sound(rawAdd([x, rawMul([num(0), y])])), x);
    assert.equal(sound(rawMul([num(1), A, eye('n'), x])), mul(A, x));
  });
  it('powers of a common base', () => {
    assert.equal(sound(rawMul([s, rawPow(s, num(2))])), rawPow(s, num(3)));
    assert.equal(sound(rawHadamard([x, x])), rawPow(x, num(2)));
  });
  it('integer powers open products: (−(1/(1/s)))³ = −s³, ((−t)³ · (−1))⁻² = t⁻⁶, (−(st))³ = −s³t³, (1/(2/(2/(2/t))))⁻² = 4t⁻², the order of first appearance kept', () => {
    // The readers write 1/b as 1 · b⁻¹ and −b as −1 · b; an adjoint raises such chains to a power (pow, not normalize).
    const t = variable('t', SCALAR);
    const reciprocal = (e: Expr): Expr => rawMul([num(1), rawPow(e, num(-1))]);
    const negS = minus(reciprocal(reciprocal(s)));
    const cases: [Expr, number, Expr][] = [
      [negS, 3, mul(num(-1), rawPow(s, num(3)))],
      [negS, 2, rawPow(s, num(2))],
      [negS, -1, mul(num(-1), rawPow(s, num(-1)))],
      [rawMul([rawPow(minus(t), num(3)), num(-1)]), -2, rawPow(t, num(-6))],
      [minus(rawMul([s, t])), 3, mul(num(-1), rawPow(s, num(3)), rawPow(t, num(3)))],
      // 1/(2/(2/(2/t))) and s/(s/t): the numbers fold, the exponents of a base add up
      [reciprocal(rawMul([num(2), reciprocal(rawMul([num(2), reciprocal(rawMul([num(2), rawPow(t, num(-1))]))]))])), -2, mul(num(4), rawPow(t, num(-2)))],
      [rawMul([s, rawPow(rawMul([s, rawPow(t, num(-1))]), num(-1))]), 3, rawPow(t, num(3))],
      // s cancels inside (s·s⁻¹·t)³ but comes first in the whole product: s², then t⁸, as mul() orders them
      [rawMul([rawPow(rawMul([s, rawPow(s, num(-1)), t]), num(3)), t, s]), 2, rawMul([rawPow(s, num(2)), rawPow(t, num(8))])],
    ];
    for (const [e, k, want] of cases) {
      const got = pow(e, num(k));
      assert.equal(got, want, `${toUnicode(e)} to the ${k}: ${toUnicode(got)}`);
      assert.ok(exprsEqualNumerically(rawPow(e, num(k)), got, [s, t], { samples: 3 }), `${toUnicode(e)} to the ${k}`);
    }
  });
  it('transposes: (AB)ᵀ = BᵀAᵀ, (Aᵀ)ᵀ = A, Sᵀ = S, scalarᵀ = scalar', () => {
    assert.equal(sound(rawTranspose(rawMul([A, x]))), mul(rawTranspose(x), rawTranspose(A)));
    assert.equal(sound(rawTranspose(rawTranspose(A))), A);
    assert.equal(sound(rawTranspose(S)), S);
    assert.equal(sound(rawTranspose(rawMul([rawTranspose(x), y]))), mul(rawTranspose(x), y));
  });
  it('diag identities: 1ᵀdiag(a) = aᵀ, diag(a)b = a ⊙ b, diag(a)diag(b) = diag(a ⊙ b)', () => {
    assert.equal(sound(rawMul([ones(shape(1, 'n')), rawDiagm(x)])), rawTranspose(x));
    assert.equal(sound(rawMul([rawDiagm(x), y])), rawHadamard([x, y]));
    assert.equal(sound(rawMul([rawDiagm(x), rawDiagm(y)])), rawDiagm(rawHadamard([x, y])));
  });
  it('an indicator to an integer power k ≥ 1 is itself: 𝟙[x > 0]∘ᵏ, 𝟙[s > 0]ᵏ, diag(𝟙[x > 0])ᵏ; other powers and sign stay', () => {
    const step = rawFn('step', x);
    assert.equal(sound(rawPow(step, num(3))), step);
    assert.equal(sound(rawHadamard([step, step])), step);
    assert.equal(sound(rawHadamard([step, rawFn('step', y), step])), rawHadamard([step, rawFn('step', y)]));
    assert.equal(sound(rawPow(rawHadamard([step, rawFn('step', y)]), num(2))), rawHadamard([step, rawFn('step', y)]));
    assert.equal(sound(rawMul([rawFn('step', s), rawFn('step', s)])), rawFn('step', s));
    assert.equal(sound(rawMatpow(rawDiagm(step), 2)), rawDiagm(step));
    assert.equal(sound(rawMul([rawDiagm(step), rawDiagm(step), A])), mul(rawDiagm(step), A));
    // 0⁻¹ is not 0, ½ is not an integer, and sign(x) takes −1: these are not the indicator.
    assert.equal(sound(rawPow(step, num(-1))).op, 'pow');
    assert.equal(sound(rawPow(step, rawPow(num(2), num(-1)))).op, 'pow');
    assert.equal(sound(rawPow(rawFn('sign', x), num(2))).op, 'pow');
    // diag(x)² is not the indicator's power: it is not diag(x) (it is diag(x∘²), the next test).
    assert.notEqual(sound(rawMatpow(rawDiagm(x), 2)), rawDiagm(x));
  });
  it('a positive integer power of a diagonal matrix is the diagonal of the power: diag(x)ᵏ = diag(x∘ᵏ), so like terms meet (x ⊙ (x ⊙ x) by x is 3 diag(x∘²), was diag(x∘²) + 2 diag(x)²)', () => {
    for (const k of [2, 3, 5]) assert.equal(sound(rawMatpow(rawDiagm(x), k)), rawDiagm(pow(x, num(k))));
    assert.equal(sound(rawMul([rawDiagm(x), rawDiagm(x), A])), mul(rawDiagm(pow(x, num(2))), A));
    // Inverses stay as they are written: diag(x)⁻² is not rewritten.
    assert.equal(sound(rawMatpow(rawDiagm(x), -2)).op, 'matpow');
    for (const [expr, text] of [['x .* (x .* x)', '3*diag(x.^2)'], ['x .* (x .* (x .* (x .* x)))', '5*diag(x.^4)']] as const) {
      const r = derive({ expr, where: 'x: vector(n)', wrt: ['x'], check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.result.text, text);
      assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
    }
  });
  it('the Hessian of ‖relu(Wx + b)‖² is 2Wᵀdiag(𝟙[Wx + b > 0])W, checked against finite differences', () => {
    const r = derive({ expr: 'sum(relu(W*x+b).^2)', where: 'W: matrix(m,n); x: vector(n); b: vector(m)', wrt: ['x'], order: 2, check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.result.text, "2*W'*diag(step(W*x + b))*W");
    assert.ok(r.value.check?.passed, `check failed: ${JSON.stringify(r.value.check)}`);
    const d = derive({ expr: 'x .* step(x).^3 + step(x).^2', where: 'x: vector(n)', wrt: ['x'], check: true });
    assert.ok(d.ok, d.ok ? '' : d.error.message);
    assert.equal(d.value.result.text, 'diag(step(x))');
    assert.ok(d.value.check?.passed, `check failed: ${JSON.stringify(d.value.check)}`);
  });
  it('relu(x)ᵏ ⊙ 𝟙[x > 0] = relu(x)ᵏ for k > 0; with a step of another argument, or a negative power, the step stays', () => {
    const step = rawFn('step', x);
    const relu = rawFn('relu', x);
    assert.equal(sound(rawHadamard([relu, step])), relu);
    assert.equal(sound(rawHadamard([step, rawPow(relu, num(2)), y])), sound(rawHadamard([rawPow(relu, num(2)), y])));
    assert.equal(sound(rawHadamard([relu, rawFn('step', y)])), rawHadamard([relu, rawFn('step', y)]));
    assert.ok(sound(rawHadamard([rawPow(relu, num(-1)), step])).args.includes(step), '0⁻¹ is not 0: the step stays');
  });
  it('√relu(x) ⊙ 𝟙[x > 0] = √relu(x), also under a positive power and in a product of scalars; a negative power keeps the step', () => {
    const step = rawFn('step', x);
    const root = rawFn('sqrt', rawFn('relu', x));
    assert.equal(sound(rawHadamard([root, step])), root);
    assert.equal(sound(rawHadamard([step, rawPow(root, num(3)), y])), sound(rawHadamard([rawPow(root, num(3)), y])));
    assert.ok(sound(rawHadamard([rawPow(root, num(-1)), step])).args.includes(step), '(√0)⁻¹ is not 0: the step stays');
    assert.equal(sound(rawHadamard([root, rawFn('step', y)])), rawHadamard([root, rawFn('step', y)]));
    const sStep = rawFn('step', s);
    const sRelu = rawFn('relu', s);
    assert.equal(sound(rawMul([num(2), sRelu, sStep])), mul(num(2), sRelu));
    assert.equal(sound(rawMul([rawFn('sqrt', sRelu), sStep])), rawFn('sqrt', sRelu));
    assert.equal(sound(rawMul([rawPow(sRelu, num(-1)), sStep])).args.includes(sStep), true, '0⁻¹ is not 0: the step stays');
  });
  it('the derivatives of (√max(0, x))³ and max(0, a)² have no step beside the relu, checked against finite differences', () => {
    const cases: [string, string, string, string][] = [
      ['sum(sqrt(max(0, x)).^3)', 'x: vector(n)', 'x', "3*sqrt(max(0, x))'/2"],
      ['sqrt(max(0, a))^3', 'a: scalar', 'a', '3*sqrt(max(0, a))/2'],
      ['max(0, a)^(3/2)', 'a: scalar', 'a', '3*max(0, a)^(1/2)/2'],
      ['max(0, a)^2', 'a: scalar', 'a', '2*max(0, a)'],
      ['relu(a)^2*b', 'a: scalar; b: scalar', 'a', '2*b*max(0, a)'],
    ];
    for (const [expr, where, wrt, text] of cases) {
      const r = derive({ expr, where, wrt: [wrt], check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.result.text, text, expr);
      assert.ok(r.value.check?.passed, `${expr}: check failed: ${JSON.stringify(r.value.check)}`);
    }
  });
  it('the gradients of ‖relu(Wx + b)‖² and sum(relu(Wx + b)∘³) have no step beside the relu, checked against finite differences', () => {
    const where = 'W: matrix(m,n); x: vector(n); b: vector(m)';
    const w = derive({ expr: 'sum(max(0, W*x + b).^2)', where, wrt: ['W'], check: true });
    assert.ok(w.ok, w.ok ? '' : w.error.message);
    assert.equal(w.value.result.text, "2*x*max(0, W*x + b)'");
    assert.ok(w.value.check?.passed, `check failed: ${JSON.stringify(w.value.check)}`);
    const c = derive({ expr: 'sum(max(0, W*x + b).^3)', where, wrt: ['x'], check: true });
    assert.ok(c.ok, c.ok ? '' : c.error.message);
    assert.equal(c.value.result.text, "3*(max(0, W*x + b).^2)'*W");
    assert.ok(c.value.check?.passed, `check failed: ${JSON.stringify(c.value.check)}`);
  });
  it('inverses: X⁻¹X = I, (X⁻¹)⁻¹ = X, (Xᵀ)⁻¹ = X⁻ᵀ', () => {
    assert.equal(sound(rawMul([rawInv(A), A, x])), x);
    assert.equal(sound(rawInv(rawInv(A))), A);
    assert.equal(sound(rawInv(rawTranspose(A))), rawTranspose(rawInv(A)));
  });
  it('1ᵀx = sum(x) and sum(c·x) = c·sum(x)', () => {
    assert.equal(sound(rawMul([ones(shape(1, 'n')), x])), rawReduce('sum', x));
    assert.equal(sound(rawReduce('sum', rawMul([num(3), x]))), rawMul([num(3), rawReduce('sum', x)]));
  });
  it('mixed-product rule (A ⊗ B)(C ⊗ D) = AC ⊗ BD', () => {
    const e = rawMul([rawKron(A, B), rawKron(B, A)]);
    assert.equal(sound(e), rawKron(mul(A, B), mul(B, A)));
  });
  it('factoring: Ax + Aᵀx = (A + Aᵀ)x', () => {
    const e = sound(rawAdd([rawMul([A, x]), rawMul([rawTranspose(A), x])]));
    assert.equal(e, rawMul([rawAdd([A, rawTranspose(A)]), x]));
  });
  it('factoring a left factor and scalars: 2Cᵀ(Ax) − 2Cᵀy stays sound', () => {
    const D = variable('D', shape('n', 'm'));
    sound(rawAdd([rawMul([num(2), D, C, x]), minus(rawMul([num(2), D, C, y]))]));
  });
  it('factoring with an identity: Ax + 2x = (A + 2I)x', () => {
    const e = sound(rawAdd([rawMul([A, x]), rawMul([num(2), x])]));
    assert.equal(e, rawMul([rawAdd([A, rawMul([num(2), eye('n')])]), x]));
  });
  it('factoring a sum that is also a factor: W − W𝟏𝟏ᵀ/n = W(I − 𝟏𝟏ᵀ/n), (I − 𝟏𝟏ᵀ/n)W likewise', () => {
    const G = variable('G', shape('m', 'n'));
    const W = add(G, mul(s, C));
    const centring = mul(num(-1), rawPow(sizeNode(shape('n', 1)), num(-1)), ones(shape('n', 1)), ones(shape(1, 'n')));
    const right = rawAdd([G, mul(s, C), mul(W, centring)]);
    const f = factorize(right);
    assert.ok(exprsEqualNumerically(f, right), 'unsound');
    assert.equal(toUnicode(f), '(G + sC)(I − 𝟏𝟏ᵀ/n)');
    const Wt = add(transpose(G), mul(s, transpose(C)));
    const left = rawAdd([transpose(G), mul(s, transpose(C)), mul(centring, Wt)]);
    const g = factorize(left);
    assert.ok(exprsEqualNumerically(g, left), 'unsound');
    assert.equal(toUnicode(g), '(I − 𝟏𝟏ᵀ/n)(Gᵀ + sCᵀ)');
    // Only where every term of W is in the sum: W𝟏𝟏ᵀ + G alone is left as it is.
    const partial = rawAdd([G, mul(W, ones(shape('n', 1)), ones(shape(1, 'n')))]);
    assert.equal(factorize(partial).args.length, 2);
  });
  it('a broadcast factor leaves a row or column sum: (A ⊙ (w𝟏ᵀ)ᵏ)𝟏 = (A𝟏) ⊙ wᵏ, 𝟏ᵀ(A ⊙ (𝟏wᵀ)ᵏ) = (𝟏ᵀA) ⊙ (wᵀ)ᵏ', () => {
    const G = variable('G', shape('m', 'n'));
    const w = variable('w', shape('m', 1));
    const u = variable('u', shape('n', 1));
    const rowB = rawMul([w, ones(shape(1, 'n'))]);
    const colB = rawMul([ones(shape('m', 1)), rawTranspose(u)]);
    const e = sound(rawMul([rawHadamard([G, C, rawPow(rowB, num(-2))]), ones(shape('n', 1))]));
    assert.equal(toUnicode(e), '((G ⊙ C)𝟏) ⊙ w∘⁻²');
    const f = sound(rawMul([ones(shape(1, 'm')), rawHadamard([G, colB])]));
    assert.equal(toUnicode(f), '(𝟏ᵀG) ⊙ uᵀ');
    // Nothing but broadcasts: (w𝟏ᵀ)𝟏 is left to the other rules.
    sound(rawMul([rawHadamard([rowB, rawPow(rowB, num(2))]), ones(shape('n', 1))]));
  });
  it('the row-wise layer norm\'s gradient: (GU − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ), U = I − 𝟏𝟏ᵀ/n, checked against finite differences', () => {
    const r = derive({
      expr: 'sum(G .* ((X - mean(X, 2)*ones(1, n)) ./ (sqrt(mean((X - mean(X, 2)*ones(1, n)).^2, 2) + eps)*ones(1, n))))',
      where: 'X: matrix(N, n); G: matrix(N, n); eps: scalar', wrt: ['X'], layout: 'denominator', check: true,
    });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    // V = X(I − 𝟏𝟏ᵀ/n) the centred rows (matrices named by capitals, 2b2cd76), σ the row standard deviations, X̂ the normalized input (present/normalization.ts)
    assert.equal(r.value.result.named?.unicode, '(GU − X̂ ⊙ ((G ⊙ X̂)𝟏𝟏ᵀ/n)) ⊘ (σ𝟏ᵀ)');
    assert.deepEqual(r.value.result.named?.definitions.map((d) => `${d.nameUnicode} = ${d.unicode}`), ['U = I − 𝟏𝟏ᵀ/n', 'V = XU', 'σ = √(V∘²𝟏/n + eps𝟏)', 'X̂ = V ⊘ (σ𝟏ᵀ)']);
    assert.ok(r.value.check?.passed, `check failed: ${JSON.stringify(r.value.check)}`);
  });
  it('presentation: ((A − B)/n)ᵀx is written (A − B)ᵀx/n, the scalar out of the transpose; (AB)ᵀ keeps its transpose', () => {
    const e = rawMul([rawTranspose(rawMul([rawPow(sizeNode(shape('n', 1)), num(-1)), rawAdd([A, minus(B)])])), x]);
    const t = tidy(e);
    assert.ok(exprsEqualNumerically(e, t), 'unsound');
    assert.equal(toUnicode(t), '(A − B)ᵀx/n');
    const twice = rawTranspose(rawMul([num(2), A, B]));
    assert.equal(tidy(twice), twice);
    // And through derive: the bias gradient of the batch cross-entropy.
    const r = derive({ expr: "-sum(Y .* logsoftmax(X*W + b', 2))/N", where: 'X: matrix(N, n); W: matrix(n, k); b: vector(k); Y: matrix(N, k) probabilities', wrt: ['b'], layout: 'denominator', check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.result.unicode, '(softmax(XW + 𝟏bᵀ, 2) − Y)ᵀ𝟏/N');
    assert.ok(r.value.check?.passed, `check failed: ${JSON.stringify(r.value.check)}`);
  });
  it('presentation: (Aᵀ + A)ᵀ is written A + Aᵀ; (Ax − y)ᵀ keeps its transpose', () => {
    const e = sound(rawTranspose(rawAdd([rawTranspose(A), A])));
    assert.equal(e, rawAdd([A, rawTranspose(A)]));
    const r = sound(rawTranspose(rawAdd([rawMul([A, x]), minus(y)])));
    assert.equal(r.op, 'transpose');
  });
  it('element-wise functions fold constants and log(exp(a)) = a', () => {
    assert.equal(sound(rawFn('log', rawFn('exp', x))), x);
    assert.equal(sound(rawFn('exp', num(0))), num(1));
  });
  it('building is idempotent: normalize(normalize(e)) = normalize(e)', () => {
    const e = rawAdd([rawMul([A, x]), rawMul([rawTranspose(A), x]), rawHadamard([x, rawFn('sin', y)])]);
    assert.equal(normalize(normalize(e)), normalize(e));
    assert.equal(add(normalize(e)), normalize(e));
    assert.equal(transpose(transpose(normalize(e))), normalize(e));
  });
  it('distributes scalar sums only where smaller: σ(1 − σ)((1 − y)/(1 − σ) − y/σ) = σ − y', () => {
    const y1 = variable('c', SCALAR);
    const sg = rawFn('sigmoid', rawMul([rawTranspose(x), y]));
    const one = num(1);
    const e = rawMul([rawAdd([one, minus(sg)]), sg, rawAdd([rawMul([rawAdd([one, minus(y1)]), rawPow(rawAdd([one, minus(sg)]), num(-1))]), minus(rawMul([y1, rawPow(sg, num(-1))]))])]);
    const out = expandWhereSmaller(normalize(e));
    assert.ok(exprsEqualNumerically(e, out));
    assert.equal(out, add(sg, mul(num(-1), y1)));
    // Nothing to gain: left as it is.
    const f = normalize(rawMul([rawAdd([s, one]), rawAdd([s, num(2)])]));
    assert.equal(expandWhereSmaller(f), f);
  });
  it('regression (npm run fuzz, properties, seed 20251127): det(PPᵀ + I) with P = (𝟏𝟏ᵀ + det A)·2I·M.^−2 simplifies soundly', () => {
    // PPᵀ + I = β𝟏𝟏ᵀ + I with β up to 10⁶: simplify's form agreed, but the 3×3 cofactor formula of
    // the old numeric det lost 2·10⁻² of the value to cancellation at such points (now LU).
    const read = readPlain("det(((ones(n, m) + det(A))*((2*eye(m))*M.^-2))*((ones(n, m) + det(A))*((2*eye(m))*M.^-2))' + eye(n))", 'A: matrix(n, n); M: matrix(m, n)');
    assert.ok(read.ok);
    const f = read.value.expr;
    const p = simplify(f);
    assert.notEqual(p, f);
    for (let seed = 1; seed <= 40; seed++) {
      const r = compareNumerically(p, f, read.value.variables, { samples: 2, seed, tolerance: 1e-7 });
      assert.ok(r.equal, `seed ${seed}: relative error ${r.maxRelError}`);
    }
  });
  it('regression (npm run fuzz, LaTeX reader): x · x^(l − 1) · x^l merges into one power, (x^l)², not (x^l)²·(x^l)²', () => {
    // mul merged x · x^(l − 1) into x^l beside the x^l already there, kept both entries and gave
    // each the summed exponent 2: d/dx (x·x^l·x^l) was wrong, and 3x3x^λ3x^λ3x^λ^λy threw a TypeError.
    const l = variable('l', SCALAR);
    const xs = variable('x', SCALAR);
    const xl = rawPow(xs, l);
    const e = mul(xs, l, rawPow(xs, rawAdd([l, num(-1)])), xl);
    assert.equal(e, mul(l, rawPow(xl, num(2))));
    assert.ok(exprsEqualNumerically(e, rawMul([xs, l, rawPow(xs, rawAdd([l, num(-1)])), xl]), [xs, l], { samples: 3 }));
    const r = derive({ expr: 'x*x^l*x^l', where: 'x: scalar; l: scalar', wrt: ['x'], check: true });
    assert.ok(r.ok && r.value.check?.passed, r.ok ? `check failed: ${r.value.result.text}` : r.error.message);
    const latex = derive({ expr: '3x3x^λ3x^λ3x^λ^λy', from: 'latex', check: true });
    assert.ok(latex.ok && latex.value.check?.passed, latex.ok ? `check failed: ${latex.value.result.text}` : latex.error.message);
  });
});
