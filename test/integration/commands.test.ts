/**
 * Every command, run in the real extension host: with explicit arguments (no editor), and on
 * selections / the cursor in .matcalc, Markdown, LaTeX and Python documents.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, compact, editorWith, failed, ok, panelSnapshot, run, runAccepting } from './helpers';

/** d(x'Ax)/dx in numerator layout: the row x'(A + A'), however the core writes it. */
const QUADRATIC_GRADIENT_ROW = /^(x'\*\(A\+A'\)|\(\(A\+A'\)\*x\)'|x'\*A\+x'\*A')$/;

const QUADRATIC = { expr: "x' * A * x", where: 'x: vector(n); A: matrix(n, n)', wrt: 'x', from: 'plain' };

describe('Commands', () => {
  before(activate);
  afterEach(closeAll);

  it('all commands are registered', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['differentiate', 'jacobian', 'gradient', 'hessian', 'chainRule', 'checkNumerically', 'copyLatex', 'insertResult', 'internal.panelSnapshot']) {
      assert.ok(all.includes(`matrixCalculus.${c}`), `matrixCalculus.${c} is missing`);
    }
  });

  it('differentiate with explicit arguments: x\'Ax w.r.t. x, shown in the panel', async () => {
    const r = ok(await run('matrixCalculus.differentiate', QUADRATIC));
    assert.deepEqual(r.wrt, ['x']);
    assert.equal(r.result.input.shape, '1×1');
    assert.equal(r.result.layout, 'numerator');
    assert.equal(r.result.result.shape, '1×n', 'numerator layout: a row');
    assert.match(compact(r.text), QUADRATIC_GRADIENT_ROW);
    assert.match(r.latex, /\\partial/);
    assert.equal(r.check?.passed, true, 'the numerical check (on by default) did not pass');
    const panel = await panelSnapshot();
    assert.equal(panel.open, true, 'the panel did not open');
    assert.match(panel.title ?? '', /x/);
  });

  it('differentiate on a .matcalc selection asks for the variable (QuickPick) and uses the declarations', async () => {
    await editorWith('matcalc', "x: vector(n)\nA: matrix(n, n)\n⟦x' * A * x⟧");
    const r = ok(await runAccepting('matrixCalculus.differentiate'));
    assert.equal((r as unknown as { accepts: number }).accepts >= 1, true, 'no QuickPick was shown for two variables');
    assert.deepEqual(r.wrt, ['x'], 'the default choice is the first variable');
    assert.equal(r.where, 'x: vector(n); A: matrix(n, n)');
    assert.equal(r.from, 'plain');
    assert.match(compact(r.text), QUADRATIC_GRADIENT_ROW);
    assert.equal(r.check?.passed, true);
  });

  it('differentiate with the cursor on a .matcalc line (no selection)', async () => {
    await editorWith('matcalc', 'x: vector(n)\nnorm2(‸x)^2\n');
    const r = ok(await run('matrixCalculus.differentiate'));
    assert.deepEqual(r.wrt, ['x']);
    assert.equal(r.expr, 'norm2(x)^2');
    assert.match(compact(r.text), /2\*x/);
  });

  it('the context menu’s at-cursor entries run the command they name on the expression at the cursor', async () => {
    await editorWith('matcalc', 'x: vector(n)\nsum(exp(‸x))\n');
    for (const [name, atCursor] of [['differentiate', 'differentiateAtCursor'], ['jacobian', 'jacobianAtCursor'], ['gradient', 'gradientAtCursor'], ['hessian', 'hessianAtCursor']]) {
      const r = ok(await run(`matrixCalculus.${atCursor}`));
      assert.equal(r.command, `matrixCalculus.${name}`, atCursor);
      assert.equal(r.expr, 'sum(exp(x))', atCursor);
      assert.equal(r.result.order, name === 'hessian' ? 2 : 1, atCursor);
    }
  });

  it('differentiate in Markdown: the matcalc fence line under the cursor, declarations from the fence', async () => {
    await editorWith('markdown', '# Notes\n\n```matcalc\nx: vector(n)\nb: vector(n)\nx\' * ‸b\n```\n');
    const r = ok(await runAccepting('matrixCalculus.differentiate'));
    assert.equal(r.expr, "x' * b");
    assert.equal(r.from, 'plain');
    assert.deepEqual(r.wrt, ['x']);
    assert.match(compact(r.text), /^b'?$/);
  });

  it('differentiate in Markdown math: the span under the cursor is read as LaTeX with <!-- --> declarations', async () => {
    await editorWith('markdown', '<!-- x: vector(n); A: matrix(n, n) -->\n\nThe form $$f(\\mathbf{x}) = \\mathbf{x}^T A ‸\\mathbf{x}.$$\n');
    const r = ok(await runAccepting('matrixCalculus.differentiate'));
    assert.equal(r.expr, '\\mathbf{x}^T A \\mathbf{x}');
    assert.equal(r.from, 'latex');
    assert.equal(r.where, 'x: vector(n); A: matrix(n, n)');
    assert.deepEqual(r.wrt, ['x']);
    assert.match(compact(r.text), QUADRATIC_GRADIENT_ROW);
    assert.equal(r.check?.passed, true);
  });

  it('differentiate in Markdown math that states its derivative: by the operator\'s variable, without asking', async () => {
    await editorWith('markdown', '<!-- w: vector(n); x: vector(n); A: matrix(n, n) -->\n\n$$\\frac{\\partial}{\\partial \\mathbf{w}} \\left(\\mathbf{w}^T A ‸\\mathbf{x}\\right)$$\n');
    // run, not runAccepting: a QuickPick asking for the variable would never close.
    const r = ok(await run('matrixCalculus.differentiate'));
    assert.deepEqual(r.wrt, ['w']);
    assert.equal(compact(r.text), "x'*A'");
    assert.equal(r.check?.passed, true);
  });

  it('differentiate in LaTeX: % declarations, the equation environment line', async () => {
    await editorWith('latex', '% x: vector(n)\n\\begin{equation}\n  y = \\|\\mathbf{‸x}\\|^2 \\label{eq:n}\n\\end{equation}\n');
    const r = ok(await run('matrixCalculus.differentiate'));
    assert.equal(r.expr, '\\|\\mathbf{x}\\|^2');
    assert.equal(r.from, 'latex');
    assert.equal(r.where, 'x: vector(n)');
    assert.equal(compact(r.text), "2*x'");
    assert.equal(r.check?.passed, true);
  });

  it('differentiate in Python: the statement under the cursor, # declarations, NumPy notation', async () => {
    await editorWith('python', 'import numpy as np\n# w: vector(n)\n# X: matrix(m, n)\nloss = w.T @ X.T @ ‸X @ w  # least squares\n');
    const r = ok(await runAccepting('matrixCalculus.differentiate'));
    assert.equal(r.expr, 'w.T @ X.T @ X @ w');
    assert.equal(r.from, 'numpy');
    assert.equal(r.where, 'w: vector(n); X: matrix(m, n)');
    assert.deepEqual(r.wrt, ['w'], 'w is declared first');
    assert.equal(compact(r.text), "2*w'*X'*X");
    assert.equal(r.check?.passed, true, 'the derivative does not match finite differences');
  });

  it('differentiate in a Markdown ```matcalc fence without a transpose sign: still the plain syntax', async () => {
    await editorWith('markdown', '```matcalc\nx: vector(n)\nA: matrix(m, n)\nb: vector(m)\nnorm2(A * x - ‸b)^2\n```\n');
    const r = ok(await runAccepting('matrixCalculus.differentiate'));
    assert.equal(r.from, 'plain');
    assert.deepEqual(r.wrt, ['x'], 'the first declared variable is the default pick');
    assert.equal(r.result.result.shape, '1×n');
    assert.equal(r.check?.passed, true);
  });

  it('several scalars are stacked', async () => {
    const r = ok(await run('matrixCalculus.differentiate', { expr: 'a*b^2', where: 'a: scalar; b: scalar', wrt: ['a', 'b'], from: 'plain' }));
    assert.deepEqual(r.wrt, ['a', 'b']);
    assert.equal(r.result.wrtShape, '2×1');
  });

  it('jacobian of A*x w.r.t. x is A (numerator layout, m×n)', async () => {
    const r = ok(await run('matrixCalculus.jacobian', { expr: 'A*x', where: 'A: matrix(m, n); x: vector(n)', wrt: 'x', from: 'plain' }));
    assert.equal(r.result.layout, 'numerator');
    assert.equal(r.result.result.shape, 'm×n');
    assert.equal(compact(r.text), 'A');
  });

  it('gradient of x\'Ax is the column (A + A\')x; a non-scalar is refused', async () => {
    const r = ok(await run('matrixCalculus.gradient', QUADRATIC));
    assert.equal(r.result.layout, 'denominator');
    assert.equal(r.result.result.shape, 'n×1');
    assert.match(compact(r.text), /^\(A\+A'\)\*x$/);
    const bad = failed(await run('matrixCalculus.gradient', { expr: 'A*x', where: 'A: matrix(m, n); x: vector(n)', wrt: 'x' }));
    assert.equal(bad.code, 'shape.not-scalar');
    assert.match(bad.message, /scalar/);
  });

  it('hessian of x\'Ax is A + A\'', async () => {
    const r = ok(await run('matrixCalculus.hessian', QUADRATIC));
    assert.equal(r.result.order, 2);
    assert.equal(r.result.result.shape, 'n×n');
    assert.match(compact(r.text), /^A\+A'$|^A'\+A$/);
  });

  it('chainRule derives with steps requested and shows the panel', async () => {
    const r = ok(await run('matrixCalculus.chainRule', { expr: 'sum(exp(A*x))', where: 'A: matrix(m, n); x: vector(n)', wrt: 'x', from: 'plain' }));
    assert.match(r.text, /exp/);
    const panel = await panelSnapshot();
    assert.equal(panel.open, true);
    assert.equal(panel.steps, r.result.steps?.length ?? 0, 'the panel shows the steps the core returned');
  });

  it('checkNumerically reports the finite-difference check', async () => {
    const r = ok(await run('matrixCalculus.checkNumerically', QUADRATIC));
    assert.ok(r.check, 'no check report');
    assert.equal(r.check.passed, true);
    assert.ok(r.check.samples > 0);
    assert.ok(r.check.maxRelError < 1e-6, `max rel. error ${r.check.maxRelError}`);
  });

  it('copyLatex puts the equation on the clipboard', async () => {
    await vscode.env.clipboard.writeText('before');
    const r = ok(await run('matrixCalculus.copyLatex', QUADRATIC));
    assert.equal(r.copied, r.latex);
    assert.equal(await vscode.env.clipboard.readText(), r.latex);
  });

  it('insertResult in .matcalc inserts the plain result below the line', async () => {
    const editor = await editorWith('matcalc', "x: vector(n)\nA: matrix(n, n)\nx' * A * ‸x\n# end");
    const r = ok(await runAccepting('matrixCalculus.insertResult'));
    const lines = editor.document.getText().split('\n');
    assert.equal(lines[2], "x' * A * x");
    assert.match(lines[3], /^# ∂f\/∂x/);
    assert.equal(compact(lines[4]), compact(r.text));
    assert.equal(lines[5], '# end');
  });

  it('insertResult in Markdown inserts $$ display math below the fence line', async () => {
    const editor = await editorWith('markdown', "```matcalc\nx: vector(n)\nx' * ‸x\n```\n");
    const r = ok(await run('matrixCalculus.insertResult'));
    const text = editor.document.getText();
    assert.ok(text.includes(`$$\n${r.latex}\n$$`), text);
  });

  it('insertResult in Python inserts NumPy code, indented like the statement', async () => {
    const editor = await editorWith('python', "def f(x, A):\n    # x: vector(n)\n    # A: matrix(n, n)\n    return x' * A * ‸x\n");
    ok(await runAccepting('matrixCalculus.insertResult'));
    const text = editor.document.getText();
    assert.match(text, /\n {4}# ∂f\/∂x of/);
    assert.match(text, /\n {4}def derivative\(/);
  });

  it('insertResult in Python writes no second `import numpy as np` when the file has it, and the comment gives the shape the code returns', async () => {
    const editor = await editorWith('python', 'import numpy as np\n\n# W: matrix(n, k)\n# X: matrix(m, n)\nY = np.tanh(X @ ‸W)\n');
    ok(await runAccepting('matrixCalculus.insertResult'));
    const text = editor.document.getText();
    assert.equal(text.match(/^import numpy as np$/gm)?.length, 1, text);
    assert.match(text, /^# ∂f\/∂W of tanh\(X\*W\): derivative\(\) returns an array of shape f\.shape \+ W\.shape \(f is m×k, W is n×k\)$/m, text);
    assert.doesNotMatch(text, /km×kn/, text);
  });

  it('insertResult in Python puts a missing import at the top of the file, after its imports', async () => {
    const editor = await editorWith('python', '"""Least squares."""\nimport os\n\n# w: vector(n)\n# X: matrix(m, n)\n# y: vector(m)\nloss = np.sum((X @ w - ‸y) ** 2)\n');
    ok(await runAccepting('matrixCalculus.insertResult'));
    const lines = editor.document.getText().split('\n');
    assert.deepEqual(lines.slice(0, 3), ['"""Least squares."""', 'import os', 'import numpy as np'], lines.join('\n'));
    assert.equal(lines.filter((l) => /^\s*import numpy/.test(l)).length, 1, lines.join('\n'));
  });

  it('a parse error is reported with its column, in the result and the panel', async () => {
    const r = failed(await run('matrixCalculus.differentiate', { expr: 'x + * (', where: 'x: vector(n)', from: 'plain' }));
    assert.match(r.code, /^parse\./);
    assert.equal(r.column, 5);
    assert.match(r.message, /column 5/);
    assert.doesNotMatch(r.message, /\n\s+at /, 'no stack trace');
    // The notification carries the code, as the panel and the CLI write an error.
    assert.equal(r.notification, `Matrix Calculus: error[${r.code}]: ${r.message}`);
    assert.match(r.notification ?? '', /^Matrix Calculus: error\[parse\.[a-z.-]+\]: .*column 5/);
    const panel = await panelSnapshot();
    assert.equal(panel.open, true);
    assert.ok(panel.error, 'the panel does not show the error');
    assert.equal(panel.errorCode, r.code, 'the panel shows the error with its code');
  });

  it('a shape conflict is a clear message', async () => {
    const r = failed(await run('matrixCalculus.differentiate', { expr: 'A*x', where: 'A: matrix(m, n); x: vector(m)', from: 'plain' }));
    assert.match(r.code, /^shape\./);
    assert.ok(r.message.length > 10);
  });

  it('no editor and no arguments: a message, not an exception', async () => {
    await closeAll();
    const r = failed(await run('matrixCalculus.differentiate'));
    assert.equal(r.code, 'no-editor');
  });

  it('a selection over the size limit is refused with a message', async () => {
    const editor = await editorWith('plaintext', 'x + '.repeat(5000));
    editor.selection = new vscode.Selection(0, 0, 0, 20_000);
    const r = failed(await run('matrixCalculus.differentiate'));
    assert.equal(r.code, 'no-expression');
    assert.match(r.message, /limit is 10,000/);
    const big = failed(await run('matrixCalculus.differentiate', { expr: 'x'.repeat(1_000_000) }));
    assert.equal(big.code, 'arguments');
  });

  it('hostile LaTeX is refused or rendered inert, never run', async () => {
    for (const expr of ['\\href{javascript:alert(1)}{x}', '\\url{javascript:alert(1)}', '<script>alert(1)</script>', '&lt;x&gt; &#x41;']) {
      const r = await run('matrixCalculus.differentiate', { expr, from: 'latex' });
      if (!r.ok) assert.ok(r.message.length > 0 && !/\n\s+at /.test(r.message));
    }
  });

  it('bad explicit arguments are refused with a reason', async () => {
    const r = failed(await run('matrixCalculus.differentiate', { expr: 'x', layout: 'sideways' }));
    assert.equal(r.code, 'arguments');
    assert.match(r.message, /layout/);
  });
});
