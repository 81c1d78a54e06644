import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { findMathSpans, mathSpanAt } from '../../../src/shared/document/mathSpans';
import { expressionAtCursor, expressionInSelection, stripPythonComment } from '../../../src/extension/selection/extract';

/** The window is the whole text; `|` marks the cursor and is removed. */
function at(textWithCursor: string, languageId: string) {
  const cursor = textWithCursor.indexOf('|');
  assert.ok(cursor >= 0, 'test text needs a | cursor');
  const text = textWithCursor.slice(0, cursor) + textWithCursor.slice(cursor + 1);
  const r = expressionAtCursor({ text, offset: 0, cursor }, languageId);
  if (r.ok) assert.equal(text.slice(r.found.start, r.found.end), r.found.text, 'range and text agree');
  return r;
}

function found(textWithCursor: string, languageId: string): string {
  const r = at(textWithCursor, languageId);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.found.text;
}

describe('selection: math spans', () => {
  it('finds inline, display, \\( \\) and \\[ \\] spans with their bodies', () => {
    const text = 'a $x$ b $$y$$ c \\(z\\) d \\[w\\]';
    const bodies = findMathSpans(text).map((s) => text.slice(s.bodyStart, s.bodyEnd));
    assert.deepEqual(bodies, ['x', 'y', 'z', 'w']);
    assert.deepEqual(findMathSpans(text).map((s) => s.display), [false, true, false, true]);
  });

  it('escaped dollars are text', () => {
    const text = 'costs \\$5 and \\$6, but $a$ is math';
    const spans = findMathSpans(text);
    assert.equal(spans.length, 1);
    assert.equal(text.slice(spans[0].bodyStart, spans[0].bodyEnd), 'a');
  });

  it('an unclosed $ does not run past a blank line', () => {
    const text = 'price $5\n\nnext paragraph $x$';
    const spans = findMathSpans(text);
    assert.deepEqual(spans.map((s) => text.slice(s.bodyStart, s.bodyEnd)), ['x']);
  });

  it('display environments', () => {
    const text = '\\begin{align}\n f &= x^T A x \\label{eq:1}\n\\end{align}';
    const span = mathSpanAt(text, 20);
    assert.ok(span);
    assert.equal(span.display, true);
    assert.equal(text.slice(span.end - 11, span.end), '\\end{align}');
  });

  it('no span at a cursor outside math', () => {
    assert.equal(mathSpanAt('text $x$ more', 11), undefined);
  });
});

describe('selection: expression under the cursor', () => {
  it('Markdown inline math', () => {
    assert.equal(found("The form $\\mathbf{x}^T A |\\mathbf{x}$ is quadratic.", 'markdown'), '\\mathbf{x}^T A \\mathbf{x}');
  });

  it('Markdown display math takes the right-hand side of an equation, without punctuation', () => {
    const r = at('$$\nf(\\mathbf{x}) = \\mathbf{x}^T| A \\mathbf{x}.\n$$', 'markdown');
    assert.ok(r.ok);
    assert.equal(r.found.text, '\\mathbf{x}^T A \\mathbf{x}');
    assert.equal(r.found.notation, 'latex');
  });

  it('LaTeX align: the line under the cursor, labels dropped', () => {
    const text = '\\begin{align}\n y &= W x + b \\label{eq:a} \\\\\n z &= \\sigma(|y)\n\\end{align}';
    assert.equal(found(text, 'latex'), '\\sigma(y)');
    const first = '\\begin{align}\n y &= W |x + b \\label{eq:a} \\\\\n z &= \\sigma(y)\n\\end{align}';
    assert.equal(found(first, 'latex'), 'W x + b');
  });

  it('an equation chain: the side under the cursor, the left side of a claim or a middle step, not always the last side', () => {
    assert.equal(found('$\\frac{\\partial}{\\partial x} x^\\top |A x = 2 A x$', 'markdown'), '\\frac{\\partial}{\\partial x} x^\\top A x');
    assert.equal(found('$$\\nabla_x (x^T A x) = x^T(A + |A^T) = 2x^T A$$', 'markdown'), 'x^T(A + A^T)');
    assert.equal(found('$$\\nabla_x (x^T A x) = x^T(A + A^T) = 2x^T |A$$', 'markdown'), '2x^T A');
    assert.equal(found('$|\\|Xw - y\\|^2 = w^T X^T X w - 2y^T X w + y^T y$', 'markdown'), '\\|Xw - y\\|^2');
    assert.equal(found('\\[ \\operatorname{tr}(A| X) = \\operatorname{tr}(X A) \\]', 'latex'), '\\operatorname{tr}(A X)');
  });

  it('a left side that only names the function (f(x), L, ∂f/∂x, ∇ₓf) gives the right-hand side', () => {
    assert.equal(found('$f(\\mathbf{x}|) = x^T A x$', 'markdown'), 'x^T A x');
    assert.equal(found('$|y = W x + b$', 'markdown'), 'W x + b');
    assert.equal(found('$\\mathcal{L}(|\\theta) = \\|X\\theta - y\\|^2$', 'markdown'), '\\|X\\theta - y\\|^2');
    assert.equal(found('$\\ell_{i|} = -\\log p_i$', 'markdown'), '-\\log p_i');
    assert.equal(found('$\\frac{\\partial f}{\\partial |x} = 2Ax$', 'markdown'), '2Ax');
    assert.equal(found('$\\frac{d L}{d |w} = 2Ax$', 'markdown'), '2Ax');
    assert.equal(found('$\\nabla_{\\mathbf{x}} |f = 2Ax$', 'markdown'), '2Ax');
    assert.equal(found('$\\nabla^2_x |f(x) = 2A$', 'markdown'), '2A');
    assert.equal(found('\\begin{align}\n f(x) &= x^T A x \\\\\n  &= |x^T A^T x\n\\end{align}', 'latex'), 'x^T A^T x');
  });

  it('a selected equation is still its last side', () => {
    assert.equal(expressionInSelection('$\\frac{\\partial}{\\partial x} x^\\top A x = 2 A x$', 'markdown')?.text, '2 A x');
  });

  it('\\le and == are not equations', () => {
    assert.equal(found('$a \\le |b$', 'markdown'), 'a \\le b');
    assert.equal(found('$x == |y$', 'markdown'), 'x == y');
  });

  it('Markdown outside math is a clear refusal', () => {
    const r = at('Just |prose here.', 'markdown');
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, /math span/);
  });

  it('Markdown: a line in a ```matcalc fence, in the plain syntax', () => {
    const text = "# Title\n\n```matcalc\nx: vector(n)\nx' * A |* x\n```\n";
    assert.equal(found(text, 'markdown'), "x' * A * x");
    const r = at('```matcalc\nnorm2(A * x - |b)^2\n```\n', 'markdown');
    assert.ok(r.ok);
    assert.equal(r.found.notation, 'plain');
  });

  it('Python: the right-hand side of an assignment, comment dropped', () => {
    assert.equal(found('# w: vector(n)\nloss = |w.T @ X.T @ X @ w  # quadratic\n', 'python'), 'w.T @ X.T @ X @ w');
  });

  it('Python: a statement continued over lines by brackets', () => {
    const text = 'y = (A @ x\n     + |b)\nz = 1\n';
    assert.equal(found(text, 'python'), '(A @ x\n     + b)');
    const fromFirstLine = 'y = (A @ |x\n     + b)\nz = 1\n';
    assert.equal(found(fromFirstLine, 'python'), '(A @ x\n     + b)');
  });

  it('Python: return, augmented and annotated assignment', () => {
    assert.equal(found('def f(x):\n    return x.T @ |x\n', 'python'), 'x.T @ x');
    assert.equal(found('s += a @ |b', 'python'), 'a @ b');
    assert.equal(found('s: float = a @ |b', 'python'), 'a @ b');
    assert.equal(found('np.sum(x |** 2)', 'python'), 'np.sum(x ** 2)');
    assert.equal(found('f(x, axis=|0)', 'python'), 'f(x, axis=0)', 'a keyword argument is not an assignment');
  });

  it('Python: a comment line has no expression', () => {
    assert.equal(at('# just a |comment', 'python').ok, false);
  });

  it('.matcalc: the line, without comment; a declaration is refused', () => {
    assert.equal(found("x: vector(n)\nx' * A * |x  # the form\n", 'matcalc'), "x' * A * x");
    const r = at('x: vec|tor(n)\n', 'matcalc');
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, /declaration/);
  });

  it('plain text: the line', () => {
    assert.equal(found('first\nsin(|x) * y\nlast', 'plaintext'), 'sin(x) * y');
  });

  it('stripPythonComment keeps # inside strings', () => {
    assert.equal(stripPythonComment('a = "#no" # yes'), 'a = "#no" ');
  });
});

describe('selection: trimming a selection', () => {
  it('math delimiters and a left-hand side are removed from a selected math span', () => {
    const r = expressionInSelection('  $$ f = \\mathbf{x}^T \\mathbf{x} $$ ', 'markdown');
    assert.ok(r);
    assert.equal(r.text, '\\mathbf{x}^T \\mathbf{x}');
    assert.equal(r.notation, 'latex');
  });

  it('a bare selection is trimmed only', () => {
    const r = expressionInSelection("  x' * A * x \n", 'matcalc');
    assert.deepEqual(r && [r.text, r.start, r.end], ["x' * A * x", 2, 12]);
  });

  it('a Python selection drops the assignment target', () => {
    assert.equal(expressionInSelection('y = A @ x', 'python')?.text, 'A @ x');
  });

  it('a whitespace-only selection is nothing', () => {
    assert.equal(expressionInSelection('   ', 'plaintext'), undefined);
  });
});
