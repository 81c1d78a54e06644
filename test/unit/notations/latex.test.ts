import assert from 'node:assert/strict';
import { readLatex, parseLatex } from '../../../src/core/syntax/latex';
import { MAX_DEPTH, readPlain } from '../../../src/core/syntax';
import { toText } from '../../../src/core/write';
import { assertError, error, latex, latexIs, plain, value, variablesOf } from './helpers';

describe('notations/latex: names and typography', () => {
  it('reads bold, arrow and boldsymbol names as vectors, capitals as matrices', () => {
    assert.equal(variablesOf(value(readLatex('\\mathbf{x} + \\vec{y} + \\boldsymbol{\\mu} + \\bm{z}'))), 'x:n×1 y:n×1 mu:n×1 z:n×1');
    assert.equal(variablesOf(value(readLatex('A\\mathbf{x}'))), 'A:m×n x:n×1');
    assert.equal(variablesOf(value(readLatex('\\mathbf{A}\\mathbf{x} + \\Sigma\\mathbf{x}'))), 'A:m×n x:n×1 Sigma:m×n');
  });

  it('reads non-bold lowercase letters as scalars when the text writes vectors in bold', () => {
    assert.equal(variablesOf(value(readLatex('\\mathbf{w}^\\top\\mathbf{x} + b'))), 'w:n×1 x:n×1 b:1×1');
    assert.equal(variablesOf(value(readLatex('\\lambda\\|\\mathbf{w}\\|^2 + x'))), 'lambda:1×1 w:n×1 x:1×1');
  });

  it('uses the letter conventions when the text has no bold, and scalars when those do not fit', () => {
    // x^T A x: h–z are vectors.
    assert.equal(variablesOf(value(readLatex('x^\\top A x'))), 'x:n×1 A:n×n');
    // 3x^2y and sin(x^2) only make sense for scalars.
    assert.equal(variablesOf(value(readLatex('3x^2y'))), 'x:1×1 y:1×1');
    assert.equal(toText(latex('\\sin(x^2)')), 'sin(x^2)');
    assert.equal(variablesOf(value(readLatex('\\sin(x^2)'))), 'x:1×1');
  });

  it('reads a long input as it reads the short one (issue 13: the 60,000-character chains of the LaTeX fuzzer)', () => {
    // No subscript and no bold: the styles are learned only when the letters do not fit.
    const chain = '[0]'.repeat(20_000);
    assert.equal(variablesOf(value(readLatex(`3x^2y${chain}`))), 'x:1×1 y:1×1');
    const norm = `+\\left${chain}\\| X w - y \\right\\|^2 + \\lambda \\|w\\|^2`;
    assert.equal(variablesOf(value(readLatex(norm))), variablesOf(value(readLatex('\\| X w - y \\|^2 + \\lambda \\|w\\|^2'))));
    // With a bold name or a subscript the styles come first, as before: b beside bold is a scalar.
    const short = '[0]'.repeat(2_000);
    assert.equal(variablesOf(value(readLatex(`\\mathbf{w}^\\top\\mathbf{x} + b${short}`))), 'w:n×1 x:n×1 b:1×1');
    assert.equal(variablesOf(value(readLatex(`\\sum_i y_i${short}`))), variablesOf(value(readLatex('\\sum_i y_i'))));
  }).timeout(60_000); // large inputs: a hang guard for a loaded machine, not a speed test (speed: npm run bench)

  it('lets declarations win over typography, in where and in % comments', () => {
    assert.equal(variablesOf(value(readLatex('\\mathbf{x} + y', 'x: scalar; y: scalar'))), 'x:1×1 y:1×1');
    assert.equal(variablesOf(value(readLatex('% x: vector(k)\n\\mathbf{x}^\\top\\mathbf{x}'))), 'x:k×1');
    assert.equal(variablesOf(value(readLatex('% a note: not a declaration\n\\mathbf{x}^\\top\\mathbf{x}'))), 'x:n×1');
  });

  it('reads subscripts as parts of names: W_1 is W1, w_{\\text{out}} is w_out', () => {
    latexIs('W_2\\mathbf{h}_{1} + \\mathbf{b}_2', 'W2*h1 + b2', 'h1: vector(n); b2: vector(m)');
    assert.equal(variablesOf(value(readLatex('\\mathbf{w}_{\\text{out}}^\\top \\mathbf{x}_{i,j}'))), 'w_out:n×1 x_i_j:n×1');
    assert.equal(variablesOf(value(readLatex('\\hat{\\mathbf{y}} - \\mathbf{y}'))), 'y_hat:n×1 y:n×1');
  });

  it('reads Greek letters as names, \\pi as the constant π', () => {
    latexIs('\\alpha\\mathbf{x} + \\beta\\mathbf{y}', 'alpha*x + beta*y');
    assert.equal(toText(latex('\\pi r^2', 'r: scalar')), 'pi*r^2');
    assert.equal(toText(latex('\\frac{\\pi}{2} r', 'r: scalar')), 'pi*r/2');
  });
});

describe('notations/latex: operators', () => {
  const vw = 'w: vector(n); x: vector(n)';

  it('reads transposes: ^\\top, ^T, ^{T}, ^{\\mathsf T}, ^\\mathsf{T}, ^{\\intercal}, prime', () => {
    for (const t of ['^\\top', '^T', '^{T}', '^{\\top}', '^{\\mathsf T}', '^{\\mathsf{T}}', '^\\mathsf{T}', '^\\intercal', "'"]) {
      latexIs(`\\mathbf{w}${t}\\mathbf{x}`, "w'*x", vw);
    }
  });

  it('reads inverses and powers: A^{-1}, A^{-\\top}, A^2, x^{-1} of a scalar, element-wise x^{\\circ 2}', () => {
    latexIs('A^{-1}', 'inv(A)', 'A: matrix(n, n)');
    latexIs('A^{-\\top}', "inv(A)'", 'A: matrix(n, n)');
    latexIs('A^2', 'A^2', 'A: matrix(n, n)');
    latexIs('s^{-1}', 's^-1', 's: scalar');
    latexIs('\\mathbf{x}^{\\circ 2}', 'x.^2', 'x: vector(n)');
    latexIs('x^23', 'x^2*3', 'x: scalar');
    // found by npm run fuzz: "+3x2^.5" threw (the exponent's first character "." was made a number, NaN)
    latexIs('x^.5', 'x^0.5', 'x: scalar');
    latexIs('x^2.5', 'x^2.5', 'x: scalar');
  });

  it('refuses a bracketed superscript index, W^{(1)}, x^{(i)}, W^{[2]}: a layer or sample, not a power', () => {
    // W^{(2)}\sigma(W^{(1)}x) was read as W^2 σ(W x): both layers the same variable W, one squared.
    for (const [t, sup] of [['W^{(1)} x', '^{(1)}'], ['x^{(i)}', '^{(i)}'], ['W^{[2]} \\mathbf{h}', '^{[2]}'], ['W^{(2)}\\sigma(W^{(1)}\\mathbf{x})', '^{(2)}']]) {
      assertError(error(readLatex(t)), 'latex.unsupported', sup, t, 'not a power');
    }
    latexIs('W_{1} \\mathbf{x}', 'W1*x');
    latexIs('x^{2}', 'x^2');
    latexIs('(a + b)^{2}', '(a + b)^2');
  });

  it('refuses \\times between two vectors: the cross product, not a matrix product', () => {
    // On main \mathbf{x} \times \mathbf{y} was 'cannot multiply x (n×1) by y (m×1) in x*y'.
    const t = '\\mathbf{x} \\times \\mathbf{y}';
    assertError(error(readLatex(t)), 'latex.unsupported', t, t, 'cross product');
    latexIs('A \\times B', 'A*B');
    latexIs('2 \\times \\mathbf{x}', '2*x');
    latexIs('a \\times b', 'a*b');
  });

  it('reads implicit multiplication: 2x, Ax, w^T x, 3x^2y', () => {
    latexIs('2\\mathbf{x}', '2*x', 'x: vector(n)');
    latexIs('A\\mathbf{x}', 'A*x', 'A: matrix(m, n); x: vector(n)');
    latexIs('3x^2y', '3*x^2*y', 'x: scalar; y: scalar');
    latexIs('\\mathbf{x}^\\top A\\mathbf{x}', "x'*A*x", 'x: vector(n); A: matrix(n, n)');
  });

  it('reads \\cdot as the dot product of two vectors and as a product otherwise', () => {
    latexIs('\\mathbf{w}\\cdot\\mathbf{x}', 'dot(w, x)', vw);
    latexIs('\\mathbf{w} \\cdot \\mathbf{x} + b', 'dot(w, x) + b', `${vw}; b: scalar`);
    latexIs('2 \\cdot 3x', '2*3*x', 'x: scalar');
    latexIs('a \\cdot \\mathbf{x}', 'a*x', 'a: scalar; x: vector(n)');
    latexIs('\\langle \\mathbf{w}, \\mathbf{x} \\rangle', 'dot(w, x)', vw);
  });

  it('reads \\odot and \\circ as Hadamard products, \\oslash as element-wise division', () => {
    latexIs('\\mathbf{w} \\odot \\mathbf{x}', 'w .* x', vw);
    latexIs('\\mathbf{w} \\circ \\mathbf{x}', 'w .* x', vw);
    latexIs('\\mathbf{w} \\oslash \\mathbf{x}', 'w ./ x', vw);
  });

  it('reads \\otimes as the Kronecker product (as the LaTeX writer prints it), as Hadamard only when asked', () => {
    latexIs('A \\otimes B', 'kron(A, B)', 'A: matrix(m, n); B: matrix(p, q)');
    latexIs('\\mathbf{w} \\otimes \\mathbf{x}', 'w .* x', vw, { otimes: 'hadamard' });
  });

  it('reads \\frac, \\times, / and a leading minus over a whole product', () => {
    latexIs('\\frac{\\mathbf{x} - \\mathbf{a}}{\\|\\mathbf{x} - \\mathbf{a}\\|}', '(x - a)/norm2(x - a)', 'x: vector(n); a: vector(n)');
    latexIs('\\frac{1}{2}\\mathbf{x}^\\top A\\mathbf{x}', "x'*A*x/2", 'x: vector(n); A: matrix(n, n)');
    latexIs('\\frac12 s', 's/2', 's: scalar');
    latexIs('\\frac{a}{b^2}', 'a*b^-2', 'a: scalar; b: scalar');
    latexIs('a \\times b / c', 'a*b/c', 'a: scalar; b: scalar; c: scalar');
    latexIs('-2A^\\top\\mathbf{x}', "-2*A'*x", 'A: matrix(m, n); x: vector(m)');
    latexIs('a - b\\mathbf{x}', 'a - b*x', 'a: vector(n); b: scalar; x: vector(n)');
    latexIs('-\\mathbf{x}', '-x', 'x: vector(n)');
  });

  it('reads vector and matrix literals', () => {
    latexIs('[3x^2y, 2x + y^8]', '[3*x^2*y, 2*x + y^8]', 'x: scalar; y: scalar');
    latexIs('\\begin{bmatrix} a \\\\ b \\end{bmatrix}', '[a; b]', 'a: scalar; b: scalar');
    latexIs('\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}', '[a, b; c, d]', 'a: scalar; b: scalar; c: scalar; d: scalar');
  });

  it('reads 𝟏, 𝟎 and I with their sizes from the context, or given', () => {
    latexIs('\\mathbf{x} + \\mathbf{1}', 'x + vector(1)', 'x: vector(n)');
    latexIs('\\vec{1}^\\top\\mathbf{x}', 'ones(1, n)*x', 'x: vector(n)');
    latexIs('A + I', 'A + eye(n)', 'A: matrix(n, n)');
    latexIs('A + 2I_n', 'A + 2*eye(n)', 'A: matrix(n, n)');
    latexIs('A + \\mathbf{I}', 'A + eye(n)', 'A: matrix(n, n)');
    latexIs('\\mathbf{1}_{m \\times n} + A', 'ones(m, n) + A', 'A: matrix(m, n)');
    latexIs('\\mathbf{x} + \\mathbf{0}', 'x + zeros(n)', 'x: vector(n)');
    latexIs('I', 'I', 'I: matrix(n, n)');
  });

  it('reads a dimension name as its number: \\frac{1}{n} with x: vector(n)', () => {
    latexIs('\\frac{1}{n}\\mathbf{x}^\\top\\mathbf{x}', "x'*x/count(n, 1)", 'x: vector(n)');
  });
});

describe('notations/latex: functions', () => {
  const X = 'X: matrix(n, n)';

  it('reads trace, determinant and log-determinant in their spellings', () => {
    for (const t of ['\\operatorname{tr}(X)', '\\mathrm{tr}(X)', '\\operatorname{Tr}(X)', '\\text{tr}(X)', '\\operatorname{tr} X', 'tr(X)', '\\tr X']) latexIs(t, 'tr(X)', X);
    for (const t of ['\\det(X)', '\\det X', '|X|', '\\left| X \\right|']) latexIs(t, 'det(X)', X);
    for (const t of ['\\log\\det X', '\\log\\det(X)', '\\log |X|', '\\operatorname{logdet}(X)', '\\ln\\det X']) latexIs(t, 'logdet(X)', X);
    latexIs('\\log(\\det X)', 'log(det(X))', X);
  });

  it('reads element-wise functions with and without parentheses', () => {
    const v = 'x: vector(n)';
    latexIs('\\exp(\\mathbf{x})', 'exp(x)', v);
    latexIs('\\ln \\mathbf{x}', 'log(x)', v);
    latexIs('\\log(1 + \\exp(\\mathbf{x}))', 'log(1 + exp(x))', v);
    latexIs('\\sin x \\cos y', 'sin(x)*cos(y)', 'x: scalar; y: scalar');
    latexIs('\\sin^2 x', 'sin(x)^2', 'x: scalar');
    latexIs('\\tanh(W\\mathbf{x})', 'tanh(W*x)', 'W: matrix(m, n); x: vector(n)');
    latexIs('\\sqrt{\\mathbf{x}^\\top\\mathbf{x}}', "sqrt(x'*x)", v);
    latexIs('e^{-x^2}', 'exp(-x^2)', 'x: scalar');
    latexIs('\\mathrm{e}^{s}', 'exp(s)', 's: scalar');
  });

  it('reads \\sigma( as the logistic function, \\sigma alone as a variable', () => {
    latexIs('\\sigma(\\mathbf{w}^\\top\\mathbf{x})', "sigmoid(w'*x)", 'w: vector(n); x: vector(n)');
    latexIs('\\sigma^2 + 1', 'sigma^2 + 1');
    latexIs('\\sigma(x)', 'sigma*x', 'sigma: scalar; x: scalar');
  });

  it('reads max(0, u), min(0, u), ReLU and the indicator', () => {
    const v = 'x: vector(n)';
    latexIs('\\max(0, \\mathbf{x})', 'max(0, x)', v);
    latexIs('\\max\\{0, \\mathbf{x}\\}', 'max(0, x)', v);
    latexIs('max(0,\\mathbf{x})', 'max(0, x)', v);
    latexIs('\\min(0, \\mathbf{x})', 'min(0, x)', v);
    latexIs('\\operatorname{ReLU}(\\mathbf{x})', 'relu(x)', v);
    latexIs('\\mathbb{1}[\\mathbf{x} > 0]', 'step(x)', v);
    latexIs('\\mathbb{I}[\\mathbf{x} > 0]', 'step(x)', v);
    latexIs('\\mathbb{I}\\left[\\mathbf{x} > 0\\right]', 'step(x)', v);
  });

  it('reads norms: \\|x\\|, \\|x\\|_2, \\|x\\|^2, \\|x\\|_1, \\|X\\|_F, \\lVert…\\rVert, |x| of a scalar', () => {
    const v = 'x: vector(n); X: matrix(m, n); s: scalar';
    latexIs('\\|\\mathbf{x}\\|', 'norm2(x)', v);
    latexIs('\\|\\mathbf{x}\\|_2', 'norm2(x)', v);
    latexIs('\\|\\mathbf{x}\\|^2', 'norm2(x)^2', v);
    latexIs('\\|\\mathbf{x}\\|_2^2', 'norm2(x)^2', v);
    latexIs('\\|\\mathbf{x}\\|^2_2', 'norm2(x)^2', v);
    latexIs('\\|\\mathbf{x}\\|_1', 'norm1(x)', v);
    latexIs('\\|X\\|_F', 'norm2(X)', v);
    latexIs('\\left\\lVert X\\mathbf{x} \\right\\rVert_{\\mathrm{F}}', 'norm2(X*x)', 'x: vector(n); X: matrix(m, n)');
    latexIs('|s| + |\\mathbf{x}|', 'abs(s) + abs(x)', v);
  });

  it('reads operator names: diag, softmax, logsumexp, sum, mean, sign, vec', () => {
    const v = 'x: vector(n); z: vector(n)';
    latexIs('\\operatorname{diag}(\\mathbf{x})', 'diag(x)', v);
    latexIs('\\mathrm{softmax}(\\mathbf{z})', 'softmax(z)', v);
    latexIs('\\operatorname{logsumexp}(\\mathbf{z})', 'logsumexp(z)', v);
    latexIs('\\operatorname{sum}(\\mathbf{x})', 'sum(x)', v);
    latexIs('sum(\\mathbf{x})', 'sum(x)', v);
    latexIs('\\operatorname{mean}(\\mathbf{x})', 'mean(x)', v);
    latexIs('\\operatorname{sgn}(\\mathbf{x})', 'sign(x)', v);
  });

  it('reads delimiters of every size', () => {
    latexIs('\\left( \\mathbf{x} + \\mathbf{y} \\right)^\\top\\mathbf{z}', "(x + y)'*z");
    latexIs('\\bigl( \\mathbf{x} + \\mathbf{y} \\bigr)^\\top\\mathbf{z}', "(x + y)'*z");
    latexIs('\\Big[ \\mathbf{x} + \\mathbf{y} \\Big]^\\top\\mathbf{z}', "(x + y)'*z");
    latexIs('{\\mathbf{x} + \\mathbf{y}}^\\top\\mathbf{z}', "(x + y)'*z");
  });
});

describe('notations/latex: sums over samples', () => {
  const data = 'X: matrix(N, n); w: vector(n); y: vector(N); b: scalar';

  it('reads \\sum_i x_i as sum(x) and \\sum_i w_i x_i as the dot product wᵀx (a contraction)', () => {
    latexIs('\\sum_i x_i', 'sum(x)', 'x: vector(n)');
    latexIs('\\sum_{i=1}^{n} x_i', 'sum(x)', 'x: vector(n)');
    latexIs('\\sum_i w_i x_i', "w'*x", 'w: vector(n); x: vector(n)');
    latexIs('\\sum_{j} x_j^2 + 1', 'sum(x.^2) + 1', 'x: vector(n)');
  });

  it('reads \\frac{1}{N}\\sum_{i=1}^N as the mean, with samples x_i as the rows of X', () => {
    latexIs('\\frac{1}{N}\\sum_{i=1}^{N}\\left(y_i - \\max(0, \\mathbf{w}\\cdot\\mathbf{x}_i + b)\\right)^2', 'mean((y - max(0, X*w + b)).^2)', data);
    latexIs('\\frac{1}{N}\\sum_i (y_i - \\mathbf{w}^\\top\\mathbf{x}_i)^2', 'mean((y - X*w).^2)', data);
    latexIs('\\sum_{i=1}^{N} (\\mathbf{x}_i^\\top\\mathbf{w} - y_i)^2', 'sum((X*w - y).^2)', data);
    latexIs('\\sum_i \\log(1 + \\exp(-y_i \\mathbf{w}^\\top\\mathbf{x}_i))', 'sum(log(1 + exp(-y .* (X*w))))', data);
  });

  it('keeps the factor when 1/N and the bound differ', () => {
    latexIs('\\frac{1}{M}\\sum_{i=1}^{N} y_i', '1/M*sum(y)', 'y: vector(N); M: scalar');
  });

  it('reads entries of expressions (A x)_i, their powers, and divisions by i-dependent terms', () => {
    latexIs('\\sum_i (A\\mathbf{x})_i', 'sum(A*x)', 'A: matrix(m, n); x: vector(n)');
    latexIs('\\frac{1}{N}\\sum_{i=1}^N (X\\mathbf{w} - \\mathbf{y})_i^2', 'mean((X*w - y).^2)', data);
    latexIs('\\sum_i \\frac{w_i}{x_i}', 'sum(w ./ x)', 'w: vector(n); x: vector(n)');
  });

  it('explains what it cannot turn into matrix form', () => {
    const lone = '\\sum_i \\mathbf{x}_i';
    assertError(error(readLatex(lone, data)), 'latex.sum', '\\mathbf{x}_i', lone, 'dot product');
    const vectorSummand = '\\sum_i y_i \\mathbf{w}';
    assertError(error(readLatex(vectorSummand, data)), 'latex.sum', '\\mathbf{w}', vectorSummand, 'must be a scalar');
    const constant = '\\sum_i b';
    assertError(error(readLatex(constant, data)), 'latex.sum', '\\sum_i', constant, 'does not depend on the index i');
    const nested = '\\sum_i \\sum_j y_i';
    assertError(error(readLatex(nested, data)), 'latex.sum', '\\sum_j', nested, 'does not use the index j');
    const exponent = '\\sum_i b^{y_i}';
    assertError(error(readLatex(exponent, data)), 'latex.sum', 'y_i', exponent, 'exponent');
    const noIndex = '\\sum y';
    assertError(error(readLatex(noIndex, data)), 'latex.sum', '\\sum', noIndex, 'index of the sum');
  });
});

describe('notations/latex: prefixes and delimiters', () => {
  it('skips y =, f(x) =, f(\\mathbf{x}) := and C(\\mathbf{w}, b) =', () => {
    for (const lhs of ['y = ', 'f(x) = ', 'f(\\mathbf{x}) = ', 'f(\\mathbf{x}) := ', 'C(\\mathbf{w}, b) = ', '\\mathcal{L} = ', 'L(\\theta) \\coloneqq ']) {
      latexIs(`${lhs}\\mathbf{x}^\\top\\mathbf{x}`, "x'*x");
    }
  });

  it('strips $…$, $$…$$, \\[…\\], \\(…\\), equation environments and a final period', () => {
    for (const t of ['$x^2$', '$$x^2$$', '\\[x^2\\]', '\\(x^2\\)', '\\begin{equation} x^2 \\end{equation}', '\\begin{equation*}x^2.\\end{equation*}', '$$ x^2. $$', 'x^2,', '\\[ x^2 \\label{eq:sq} \\]']) {
      latexIs(t, 'x^2', 'x: scalar');
    }
  });

  it('reports errors with spans in the LaTeX text', () => {
    let t = '\\mathbf{x} + \\foo{y}';
    assertError(error(readLatex(t)), 'latex.unknown-command', '\\foo', t, 'unknown LaTeX command \\foo');
    t = '\\frac{1}{2}\\activation(\\mathbf{x})';
    assertError(error(readLatex(t)), 'latex.unknown-command', '\\activation', t);
    t = 'activation(\\mathbf{x})';
    assertError(error(readLatex(t)), 'name.unknown-function', 'activation', t, "unknown function 'activation'");
    t = '$$A\\mathbf{x} + \\mathbf{y}$$';
    assertError(error(readLatex(t, 'A: matrix(m, n); x: vector(n); y: vector(k)')), 'shape.mismatch', 'A\\mathbf{x} + \\mathbf{y}', t, 'cannot add');
    t = '\\left( \\mathbf{x} + 1';
    assertError(error(readLatex(t)), 'parse.unclosed', [21, 21], t, "expected ')'");
    t = '\\mathbf{x} + )';
    assertError(error(readLatex(t)), 'parse.unmatched', ')', t);
    t = '$x^2';
    assertError(error(readLatex(t)), 'parse.unclosed', '$', t, 'not closed');
    t = '\\mathbf{x}^2';
    assertError(error(readLatex(t)), 'latex.vector-power', '\\mathbf{x}^2', t, 'ambiguous');
    t = '\\|X\\|_2';
    assertError(error(readLatex(t)), 'latex.unsupported', t, t, 'spectral norm');
    t = '\\max(\\mathbf{x}, \\mathbf{y})';
    assertError(error(readLatex(t, 'x: vector(n); y: vector(m)')), 'shape.mismatch', t, t, 'max(a, b) needs arrays of one shape');
    t = 'y = a + b = c';
    assertError(error(readLatex(t)), 'parse.extra-expression', [10, 11], t, 'another');
    t = 'a + b = c';
    assertError(error(readLatex(t)), 'parse.left-side', 'a + b', t);
    t = '\\nabla f';
    assertError(error(readLatex(t)), 'latex.unsupported', '\\nabla', t, 'select the function only');
    t = '';
    assertError(error(readLatex(t)), 'parse.empty', [0, 0], t);
  });

  it('refuses the Unicode notation rather than reading its marks as variables (xᵀx is not x·ᵀ·x)', () => {
    // ᵀ is a modifier letter (Unicode category Lm), not a letter of a name.
    for (const [t, mark] of [['xᵀx', 'ᵀ'], ['Aᵀ x', 'ᵀ'], ['xⁱ', 'ⁱ'], ['x ⊙ y', '⊙'], ['x²', '²']] as const) {
      assertError(error(readLatex(t)), 'parse.unexpected-token', mark, t, 'Unicode math is not LaTeX');
    }
    // Greek and other letters are still names.
    assert.equal(variablesOf(value(readLatex('α c + ß'))), 'α:1×1 c:1×1 ß:1×1');
  });

  it('reads deep nesting and fails cleanly past MAX_DEPTH, never with a stack overflow', () => {
    // 10,000 levels of each kind: test/unit/robustness/deepNotations.test.ts.
    assert.ok(readLatex(`${'\\left('.repeat(5000)}x${'\\right)'.repeat(5000)}`, 'x: scalar').ok);
    assert.ok(readLatex(`${'\\frac{1}{'.repeat(3000)}x${'}'.repeat(3000)}`, 'x: scalar').ok);
    assert.ok(readLatex(`${'x^{'.repeat(3000)}2${'}'.repeat(3000)}`, 'x: scalar').ok);
    assert.equal(error(readLatex(`${'{'.repeat(MAX_DEPTH + 1)}x${'}'.repeat(MAX_DEPTH + 1)}`)).code, 'limit.depth');
  }).timeout(60_000); // large inputs: a hang guard for a loaded machine, not a speed test (speed: npm run bench)

  it('reads long sums and products in linear time', () => {
    const n = 10000;
    const sum = Array.from({ length: n }, (_, i) => `${i + 1}x`).join(' + ');
    const r = value(readLatex(sum, 'x: scalar'));
    assert.equal(r.expr.args.length, n);
    // A long run of letters is a product (not scanned again from every letter).
    const run = value(readLatex('x'.repeat(40000), 'x: scalar'));
    assert.equal(run.expr.args.length, 40000);
  }).timeout(60_000); // large inputs: a hang guard for a loaded machine, not a speed test (speed: npm run bench)

  it('parses to the plain syntax tree (parseLatex)', () => {
    const ast = value(parseLatex('\\mathbf{w}^\\top\\mathbf{x} + b'));
    assert.equal(ast.kind, 'sum');
    assert.deepEqual([ast.span.start, ast.span.end], [0, 29]);
  });
});

describe('notations/latex: shapes are those of the plain reading', () => {
  it('infers and unifies dimensions like the plain syntax', () => {
    assert.equal(variablesOf(value(readLatex('W_2\\max(0, W_1\\mathbf{x})'))), 'W2:m×k W1:k×n x:n×1');
    assert.equal(variablesOf(value(readPlain('W2*max(0, W1*x)'))), 'W2:m×k W1:k×n x:n×1');
  });

  it('reads the same expression as plain for a least-squares loss', () => {
    assert.equal(latex('\\|A\\mathbf{x} - \\mathbf{b}\\|^2'), plain('norm2(A*x - b)^2', 'b: vector(m)'));
  });
});
