import * as assert from 'node:assert/strict';
import {
  Expr, block, commutation, entry, eye, num, ones, rawAdd, rawDiagm, rawDiagv, rawFn, rawHadamard, rawInv, rawKron,
  rawMatpow, rawMul, rawPow, rawReduce, rawSoftmax, rawTranspose, rawVec, sizeNode, unit, variable, zeros,
  rationalNum, PI,
} from '../../../src/core/model/expr';
import { rational } from '../../../src/core/model/rational';
import { shape } from '../../../src/core/model/shape';
import { toLatex } from '../../../src/core/write';
import {
  decimal, A, B, S, Sigma, W1, X, a, alpha, b, div, loss, neg, r, s, sub, t, theta, w, wOut, x, x1, y, z,
} from './fixtures';
import { assertRenders } from './katex';


const Ax = rawMul([A, x]);
const sig = rawFn('sigmoid', x);

/** [what, expression, expected LaTeX] */
const CASES: readonly [string, Expr, string][] = [
  // names
  ['a vector is bold', x, '\\mathbf{x}'],
  ['a matrix is a capital', A, 'A'],
  ['a scalar is italic', s, 's'],
  ['a Greek scalar', alpha, '\\alpha'],
  ['a Greek vector is bold', theta, '\\boldsymbol{\\theta}'],
  ['a Greek matrix', Sigma, '\\Sigma'],
  ['digits are a subscript', x1, '\\mathbf{x}_{1}'],
  ['digits of a matrix name', W1, 'W_{1}'],
  ['a word after _ is an upright subscript', wOut, '\\mathbf{w}_{\\text{out}}'],
  ['a multi-letter scalar', loss, '\\mathit{loss}'],
  // products and sums
  ['(A + Aᵀ)x', rawMul([rawAdd([X, rawTranspose(X)]), x]), '(X + X^{\\top})\\mathbf{x}'],
  ['2Aᵀ(Ax − b)', rawMul([num(2), rawTranspose(A), sub(Ax, b)]), '2A^{\\top}(A\\mathbf{x} - \\mathbf{b})'],
  ['xᵀAx', rawMul([rawTranspose(x), X, x]), '\\mathbf{x}^{\\top}X\\mathbf{x}'],
  ['a negative coefficient is a subtraction', rawAdd([x, rawMul([num(-2), y])]), '\\mathbf{x} - 2\\mathbf{y}'],
  ['a − b', sub(x, y), '\\mathbf{x} - \\mathbf{y}'],
  ['a − (b + c)', sub(x, rawAdd([y, z])), '\\mathbf{x} - (\\mathbf{y} + \\mathbf{z})'],
  ['a leading minus', rawAdd([neg(x), y]), '-\\mathbf{x} + \\mathbf{y}'],
  ['a − (−b)', sub(x, neg(y)), '\\mathbf{x} - (-\\mathbf{y})'],
  ['a negative number term', rawAdd([s, num(-3)]), 's - 3'],
  ['nested sums are flattened', rawAdd([rawAdd([x, y]), z]), '\\mathbf{x} + \\mathbf{y} + \\mathbf{z}'],
  ['minus a product', neg(Ax), '-A\\mathbf{x}'],
  ['minus a sum', neg(rawAdd([x, y])), '-(\\mathbf{x} + \\mathbf{y})'],
  ['minus a negation', neg(neg(x)), '-(-\\mathbf{x})'],
  ['minus a Kronecker product', neg(rawKron(A, B)), '-(A \\otimes B)'],
  ['minus a Hadamard product', neg(rawHadamard([x, y])), '-(\\mathbf{x} \\odot \\mathbf{y})'],
  ['minus a scaled Kronecker product', rawMul([num(-2), rawKron(A, B)]), '-2(A \\otimes B)'],
  ['a product of one factor', rawMul([rawKron(A, B)]), 'A \\otimes B'],
  ['a product of one sum', rawMul([num(1), rawAdd([x, y])]), '\\mathbf{x} + \\mathbf{y}'],
  ['a scalar coefficient', rawMul([alpha, x]), '\\alpha\\mathbf{x}'],
  ['a space after a control word before a letter', rawMul([alpha, s]), '\\alpha s'],
  ['\\cdot between two numbers', rawMul([num(2), num(3)]), '2 \\cdot 3'],
  ['numbers come first', rawMul([A, num(3), x]), '3A\\mathbf{x}'],
  ['an inner product scaling a vector keeps its parentheses', rawMul([rawMul([rawTranspose(x), y]), z]), '(\\mathbf{x}^{\\top}\\mathbf{y})\\mathbf{z}'],
  ['nested matrix products are flattened', rawMul([A, rawMul([B, rawTranspose(B)])]), 'ABB^{\\top}'],
  ['scalar expansion', rawAdd([x, rawMul([s, ones(x.shape)])]), '\\mathbf{x} + s\\mathbf{1}'],
  ['a decimal', rawMul([decimal('0.5'), x]), '0.5\\mathbf{x}'],
  ['a tiny number', decimal('1e-7'), '1 \\times 10^{-7}'],
  ['a fraction', rawMul([num(0.5), x]), '\\frac{1}{2}\\mathbf{x}'],
  ['a fraction alone', rationalNum(rational(-1n, 3n)), '-\\frac{1}{3}'],
  ['π', rawMul([num(2), PI()]), '2\\pi'],
  // fractions
  ['a scalar quotient', div(s, t), '\\frac{s}{t}'],
  ['a quotient with a coefficient', rawMul([num(2), s, rawPow(t, num(-1))]), '\\frac{2s}{t}'],
  ['an array divided by a scalar', div(x, s), '\\frac{1}{s}\\mathbf{x}'],
  ['a negative quotient', rawMul([num(-1), s, rawPow(t, num(-2))]), '-\\frac{s}{t^{2}}'],
  ['a reciprocal', rawPow(s, num(-1)), '\\frac{1}{s}'],
  ['a sum over a sum', div(rawAdd([s, t]), rawAdd([a, t])), '\\frac{s + t}{a + t}'],
  ['a fraction in parentheses uses \\left', rawMul([A, rawAdd([x, div(y, s)])]), 'A\\left(\\mathbf{x} + \\frac{1}{s}\\mathbf{y}\\right)'],
  ['1/√s', rawPow(s, num(-0.5)), '\\frac{1}{\\sqrt{s}}'],
  // powers and postfix
  ['a scalar power', rawPow(s, num(2)), 's^{2}'],
  ['a Hadamard power', rawPow(x, num(2)), '\\mathbf{x}^{\\circ 2}'],
  ['an element-wise square root', rawPow(x, num(0.5)), '\\sqrt{\\mathbf{x}}'],
  ['a symbolic exponent', rawPow(s, t), 's^{t}'],
  ['a power of a transpose', rawPow(rawTranspose(x), num(2)), '(\\mathbf{x}^{\\top})^{\\circ 2}'],
  ['a power of a sum', rawPow(rawAdd([s, t]), num(2)), '(s + t)^{2}'],
  ['a power of a fraction', rawPow(div(s, t), num(2)), '\\left(\\frac{s}{t}\\right)^{2}'],
  ['a negative scalar under a power', rawPow(neg(s), num(2)), '(-s)^{2}'],
  ['a matrix power', rawMatpow(X, 3), 'X^{3}'],
  ['the transpose of a product', rawTranspose(Ax), '(A\\mathbf{x})^{\\top}'],
  ['a double transpose', rawTranspose(rawTranspose(A)), '(A^{\\top})^{\\top}'],
  ['an inverse', rawInv(X), 'X^{-1}'],
  ['the transpose of an inverse', rawTranspose(rawInv(X)), 'X^{-\\top}'],
  ['the inverse of a transpose', rawInv(rawTranspose(X)), 'X^{-\\top}'],
  ['the inverse of a sum', rawInv(rawAdd([X, S])), '(X + S)^{-1}'],
  // element-wise products
  ['σ(x) ⊙ (1 − σ(x))', rawHadamard([sig, sub(ones(x.shape), sig)]), '\\sigma(\\mathbf{x}) \\odot (\\mathbf{1} - \\sigma(\\mathbf{x}))'],
  ['element-wise division', rawHadamard([x, rawPow(y, num(-1))]), '\\mathbf{x} \\oslash \\mathbf{y}'],
  ['division by a product', rawHadamard([x, rawPow(y, num(-1)), rawPow(z, num(-1))]), '\\mathbf{x} \\oslash (\\mathbf{y} \\odot \\mathbf{z})'],
  ['a reciprocal vector', rawHadamard([rawPow(y, num(-1)), x, w]), '(\\mathbf{x} \\odot \\mathbf{w}) \\oslash \\mathbf{y}'],
  ['a product inside ⊙', rawHadamard([Ax, b]), '(A\\mathbf{x}) \\odot \\mathbf{b}'],
  ['Kronecker', rawKron(A, B), 'A \\otimes B'],
  ['Kronecker with an identity', rawKron(eye('n'), A), 'I_{n} \\otimes A'],
  // constants
  ['identity', eye('n'), 'I'],
  ['ones', ones(x.shape), '\\mathbf{1}'],
  ['a row of ones', ones(r.shape), '\\mathbf{1}^{\\top}'],
  ['a matrix of ones', ones(A.shape), '\\mathbf{1}_{m \\times n}'],
  ['zeros', zeros(x.shape), '\\mathbf{0}'],
  ['a row of zeros', zeros(r.shape), '\\mathbf{0}^{\\top}'],
  ['commutation', commutation('m', 'n'), '\\mathbf{K}_{m,n}'],
  ['a unit vector', unit('n', 2), '\\mathbf{e}_{2}'],
  ['a size', sizeNode(shape('m', 'n')), 'mn'],
  ['a vector size', sizeNode(shape('n', 1)), 'n'],
  ['mean as sum over size', div(rawReduce('sum', x), sizeNode(x.shape)), '\\frac{\\operatorname{sum}(\\mathbf{x})}{n}'],
  // functions
  ['exp', rawFn('exp', x), '\\exp(\\mathbf{x})'],
  ['log of a sum', rawFn('log', rawAdd([s, t])), '\\log(s + t)'],
  ['tall arguments use \\left( \\right)', rawFn('exp', div(s, t)), '\\exp\\left(\\frac{s}{t}\\right)'],
  ['sigmoid', rawFn('sigmoid', s), '\\sigma(s)'],
  ['relu', rawFn('relu', Ax), '\\max(0, A\\mathbf{x})'],
  ['min0', rawFn('min0', s), '\\min(0, s)'],
  ['step of an array', rawFn('step', x), '\\mathbb{I}[\\mathbf{x} > 0]'],
  ['step of a scalar', rawFn('step', rawAdd([rawMul([rawTranspose(w), x]), s])), '\\mathbb{I}[\\mathbf{w}^{\\top}\\mathbf{x} + s > 0]'],
  ['abs', rawFn('abs', s), '\\lvert s \\rvert'],
  ['sqrt', rawFn('sqrt', rawAdd([s, t])), '\\sqrt{s + t}'],
  ['sign', rawFn('sign', x), '\\operatorname{sign}(\\mathbf{x})'],
  ['tanh', rawFn('tanh', x), '\\tanh(\\mathbf{x})'],
  ['sum', rawReduce('sum', x), '\\operatorname{sum}(\\mathbf{x})'],
  ['mean', rawReduce('mean', A), '\\operatorname{mean}(A)'],
  ['the 2-norm of a vector', rawReduce('norm2', sub(Ax, b)), '\\lVert A\\mathbf{x} - \\mathbf{b} \\rVert_{2}'],
  ['the Frobenius norm', rawReduce('norm2', A), '\\lVert A \\rVert_{F}'],
  ['the 1-norm', rawReduce('norm1', x), '\\lVert \\mathbf{x} \\rVert_{1}'],
  ['a squared norm', rawPow(rawReduce('norm2', x), num(2)), '\\lVert \\mathbf{x} \\rVert_{2}^{2}'],
  ['trace', rawReduce('tr', rawMul([rawTranspose(A), A])), '\\operatorname{tr}(A^{\\top}A)'],
  ['det', rawReduce('det', X), '\\det(X)'],
  ['logdet', rawReduce('logdet', X), '\\log\\det(X)'],
  ['diag of a vector', rawDiagm(x), '\\operatorname{diag}(\\mathbf{x})'],
  ['diag of a matrix', rawDiagv(X), '\\operatorname{diag}(X)'],
  ['softmax', rawSoftmax(x), '\\operatorname{softmax}(\\mathbf{x})'],
  ['logsumexp', rawReduce('logsumexp', x), '\\operatorname{logsumexp}(\\mathbf{x})'],
  ['vec', rawVec(A), '\\operatorname{vec}(A)'],
  // arrays and entries
  ['a vector literal', block(2, 1, [rawMul([num(3), rawPow(s, num(2)), t]), rawAdd([rawMul([num(2), s]), rawPow(t, num(8))])]),
    '\\begin{bmatrix} 3s^{2}t \\\\ 2s + t^{8} \\end{bmatrix}'],
  ['a matrix literal', block(2, 2, [s, t, num(0), num(1)]), '\\begin{bmatrix} s & t \\\\ 0 & 1 \\end{bmatrix}'],
  ['an entry of a vector', entry(x, 3, 1), 'x_{3}'],
  ['an entry of a matrix', entry(A, 1, 2), 'A_{12}'],
  ['an entry with a two-digit index', entry(A, 10, 2), 'A_{10,2}'],
  ['an entry of a product', entry(Ax, 2, 1), '(A\\mathbf{x})_{2}'],
  ['an entry of a subscripted name', entry(x1, 2, 1), '(\\mathbf{x}_{1})_{2}'],
  ['an entry squared', rawPow(entry(x, 1, 1), num(2)), 'x_{1}^{2}'],
];

describe('write/latex: textbook LaTeX', () => {
  for (const [what, e, expected] of CASES) {
    it(`${what}: ${expected}`, () => {
      const tex = toLatex(e);
      assert.equal(tex, expected);
      assertRenders(tex);
    });
  }

  it('writes ^{T} when asked', () => {
    assert.equal(toLatex(rawTranspose(rawInv(X)), { transpose: 'T' }), 'X^{-T}');
    assert.equal(toLatex(rawMul([rawTranspose(x), y]), { transpose: 'T' }), '\\mathbf{x}^{T}\\mathbf{y}');
  });

  it('names a shared subexpression once per use (the DAG is rendered once per node)', () => {
    const u = rawAdd([x, y]);
    assert.equal(toLatex(rawHadamard([u, u])), '(\\mathbf{x} + \\mathbf{y}) \\odot (\\mathbf{x} + \\mathbf{y})');
  });

  it('renders every operator of the model in KaTeX, composed', () => {
    const v = variable('v', shape('k', 1));
    const e = rawAdd([
      rawMul([rawTranspose(rawKron(rawInv(rawTranspose(X)), eye('n'))), rawVec(rawMatpow(X, 2)), rawPow(sizeNode(X.shape), num(-1))]),
      rawMul([commutation('n', 'n'), rawVec(rawDiagm(rawSoftmax(rawFn('step', rawDiagv(X)))))]),
      rawMul([rawReduce('logsumexp', v), rawReduce('logdet', S), unit('n·n', 1)]),
    ]);
    const tex = toLatex(e);
    assertRenders(tex);
  });
});
