import assert from 'node:assert/strict';
import { derive } from '../../../src/core';
import { readLatex } from '../../../src/core/syntax/latex';
import { toText } from '../../../src/core/write';
import { assertError, error, latexIs, value } from '../notations/helpers';

/** The LaTeX reads as the plain-syntax form (compared as text: the reading infers its own dimension names). */
const reads = (text: string, form: string, where?: string): void => assert.equal(toText(value(readLatex(text, where), text).expr), form, text);

const E = '% convention: einstein\n';

describe('tensor/LaTeX index notation: reading', () => {
  it('reads explicit sums, nested or over several letters, as contractions in matrix form', () => {
    latexIs('\\sum_j A_{ij} x_j', 'A*x');
    latexIs('\\sum_i \\sum_j A_{ij} x_i x_j', "x'*A*x");
    reads('\\sum_{i,j} A_{ij} x_i y_j', "x'*A*y");
    latexIs('\\sum_{i=1}^{n} w_i x_i', "w'*x", 'w: vector(n); x: vector(n)');
    latexIs('\\sum_k (AB)_{ik} x_k', 'A*B*x');
    latexIs('\\sum_j \\exp(A_{ij}) x_j', 'exp(A)*x');
    latexIs('\\sum_i (\\sum_j A_{ij} x_j)^2', 'sum((A*x).^2)');
    latexIs('\\sum_{i} \\sum_j \\frac{A_{ij}}{2} x_i x_j', "1/2*(x'*A*x)");
  });

  it('sums letters written twice when the Einstein convention is declared (in a comment or with the declarations)', () => {
    latexIs(`${E}A_{ij} x_j`, 'A*x');
    latexIs(`${E}A_{ij} B_{jk}`, 'A*B');
    latexIs(`${E}A_{ii}`, 'tr(A)');
    latexIs(`${E}\\frac{1}{2} x_i A_{ij} x_j`, "1/2*(x'*A*x)");
    latexIs(`${E}\\delta_{ij} x_j`, 'x');
    reads('A_{ij} x_j', 'A*x', 'convention: einstein');
    reads('A_{ij} x_j', 'A*x', 'A: matrix(m, n); convention: einstein; x: vector(n)');
  });

  it('takes the result axes from a left side, else the free letters in alphabetical order', () => {
    latexIs('y_{ik} = \\sum_j A_{ij} B_{jk}', 'A*B');
    reads('y_{ki} = \\sum_j A_{ij} B_{jk}', "B'*A'");
    reads('\\sum_j B_{jk} A_{ij}', 'A*B');
    reads('y_i = \\sum_j A_{ij} x_j + b_i', 'A*x + b');
    // Letters of the left side are free even when repeated: a diagonal, a Hadamard product.
    reads('d_i = A_{ii}', 'diag(A)');
    reads('z_i = x_i y_i', 'x .* y');
  });

  it('reads components of declared vectors and matrices with their letters as the free indices', () => {
    latexIs('A_{ji}', "A'", 'A: matrix(m, n)');
    latexIs('x_i', 'x', 'x: vector(n)');
  });

  it('never guesses a summation: a repeated index without a sum or the convention is an error saying how to declare it', () => {
    const declared = 'A_{ij} x_j';
    const d = error(readLatex(declared, 'A: matrix(m, n); x: vector(n)'));
    assertError(d, 'latex.index', [9, 10], declared, '% convention: einstein');
    assert.match(d.message, /\\sum_\{j\}/);
    const undeclared = 'A_{ij} x_j';
    assertError(error(readLatex(undeclared)), 'latex.index', [9, 10], undeclared, '% convention: einstein');
    const dot = 'w_i x_i';
    assertError(error(readLatex(dot)), 'latex.index', [6, 7], dot, 'declare them (% w_i, x_i: scalar)');
    // Declared as names of their own, they are names.
    latexIs('w_i x_i', 'w_i*x_i', 'w_i: scalar; x_i: scalar');
    latexIs('W_{hh} h + W_{xh} x', 'W_hh*h + W_xh*x');
  });

  it('explains index expressions it cannot read, pointing at them', () => {
    const unknown = '% convention: foo\nx_i';
    assertError(error(readLatex(unknown)), 'latex.convention', 'convention: foo', unknown, "unknown convention 'foo'");
    const thrice = `${E}x_i y_i z_i`;
    assertError(error(readLatex(thrice)), 'latex.index', [33, 34], thrice, 'appears 3 times');
    const mismatch = `${E}A_{ij} x_j + b_k`;
    assertError(error(readLatex(mismatch)), 'latex.index', `A_{ij} x_j + b_k`, mismatch, 'the same free indices');
    const lhs = 'y_{ik} = \\sum_j A_{ij} x_j';
    assertError(error(readLatex(lhs)), 'latex.index', 'ik', lhs, 'the free indices on the right are i');
    const three = `${E}x_i y_j z_k`;
    assertError(error(readLatex(three)), 'latex.index', 'x_i y_j z_k', three, '3 free indices');
    const unused = '\\sum_j x_i';
    assertError(error(readLatex(unused, 'x: vector(n)')), 'latex.sum', '\\sum_j', unused, 'does not use the index j');
    const vector = `${E}A x_i`;
    assertError(error(readLatex(vector)), 'latex.index', 'A', vector, 'not a number');
    // A contraction with no matrix form (a three-index intermediate) is a general contraction node.
    const six = '\\sum_{i,j,k,l} A_{ij} B_{ik} C_{il} D_{jk} E_{jl} F_{kl}';
    assert.equal(toText(value(readLatex(six), six).expr), 'einsum("ij,ik,il,jk,jl,kl->", A, B, C, D, E, F)');
    const wrongRank = '\\sum_i x_{ij}';
    assertError(error(readLatex(wrongRank, 'x: vector(n)')), 'latex.index', 'x_{ij}', wrongRank, 'a vector');
  });

  it('differentiates like the matrix form (finite differences)', () => {
    for (const [expr, wrt] of [
      ['\\sum_i (\\sum_j A_{ij} x_j)^2', 'x'],
      ['\\sum_j \\exp(A_{ij}) x_j', 'A'],
      [`${E}x_i A_{ij} x_j`, 'A'],
      [`${E}y_{ki} = A_{ij} B_{jk}`, 'B'],
    ] as const) {
      const r = value(derive({ expr, wrt: [wrt], check: true, from: 'latex' }), expr);
      assert.ok(r.check?.passed, `${expr} by ${wrt}: ${r.result.text}`);
    }
  });
});
