/**
 * ‖A‖₁ of a matrix (\|A\|_1 in LaTeX): most textbooks mean the induced 1-norm, the largest column
 * sum of |aᵢⱼ| (np.linalg.norm(A, 1)), some the sum of all |aᵢⱼ| (the entry-wise 1-norm, the
 * product's norm1). The spelling is refused for a matrix, naming the unambiguous ones: ‖vec(A)‖₁
 * (the 1-norm of the vector of A's entries, read as norm1(A) whether or not A's sizes are known) and
 * norm1(A) in the plain syntax. The writers print norm1 of a matrix as ‖vec(A)‖₁, which reads back.
 */
import * as assert from 'node:assert/strict';
import type { Notation } from '../../../src/core/api';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { toLatex, toUnicode } from '../../../src/core/write';
import { assertError, error, numpyIs, plain, value } from './helpers';

const where = 'A: matrix(m, n); B: matrix(n, k); x: vector(n); f: matrix(m, n); a: scalar';

describe('notations: the 1-norm of a matrix', () => {
  it('refuses ‖A‖₁ and \\|A\\|_1 of a matrix, at the norm, naming the induced norm and the unambiguous spellings', () => {
    const cases: [string, Notation | 'auto', string, string?][] = [
      ['\\|A\\|_1', 'latex', '\\|A\\|_1'],
      ['\\lVert A \\rVert_{1}', 'latex', '\\lVert A \\rVert_{1}'],
      ['\\left\\| A B \\right\\|_1 + 1', 'latex', '\\| A B \\right\\|_1'],
      ['\\|A\\|_1^2', 'latex', '\\|A\\|_1'],
      ['\\|A\\|_1', 'auto', '\\|A\\|_1'],
      ['‖A‖₁', 'unicode', '‖A‖₁'],
      ['‖A‖₁', 'auto', '‖A‖₁'],
      ['2‖AB‖₁ + 1', 'unicode', '‖AB‖₁'],
      ['‖f‖₁', 'unicode', '‖f‖₁', where],
      ['‖x xᵀ‖₁', 'unicode', '‖x xᵀ‖₁'],
    ];
    for (const [t, from, span, w] of cases) {
      const e = error(readExpression(t, w ?? where, from));
      assertError(e, 'call.argument', span, t, 'of a matrix is ambiguous');
      for (const s of ['induced', 'largest column sum', '‖vec(A)‖₁', 'norm1(A)']) assert.ok(e.message.includes(s), `${t}: '${e.message}' should name ${s}`);
    }
  });

  // The 2-norm of a matrix is refused too (the spectral norm is not supported), in the notation the
  // user wrote: the Unicode reader hands norms to the LaTeX one, whose message spoke only LaTeX.
  it('refuses ‖X‖₂ of a matrix naming the Frobenius norm in both notations, and that spelling reads', () => {
    for (const [t, from] of [['‖A‖₂', 'unicode'], ['\\|A\\|_2', 'latex']] as const) {
      const e = error(readExpression(t, where, from));
      assertError(e, 'latex.unsupported', t, t, 'spectral norm');
      for (const s of ['‖X‖_F', '\\|X\\|_F']) assert.ok(e.message.includes(s), `${t}: '${e.message}' should name ${s}`);
    }
    assert.equal(value(readExpression('‖A‖_F', where, 'unicode')).expr, plain('norm2(A)', where));
    assert.equal(value(readExpression('\\|A\\|_F', where, 'latex')).expr, plain('norm2(A)', where));
  });

  it('reads the 1-norm of a vector or a scalar as before', () => {
    for (const [t, from] of [['‖x‖₁', 'unicode'], ['\\|x\\|_1', 'latex'], ['\\|\\mathbf{x}\\|_1', 'latex']] as const) {
      assert.equal(value(readExpression(t, where, from)).expr, plain('norm1(x)', where), t);
    }
    assert.equal(value(readExpression('‖a‖₁', where, 'unicode')).expr, plain('norm1(a)', where));
    assert.equal(value(readExpression('‖Ax‖₁', where, 'unicode')).expr, plain('norm1(A*x)', where));
  });

  it('reads ‖vec(A)‖₁ as norm1(A), declared or not', () => {
    for (const w of [where, '']) {
      for (const [t, from] of [['‖vec(A)‖₁', 'unicode'], ['‖vec(A)‖₁', 'auto'], ['\\|\\operatorname{vec}(A)\\|_1', 'latex'], ['\\left\\lVert \\operatorname{vec}(A) \\right\\rVert_{1}', 'latex']] as const) {
        assert.equal(value(readExpression(t, w, from), t).expr, plain('norm1(A)', w), `${t} with '${w}'`);
      }
    }
    assert.equal(value(readExpression('‖vec(AB)‖₁²', where, 'unicode')).expr, plain('norm1(A*B)^2', where));
  });

  it('writes norm1 of a matrix as ‖vec(A)‖₁ (\\lVert \\operatorname{vec}(A) \\rVert_{1}), which reads back to the same expression', () => {
    for (const text of ['norm1(A)', 'norm1(A*B) + norm1(x)', 'norm1(A)*x', 'norm1(exp(A))^2', 'norm1(x*x\')']) {
      for (const w of [where, '']) {
        const e = plain(text, w);
        const u = toUnicode(e);
        const l = toLatex(e);
        assert.ok(u.includes('‖vec('), `${text}: ${u}`);
        assert.ok(l.includes('\\operatorname{vec}'), `${text}: ${l}`);
        for (const [t, from] of [[u, 'unicode'], [u, 'auto'], [l, 'latex'], [l, 'auto']] as const) {
          assert.equal(value(readExpression(t, w, from), `${text} as ${t}`).expr, e, `${text} written ${t}, read ${from} with '${w}'`);
        }
      }
    }
    // A vector's 1-norm keeps its spelling.
    assert.equal(toUnicode(plain('norm1(x)', where)), '‖x‖₁');
  });

  it('the derivative of ‖vec(A)‖₁ is sign(A)ᵀ, checked against finite differences', () => {
    for (const [expr, from] of [['‖vec(A)‖₁', 'unicode'], ['\\|\\operatorname{vec}(A)\\|_1 \\cdot a', 'latex'], ['norm1(A)', 'plain']] as const) {
      const r = derive({ expr, from, where, wrt: ['A'], check: true });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.ok(r.value.check?.passed, `${expr}: ${r.value.result.text}`);
      assert.ok(r.value.result.text.includes('sign(A)'), `${expr}: ${r.value.result.text}`);
    }
  });

  it('reads vector_norm(A, 1), which flattens, as norm1(A); linalg.norm(A, 1) (induced) stays refused', () => {
    numpyIs('torch.linalg.vector_norm(A, 1) + torch.linalg.vector_norm(A, ord=1)', 'norm1(A) + norm1(A)', where);
    numpyIs('np.linalg.vector_norm(A, ord=1)', 'norm1(A)', where);
    const t = 'torch.linalg.norm(A, 1)';
    assertError(error(readExpression(t, where, 'numpy')), 'numpy.unsupported', '1', t, 'ord=1');
  });

  it('reads torch.norm(A, p=1) and the tensor method A.norm(1), which flatten A as vector_norm does, as norm1(A); p=2 as the Frobenius norm', () => {
    numpyIs('torch.norm(A, p=1) + torch.norm(A, 1)', 'norm1(A) + norm1(A)', where);
    numpyIs('A.norm(1) + A.norm(p=1)', 'norm1(A) + norm1(A)', where);
    numpyIs('torch.norm(A, p=2) + A.norm(2) + A.norm()', 'norm2(A) + norm2(A) + norm2(A)', where);
    // NumPy's and PyTorch's linalg.norm of a matrix with ord=1 is the induced norm: refused.
    for (const t of ['np.linalg.norm(A, 1)', 'torch.linalg.norm(A, ord=1)', 'torch.linalg.matrix_norm(A, 1)']) {
      assertError(error(readExpression(t, where, 'numpy')), 'numpy.unsupported', '1', t, 'ord=1');
    }
  });
});
