/**
 * The Jacobian of a softmax along a dimension in the form the textbooks print (issue 13, "What comes
 * out"; present/blocks.ts): block diagonal, one block diag(pᵢ) − pᵢpᵢᵀ per row pᵢ of P = softmax(Z, 2)
 * (per column for softmax(Z, 1)), with P named — in result.blocks, in every layout, reading back in
 * every notation. Checked against central finite differences of softmax itself, block by block.
 */
import * as assert from 'node:assert/strict';
import { Matrix } from 'ml-matrix';
import type { Notation } from '../../../src/core/api';
import { derive, namedForms } from '../../../src/core/index';
import type { Expr } from '../../../src/core/model/expr';
import { readExpression } from '../../../src/core/read';
import { evaluate, exprsEqualNumerically, makeRng, numericEnv, numericJacobian } from '../../../src/core/numeric/index';
import { assertClose } from '../numeric/helpers';

const WHERE = 'Z: matrix(N, k)';

function read(text: string, from: Notation): Expr {
  const r = readExpression(text, WHERE, from);
  if (!r.ok) assert.fail(`${from}: ${text}: ${r.error.message}`);
  return r.value.expr;
}

/** The softmax of each row (dim 2) or column (dim 1) of z, directly. */
function softmaxAlong(z: Matrix, dim: 1 | 2): Matrix {
  const out = z.clone();
  const lines = dim === 2 ? z.rows : z.columns;
  for (let l = 0; l < lines; l++) {
    const xs = dim === 2 ? z.getRow(l) : z.getColumn(l);
    const top = Math.max(...xs);
    const e = xs.map((x) => Math.exp(x - top));
    const s = e.reduce((a, b) => a + b, 0);
    e.forEach((v, t) => (dim === 2 ? out.set(l, t, v / s) : out.set(t, l, v / s)));
  }
  return out;
}

describe('present/blocks: the softmax-along-a-dimension Jacobian block diagonal, diag(pᵢ) − pᵢpᵢᵀ per row (issue 13)', () => {
  const expected = {
    2: {
      unicode: '𝐊(N,k)ᵀ(B − B(I_N ⊗ (𝟏_k𝟏_kᵀ))B)𝐊(N,k) where P = softmax(Z, 2), B = diag(vec(Pᵀ))',
      reading: 'blockdiag(diag(pᵢ) − pᵢpᵢᵀ)_{i=1..N}',
      sentence: /^block diagonal: one k×k block diag\(pᵢ\) − pᵢpᵢᵀ per row pᵢ of P \(i = 1…N\), the entries of P and Z taken row by row/,
    },
    1: {
      unicode: 'D − D(I_k ⊗ (𝟏_N𝟏_Nᵀ))D where P = softmax(Z, 1), D = diag(vec(P))',
      reading: 'blockdiag(diag(pⱼ) − pⱼpⱼᵀ)_{j=1..k}',
      sentence: /^block diagonal: one N×N block diag\(pⱼ\) − pⱼpⱼᵀ per column pⱼ of P \(j = 1…k\)/,
    },
  } as const;
  for (const dim of [2, 1] as const) {
    for (const layout of ['numerator', 'denominator', 'mixed'] as const) {
      it(`softmax(Z, ${dim}), ${layout} layout: ${expected[dim].unicode}, the same matrix, reading back in every notation`, () => {
        const r = derive({ expr: `softmax(Z, ${dim})`, where: WHERE, wrt: ['Z'], layout, check: true });
        assert.ok(r.ok, r.ok ? '' : r.error.message);
        assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
        const blocks = r.value.result.blocks;
        assert.ok(blocks, 'no block form');
        const forms = namedForms(blocks);
        assert.equal(forms.unicode, expected[dim].unicode);
        assert.equal(blocks.reading.unicode, expected[dim].reading);
        assert.match(blocks.reading.sentence, expected[dim].sentence);
        const result = read(r.value.result.text, 'plain');
        for (const [key, notation] of [['text', 'plain'], ['unicode', 'unicode'], ['latex', 'latex']] as const) {
          assert.ok(exprsEqualNumerically(read(forms[key], notation), result), `${notation}: ${forms[key]}`);
        }
      });
    }
    it(`softmax(Z, ${dim}): the block form equals finite differences of softmax, and each block is diag(pᵢ) − pᵢpᵢᵀ`, () => {
      const r = derive({ expr: `softmax(Z, ${dim})`, where: WHERE, wrt: ['Z'] });
      assert.ok(r.ok && r.value.result.blocks);
      const form = read(namedForms(r.value.result.blocks).text, 'plain');
      const f = read(`softmax(Z, ${dim})`, 'plain');
      const Zvar = f.args[0];
      const rng = makeRng(13 + dim);
      for (const [N, k] of [[3, 4], [2, 5]]) {
        const z = Matrix.from1DArray(N, k, Array.from({ length: N * k }, () => rng.uniform(-2, 2)));
        const env = numericEnv({ N, k }, { Z: z });
        const J = evaluate(form, env);
        const fd = numericJacobian(f, [Zvar], env);
        assert.ok(fd.reliable, fd.reason);
        assertClose(J, fd.value, 1e-6, 'block form against finite differences');
        // The blocks: entries in row order (vec(Zᵀ)) by rows, column order (vec Z) by columns.
        const p = softmaxAlong(z, dim);
        const [count, size] = dim === 2 ? [N, k] : [k, N];
        const at = (line: number, t: number): number => (dim === 2 ? line + N * t : t + N * line);
        for (let a = 0; a < count; a++) {
          for (let b = 0; b < count; b++) {
            const block = new Matrix(size, size);
            for (let s = 0; s < size; s++) for (let t = 0; t < size; t++) block.set(s, t, J.get(at(a, s), at(b, t)));
            const pa = dim === 2 ? p.getRow(a) : p.getColumn(a);
            const want = new Matrix(size, size);
            if (a === b) for (let s = 0; s < size; s++) for (let t = 0; t < size; t++) want.set(s, t, (s === t ? pa[s] : 0) - pa[s] * pa[t]);
            assertClose(block, want, 1e-12, `block (${a}, ${b})`);
          }
        }
      }
    });
  }
  it('only for the Jacobian of a softmax of the variable itself', () => {
    for (const c of [
      { expr: 'softmax(X*W, 2)', where: 'X: matrix(N, n); W: matrix(n, k)', wrt: ['W'] },
      { expr: 'softmax(z)', where: 'z: vector(n)', wrt: ['z'] },
      { expr: 'sum(G .* softmax(Z, 2))', where: 'G: matrix(N, k); Z: matrix(N, k)', wrt: ['Z'] },
    ]) {
      const r = derive(c);
      assert.ok(r.ok);
      assert.equal(r.value.result.blocks, undefined, c.expr);
    }
  });
  it('P and B give way to variables of those names', () => {
    const r = derive({ expr: 'softmax(P, 2) + B', where: 'P: matrix(N, k); B: matrix(N, k)', wrt: ['P'] });
    assert.ok(r.ok);
    assert.equal(r.value.result.blocks, undefined, 'softmax(P, 2) + B is not a softmax');
    const s = derive({ expr: 'softmax(P, 2)', where: 'P: matrix(N, k)', wrt: ['P'] });
    assert.ok(s.ok && s.value.result.blocks);
    assert.equal(namedForms(s.value.result.blocks).unicode, '𝐊(N,k)ᵀ(B − B(I_N ⊗ (𝟏_k𝟏_kᵀ))B)𝐊(N,k) where S = softmax(P, 2), B = diag(vec(Sᵀ))');
  });
});
