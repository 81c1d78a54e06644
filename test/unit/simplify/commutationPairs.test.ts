/**
 * A commutation matrix where a textbook writes none (simplify/chain.ts commutationPair, matrix.ts matpow):
 * 𝐊(p,q)𝐊(q,p) = I, 𝐊(n,n)² = I, 𝐊(p,q)vec(X) = vec(Xᵀ) for X p×q; and the weighted sum of an outer product's
 * blocks (simplify/kronBlocks.ts): (vec(W)ᵀ ⊗ I_r)(I_c ⊗ uvᵀ)(vec(I_c) ⊗ I_s) = UWVᵀ when u = vec(U), v = vec(V).
 * ∂ tr(A ⊗ Aᵀ)/∂A printed ((vec(A)ᵀ ⊗ I_n)(I_n ⊗ 𝐊(n,n)²)(vec(I_n) ⊗ I_n) + tr(A)I_n)ᵀ; tr(A ⊗ Aᵀ) = tr(A)², so a
 * textbook writes 2tr(A)I. Checked numerically (central differences); and each rule on random factors against
 * the product as written — the same value, rewritten only where the dimensions are those of the identity.
 */
import assert from 'node:assert/strict';
import { derivedAsCases } from './derivedAs';
import { type Expr, commutation, rawKron, rawMatpow, rawMul, rawTranspose, rawVec, variable, eye } from '../../../src/core/model/expr';
import { shape, mulDim } from '../../../src/core/model/shape';
import { compareNumerically } from '../../../src/core/numeric/index';
import { add, mul, num, transpose } from '../../../src/core/simplify/build';
import { matpow } from '../../../src/core/simplify/matrix';
import { generator } from '../seeded';

const hasOp = (e: Expr, op: string): boolean => e.op === op || e.args.some((a) => hasOp(a, op));

describe('simplify: commutation matrices a textbook writes without', () => {
  derivedAsCases([
    ["tr(kron(A, A'))", 'A', '2*tr(A)*eye(n)'],
    ['tr(kron(A, A))', 'A', '2*tr(A)*eye(n)'],
    ['tr(kron(A, S))', 'A', 'tr(S)*eye(n)'],
    ['tr(kron(A, S))', 'S', 'tr(A)*eye(p)'],
  ], 'A: matrix(n, n); S: matrix(p, p)');

  derivedAsCases([
    ["vec(X)'*kron(A, B)*vec(Y)", 'A', "Y'*B'*X"],
    ["vec(X)'*kron(A, B)*vec(Y)", 'B', "Y*A'*X'"],
    ["vec(X)'*kron(A, B)*vec(2*Y + Z)", 'B', "(2*Y + Z)*A'*X'"],
  ], 'A: matrix(m, n); B: matrix(p, q); X: matrix(p, m); Y: matrix(q, n); Z: matrix(q, n)');

  it('on 300 random pairs of 𝐊s, vecs and powers: the same value, 𝐊 gone only where the dimensions are those of the identity', () => {
    const X = variable('X', shape('p', 'q'));
    const Xt = variable('V', shape('q', 'p'));
    let gone = 0;
    let kept = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const pick = generator(91_001 + 7_919 * seed);
      pick(2);
      // 𝐊(p,q) as itself or as 𝐊(q,p)ᵀ; the other factor of the pair, and whether the rule must fire.
      const kpq = pick(2) === 0 ? commutation('p', 'q') : rawTranspose(commutation('q', 'p'));
      const kind = pick(8);
      const [factors, fires]: [Expr[], boolean] =
        kind === 0 ? [[kpq, commutation('q', 'p')], true]
          : kind === 1 ? [[kpq, rawTranspose(commutation('p', 'q'))], true]
            : kind === 2 ? [[kpq, commutation('p', 'q')], false]
              : kind === 3 ? [[kpq, rawVec(X)], true]
                : kind === 4 ? [[kpq, rawVec(Xt)], false]
                  : kind === 5 ? [[rawTranspose(rawVec(Xt)), kpq], true]
                    : kind === 6 ? [[rawTranspose(rawVec(X)), kpq], false]
                      : [[rawMatpow(commutation('p', 'p'), 1 + pick(4))], true];
      const written = factors.length === 1 ? factors[0] : rawMul(factors);
      const built = kind === 7 ? matpow(written.args[0], written.value as number) : mul(...factors);
      // A power: even, I; odd, 𝐊(p,p) itself.
      const rewritten = kind === 7 ? !hasOp(built, 'matpow') : !hasOp(built, 'commutation');
      assert.equal(rewritten, fires, `seed ${seed}: kind ${kind}: rewritten ${rewritten}`);
      if (fires) gone++;
      else kept++;
      const same = compareNumerically(built, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: kind ${kind}: another value (${same.maxRelError})`);
    }
    assert.ok(gone >= 150 && kept >= 80, `${gone} rewritten, ${kept} kept`);
  });

  it('on 200 random block sums of an outer product: the same value, rewritten only where both vectors are vecs (or sums of them) of the blocks’ shapes', () => {
    const [a, c, r, s] = ['a', 'c', 'r', 's'];
    const W = variable('W', shape(a, c));
    const U = variable('U', shape(r, a));
    const U2 = variable('T', shape(r, a));
    const V = variable('V', shape(s, c));
    const u = variable('u', shape(mulDim(a, r), 1));
    const v = variable('v', shape(mulDim(c, s), 1));
    const Uo = variable('P', shape(a, r));
    let rewritten = 0;
    let kept = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const pick = generator(93_001 + 7_919 * seed);
      pick(2);
      // The left vector: vec(U), a sum of vecs (both fire), a plain vector, vec of the transposed shape (must not).
      const lefts: [Expr, boolean][] = [[rawVec(U), true], [add(rawVec(U), mul(num(3), rawVec(U2))), true], [u, false], [rawVec(Uo), false]];
      const rights: [Expr, boolean][] = [[rawVec(V), true], [v, false]];
      const [left, l] = lefts[pick(lefts.length)];
      const [right, rr] = rights[pick(rights.length)];
      const scale = [[], [num(-2)]][pick(2)];
      const G = mul(...scale, left, transpose(right));
      const factors = [rawKron(rawTranspose(rawVec(W)), eye(r)), rawKron(eye(c), G), rawKron(rawVec(eye(c)), eye(s))];
      const transposed = pick(2) === 0;
      const written = transposed ? rawTranspose(rawMul(factors)) : rawMul(factors);
      const built = transposed ? mul(...factors.map(transpose).reverse()) : mul(...factors);
      const fires = l && rr;
      assert.equal(!hasOp(built, 'kron'), fires, `seed ${seed}: rewritten ${!hasOp(built, 'kron')}`);
      if (fires) rewritten++;
      else kept++;
      const same = compareNumerically(built, written, [], { samples: 2 });
      assert.ok(same.equal, `seed ${seed}: another value (${same.maxRelError})`);
    }
    assert.ok(rewritten >= 40 && kept >= 100, `${rewritten} rewritten, ${kept} kept`);
  });
});
