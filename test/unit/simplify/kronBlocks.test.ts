/**
 * A weighted sum of known blocks (simplify/kronBlocks.ts): the adjoint of one factor of a Kronecker product,
 * (vec(W)ᵀ ⊗ I_r)(I_c ⊗ G)(vec(I_c) ⊗ I_s) = Σᵢₗ Wᵢₗ·Gᵢₗ, is sum(W)𝟏𝟏ᵀ when G is all ones and ⟨W, P⟩Q when
 * G = P ⊗ Q with P of W's shape. ∂ 𝟏ᵀ(A ⊗ B)𝟏/∂A printed (vec(I_q)ᵀ ⊗ I_n)(I_q ⊗ (𝟏_(n·q)𝟏_(m·p)ᵀ))(vec(B) ⊗ I_m);
 * a textbook writes sum(B)𝟏𝟏ᵀ. Checked numerically (central differences); and the rule itself on random
 * triples — all-ones blocks, outer products of ones, Kronecker products of either order, scaled, any other
 * matrix, both orientations — against the product as written: the same value, rewritten only where a form applies.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';
import { derivedAsCases } from './derivedAs';
import { type Expr, commutation, eye, ones, rawKron, rawMul, rawTranspose, rawVec, variable } from '../../../src/core/model/expr';
import { shape, mulDim } from '../../../src/core/model/shape';
import { compareNumerically } from '../../../src/core/numeric/index';
import { mul, num, transpose } from '../../../src/core/simplify/build';
import { generator } from '../seeded';

const where = 'A: matrix(m, n); B: matrix(p, q); C: matrix(m, n); D: matrix(p, q); x: vector(m); y: vector(n)';

describe('simplify: a weighted sum of known blocks (the adjoint of a Kronecker factor)', () => {
  derivedAsCases([
    ["ones(m*p)'*kron(A, B)*ones(n*q)", 'A', 'sum(B)*ones(n, m)'],
    ["ones(m*p)'*kron(A, B)*ones(n*q)", 'B', 'sum(A)*ones(q, p)'],
    ['sum(kron(A, B))', 'A', 'sum(B)*ones(n, m)'],
    ['3*sum(kron(A, B))', 'B', '3*sum(A)*ones(q, p)'],
    ["x'*A*y*sum(kron(A, B))", 'B', "sum(A)*(x'*A*y)*ones(q, p)"],
    // G = C ⊗ D, and by A 𝐊(p,m)(C ⊗ D)𝐊(n,q) = D ⊗ C first (chain.ts commutedKron)
    ['sum(kron(A, B) .* kron(C, D))', 'B', "tr(A'*C)*D'"],
    ['sum(kron(A, B) .* kron(C, D))', 'A', "tr(B'*D)*C'"],
  ], where);

  it('in denominator layout too: ∂ sum(kron(A, B))/∂A is sum(B)𝟏_m𝟏_nᵀ', () => {
    const r = derive({ expr: 'sum(kron(A, B))', wrt: ['A'], where, from: 'plain', layout: 'denominator', check: true });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.result.text, 'sum(B)*ones(m, n)');
    assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
  });

  it('on 400 random triples: the value of the product as written, rewritten only where G is all ones or P ⊗ Q with P of W’s shape', () => {
    const [a, c, r, s] = ['a', 'c', 'r', 's'];
    const W = variable('W', shape(a, c));
    const others: readonly Expr[] = [variable('P', shape(a, c)), variable('Q', shape(r, s)), variable('U', shape(r, c)), variable('V', shape(a, s))];
    const [P, Q, U, V] = others;
    const k = variable('k', shape(1, 1));
    const G0 = variable('G', shape(mulDim(a, r), mulDim(c, s)));
    let rewritten = 0;
    let kept = 0;
    for (let seed = 1; seed <= 400; seed++) {
      // Seeds far apart: the generator's first pick of 5 is the same for neighbouring seeds (1664525 is a multiple of 5).
      const pick = generator(404_000 + 7_919 * seed);
      pick(2);
      // G: all ones, an outer product of ones, P ⊗ Q (fires), U ⊗ V (the blocks' shapes swapped: must not), any matrix.
      const forms = [
        ones(shape(mulDim(a, r), mulDim(c, s))),
        mul(ones(shape(mulDim(a, r), 1)), ones(shape(1, mulDim(c, s)))),
        rawKron(P, Q),
        rawKron(V, U),
        G0,
      ];
      const form = pick(forms.length);
      const scale = [[], [num(-2)], [k]][pick(3)];
      const G = mul(...scale, forms[form]);
      const weight = pick(2) === 0 ? rawTranspose(rawVec(W)) : rawTranspose(rawVec(P));
      const factors = [rawKron(weight, eye(r)), rawKron(eye(c), G), rawKron(rawVec(eye(c)), eye(s))];
      const transposed = pick(2) === 0;
      const written = transposed ? rawTranspose(rawMul(factors)) : rawMul(factors);
      const built = transposed ? mul(...factors.map(transpose).reverse()) : mul(...factors);
      const fires = form <= 2;
      const hasKron = built.op === 'kron' || (built.op === 'mul' && built.args.some((f) => f.op === 'kron'));
      assert.equal(!hasKron, fires, `seed ${seed}: form ${form}, ${transposed ? 'transposed' : 'as adjoint'}: rewritten ${!hasKron}`);
      if (fires) rewritten++;
      else kept++;
      if (seed % 2 === 0) continue;
      const same = compareNumerically(built, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: form ${form}: another value (${same.maxRelError})`);
    }
    assert.ok(rewritten >= 150 && kept >= 100, `${rewritten} rewritten, ${kept} kept`);
  });
});

describe('simplify: a commutation matrix on each side swaps a Kronecker product (𝐊(p,m)(A ⊗ B)𝐊(n,q) = B ⊗ A)', () => {
  it('on 200 random triples, either 𝐊 possibly written as the transpose of the other order: the same value, swapped only where the dimensions are those of the identity', () => {
    const A = variable('A', shape('m', 'n'));
    const B = variable('B', shape('p', 'q'));
    let swapped = 0;
    let kept = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const pick = generator(5_003 + 7_919 * seed);
      pick(2);
      // Each side: the identity's 𝐊, the same as the transpose of 𝐊 in the other order, or the other order (mp×mp, nq×nq too: must not swap).
      const side = (x: string, y: string): [Expr, boolean] => {
        const k = pick(3);
        return k === 0 ? [commutation(x, y), true] : k === 1 ? [rawTranspose(commutation(y, x)), true] : [commutation(y, x), false];
      };
      const [left, l] = side('p', 'm');
      const [right, r] = side('n', 'q');
      const written = rawMul([left, rawKron(A, B), right]);
      const built = mul(left, rawKron(A, B), right);
      const fires = l && r;
      assert.equal(built === rawKron(B, A), fires, `seed ${seed}: swapped ${built === rawKron(B, A)}`);
      if (fires) swapped++;
      else kept++;
      const same = compareNumerically(built, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(swapped >= 50 && kept >= 80, `${swapped} swapped, ${kept} kept`);
  });
});
