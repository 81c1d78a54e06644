import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { clampStep, keyAction, moveStep } from '../../../src/webview/navigation';
import { highlightFocus } from '../../../src/webview/math';
import { insertionText } from '../../../src/extension/commands/insertion';
import type { DeriveResult } from '../../../src/core/api';

describe('webview: step navigation', () => {
  it('keys', () => {
    assert.equal(keyAction('ArrowRight', 'BODY', false), 'next');
    assert.equal(keyAction('ArrowLeft', 'BUTTON', false), 'prev');
    assert.equal(keyAction('Home', 'LI', false), 'first');
    assert.equal(keyAction('End', 'DIV', false), 'last');
    assert.equal(keyAction('ArrowRight', 'INPUT', false), undefined, 'form controls keep their keys');
    assert.equal(keyAction('ArrowRight', 'BODY', true), undefined, 'modified keys are not ours');
    assert.equal(keyAction('a', 'BODY', false), undefined);
  });

  it('moves stay in range', () => {
    assert.equal(moveStep(0, 'prev', 5), 0);
    assert.equal(moveStep(4, 'next', 5), 4);
    assert.equal(moveStep(2, 'next', 5), 3);
    assert.equal(moveStep(2, 'first', 5), 0);
    assert.equal(moveStep(2, 'last', 5), 4);
    assert.equal(moveStep(0, 'next', 0), 0);
    assert.equal(clampStep(9, 3), 2);
    assert.equal(clampStep(-1, 3), 0);
    assert.equal(clampStep(1.5, 3), 0);
  });
});

describe('webview: focus highlight', () => {
  it('wraps the first occurrence at a token boundary', () => {
    assert.equal(highlightFocus('x^T A x', 'A x', '#ff0000'), 'x^T {\\color{#ff0000}\\underline{A x}}');
    assert.equal(highlightFocus('\\mathbf{x}^T A', 'A', '#abc'), '\\mathbf{x}^T {\\color{#abc}\\underline{A}}');
  });

  it('never splits a TeX command name', () => {
    assert.equal(highlightFocus('\\alpha a', 'a', '#fff'), '\\alpha {\\color{#fff}\\underline{a}}');
    assert.equal(highlightFocus('\\sigma(x)', 'sig', '#fff'), undefined);
  });

  it('refuses a colour that is not hex, and missing focus', () => {
    assert.equal(highlightFocus('x', 'x', 'red}\\href{javascript:x}'), undefined);
    assert.equal(highlightFocus('x', undefined, '#fff'), undefined);
    assert.equal(highlightFocus('x', 'y', '#fff'), undefined);
  });
});

describe('insertResult: text in the document notation', () => {
  const result = {
    input: { text: "x'*A*x", latex: 'x^T A x', shape: '1×1', notation: 'plain' as const, name: { text: 'f', unicode: 'f', latex: 'f' } },
    wrt: ['x'],
    wrtShape: 'n×1',
    layout: 'numerator',
    order: 1,
    result: { text: "x'*(A + A')", latex: 'x^T (A + A^T)', shape: '1×n' },
    equationLatex: '\\frac{\\partial f}{\\partial x} = x^T (A + A^T)',
    assumed: [],
  } as DeriveResult;

  it('Markdown: $$ display math', () => {
    assert.equal(insertionText({ result, languageId: 'markdown', indent: '', eol: '\n' }), '\n$$\n\\frac{\\partial f}{\\partial x} = x^T (A + A^T)\n$$\n');
  });

  it('LaTeX: \\[ \\]', () => {
    assert.equal(insertionText({ result, languageId: 'latex', indent: '  ', eol: '\n' }), '  \\[\n    \\frac{\\partial f}{\\partial x} = x^T (A + A^T)\n  \\]\n');
  });

  it('Python: a comment and the NumPy code, indented; the comment gives the shape the code returns', () => {
    const t = insertionText({ result, languageId: 'python', numpy: 'def grad(x, A):\n    return x @ (A + A.T)\n', indent: '    ', eol: '\n' });
    assert.equal(t, "    # ∂f/∂x of x'*A*x: derivative() returns an array of shape f.shape + x.shape (f is 1×1, x is n×1)\n    def grad(x, A):\n        return x @ (A + A.T)\n");
    const noCode = insertionText({ result, languageId: 'python', indent: '', eol: '\r\n' });
    assert.equal(noCode, "# ∂f/∂x of x'*A*x (numerator layout, shape 1×n)\r\n# = x'*(A + A')\r\n");
  });

  it('.matcalc and plain text: the plain syntax', () => {
    assert.equal(insertionText({ result, languageId: 'matcalc', indent: '', eol: '\n' }), "# ∂f/∂x (numerator layout, shape 1×n):\nx'*(A + A')\n");
    assert.equal(insertionText({ result, languageId: 'plaintext', indent: '', eol: '\n' }), "∂f/∂x = x'*(A + A')\n");
  });
});

describe('webview: KaTeX options keep hostile TeX inert', () => {
  it('no links, no raw HTML, limits on expansion; errors render in place', async () => {
    const katex = (await import('katex')).default;
    const { KATEX_OPTIONS } = await import('../../../src/webview/math.js');
    const render = (tex: string) => katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: true });
    for (const tex of ['\\href{javascript:alert(1)}{x}', '\\url{javascript:alert(1)}', '\\htmlClass{x}{y}', '\\includegraphics{http://evil/x.png}']) {
      const html = render(tex);
      assert.doesNotMatch(html, /href="|<a\b|<img\b|class="x"/, tex);
    }
    assert.doesNotMatch(render('<script>alert(1)</script> &amp; &#x41;'), /<script/);
    // a macro bomb is stopped by maxExpand and shown as an error, not a hang
    const bomb = render('\\def\\a{\\a\\a}\\a');
    assert.match(bomb, /katex-error/);
    assert.equal(KATEX_OPTIONS.trust, false);
    assert.equal(KATEX_OPTIONS.output, 'htmlAndMathml');
    assert.equal(KATEX_OPTIONS.throwOnError, false);
  });
});
