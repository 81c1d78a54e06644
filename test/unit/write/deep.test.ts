import * as assert from 'node:assert/strict';
import { Expr, eye, num, rawAdd, rawFn, rawMul, rawTranspose, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { readPlain } from '../../../src/core/syntax';
import { toLatex, toNumpy, toText, toUnicode, piecewiseLatex } from '../../../src/core/write';
import { runPythonSnippet } from './python';
import { assertRenders } from './katex';

const x = variable('x', shape('n', 1));
const y = variable('y', shape('n', 1));

/** ((x + y) + y) + … with `depth` nested additions. */
function nestedSums(depth: number): Expr {
  let e: Expr = x;
  for (let i = 0; i < depth; i++) e = rawAdd([e, y]);
  return e;
}

/** exp(exp(…(s)…)) */
function nestedCalls(depth: number): Expr {
  let e: Expr = variable('s', shape(1, 1));
  for (let i = 0; i < depth; i++) e = rawFn('exp', e);
  return e;
}

/** e_{k+1} = e_k + e_k: a DAG of k + 1 nodes whose tree has 2^(k+1) − 1 nodes. */
function doublings(k: number): Expr {
  let e: Expr = x;
  for (let i = 0; i < k; i++) e = rawAdd([e, e]);
  return e;
}

describe('write: deep and shared expressions', function () {
  this.timeout(60000);

  it('writes 10,000 nested additions in every notation without overflowing the stack', () => {
    const e = nestedSums(10_000);
    const tex = toLatex(e);
    assert.equal(tex, `\\mathbf{x}${' + \\mathbf{y}'.repeat(10_000)}`);
    const text = toText(e);
    assert.equal(text, `${'('.repeat(9_999)}x + y${') + y'.repeat(9_999)}`);
    assert.equal(toUnicode(e), `x${' + y'.repeat(10_000)}`);
    assert.equal(piecewiseLatex(e), undefined);
  });

  it('writes 10,000 nested function calls', () => {
    const e = nestedCalls(10_000);
    assert.equal(toText(e), `${'exp('.repeat(10_000)}s${')'.repeat(10_000)}`);
    assert.equal(toLatex(e), `${'\\exp('.repeat(10_000)}s${')'.repeat(10_000)}`);
  });

  it('renders a deep LaTeX result in KaTeX (500 levels)', () => {
    assertRenders(toLatex(nestedSums(500)));
  });

  it('keeps nesting the reader accepts readable back (100 levels)', () => {
    const e = nestedSums(100);
    const read = readPlain(toText(e), 'x: vector(n); y: vector(n)');
    assert.ok(read.ok && read.value.expr === e);
  });

  it('runs NumPy code for 10,000 nested additions (locals keep Python nesting shallow)', () => {
    const e = nestedSums(10_000);
    const code = toNumpy(e, { f: e, wrt: [x], order: 1, form: 'jacobian', expr: eye('n') });
    const codeLines = code.split('\n').filter((l) => !l.trimStart().startsWith('#'));
    const maxParens = Math.max(...codeLines.map((l) => l.split('(').length - 1));
    assert.ok(maxParens < 40, `a line nests ${maxParens} parentheses`);
    const out = runPythonSnippet(code, 'import json\nprint(json.dumps([value(x=[1.0, 2.0], y=[0.5, -1.0]).tolist(), derivative(x=[1.0, 2.0], y=[0.5, -1.0]).tolist()]))');
    assert.deepEqual(JSON.parse(out), [[1 + 5000, 2 - 10000], [[1, 0], [0, 1]]]);
  });

  it('emits code linear in the DAG size, not the tree size', () => {
    const e = doublings(60); // a tree of 2^61 − 1 nodes
    const d = rawMul([num(2 ** 60), eye('n')]);
    const code = toNumpy(e, { f: e, wrt: [x], order: 1, form: 'jacobian', expr: d });
    assert.ok(code.length < 20_000, `${code.length} characters`);
    const out = runPythonSnippet(code, 'import json\nprint(json.dumps(value(x=[1.0, -0.5]).tolist()))');
    assert.deepEqual(JSON.parse(out), [2 ** 60, -(2 ** 59)]);
  });

  it('renders shared subexpressions once per node (time linear in the DAG)', () => {
    // 2^22 leaves in the tree, 23 nodes in the DAG: the text is long but each node is rendered once.
    const e = doublings(22);
    const text = toText(e);
    // "x + x", then "(e) + (e)": length L(k) = 2 L(k − 1) + 7.
    let length = 5;
    for (let k = 2; k <= 22; k++) length = 2 * length + 7;
    assert.equal(text.length, length);
    assert.ok(text.startsWith(`${'('.repeat(21)}x + x) + (x + x)`));
    const inner = rawMul([rawTranspose(x), doublings(18)]);
    assert.ok(toLatex(inner).startsWith('\\mathbf{x}^{\\top}(\\mathbf{x} + \\mathbf{x}'));
  });
});
