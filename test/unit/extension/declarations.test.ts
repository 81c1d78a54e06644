import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { byDeclaration, declaredNames, mergeWhere, scanDeclarations } from '../../../src/shared/document/declarations';
import { detectNotation, documentKind } from '../../../src/extension/selection/notation';

describe('selection: declarations', () => {
  it('Python comments', () => {
    const lines = ['import numpy as np', '# w: vector(n)', '# X: matrix(m, n)', 'x = 1  # not: a declaration', '# y, z: vector(m)'];
    assert.equal(scanDeclarations(lines, 'python'), 'w: vector(n); X: matrix(m, n); y: vector(m); z: vector(m)');
  });

  it('.matcalc lines with trailing comments and modifiers', () => {
    const lines = ['x: vector(n)  # input', 'S: matrix(n, n) symmetric', "x' * S * x"];
    assert.equal(scanDeclarations(lines, 'matcalc'), 'x: vector(n); S: matrix(n, n) symmetric');
  });

  it('LaTeX % comments and Markdown <!-- --> comments', () => {
    assert.equal(scanDeclarations(['% x: vector(n)', 'text % A: matrix(n, n)'], 'latex'), 'x: vector(n)');
    assert.equal(
      scanDeclarations(['<!-- x: vector(n); A: matrix(n, n) -->', 'Some text <!-- b: scalar --> more'], 'markdown'),
      'x: vector(n); A: matrix(n, n); b: scalar',
    );
  });

  it('Markdown: plain declaration lines inside a ```matcalc fence, not in other fences', () => {
    const lines = ['```matcalc', 'x: vector(n)', 'b: vector(n)', '```', '```python', '# w: vector(n)', 'y: matrix(n, n)', '```'];
    assert.equal(scanDeclarations(lines, 'markdown'), 'x: vector(n); b: vector(n)');
  });

  it('prose that merely mentions a type is not a declaration', () => {
    assert.equal(scanDeclarations(['# Note: vector(n) is used here and there'], 'python'), '');
    assert.equal(scanDeclarations(['<!-- TODO: matrix stuff later -->'], 'markdown'), '');
  });

  it('a later declaration replaces an earlier one', () => {
    assert.equal(scanDeclarations(['# x: vector(n)', '# x: matrix(n, n)'], 'python'), 'x: matrix(n, n)');
  });

  it('over-long lines are skipped', () => {
    assert.equal(scanDeclarations([`# x: vector(n)${' '.repeat(20_000)}`], 'python'), '');
  });

  it('plain text accepts any comment style', () => {
    assert.equal(scanDeclarations(['x: vector(n)', '% A: matrix(n, n)', '// b: scalar'], 'plaintext'), 'x: vector(n); A: matrix(n, n); b: scalar');
  });

  it('declaredNames: in order, lists split', () => {
    assert.deepEqual(declaredNames('x: vector(n); A, B: matrix(n, n)\nb: scalar'), ['x', 'A', 'B', 'b']);
    assert.deepEqual(declaredNames(undefined), []);
  });

  it('byDeclaration: declared variables first, in declaration order', () => {
    const v = (name: string) => ({ name, kind: 'vector' as const, shape: 'n×1' });
    assert.deepEqual(byDeclaration([v('A'), v('c'), v('x'), v('b')], 'x: vector(n); A: matrix(m, n); b: vector(m)').map((x) => x.name), ['x', 'A', 'b', 'c']);
    assert.deepEqual(byDeclaration([v('A'), v('x')], undefined).map((x) => x.name), ['A', 'x']);
  });

  it('mergeWhere: explicit declarations win', () => {
    assert.equal(mergeWhere('x: vector(n); A: matrix(n, n)', 'x: scalar'), 'A: matrix(n, n); x: scalar');
    assert.equal(mergeWhere(undefined, 'x: scalar'), 'x: scalar');
    assert.equal(mergeWhere('', undefined), undefined);
  });
});

describe('selection: notation', () => {
  it('language kinds', () => {
    assert.equal(documentKind('markdown'), 'markdown');
    assert.equal(documentKind('latex'), 'latex');
    assert.equal(documentKind('python'), 'python');
    assert.equal(documentKind('matcalc'), 'matcalc');
    assert.equal(documentKind('plaintext'), 'plain');
  });

  it('signs in the text win over the language', () => {
    assert.equal(detectNotation('\\mathbf{x}^T A \\mathbf{x}', 'python'), 'latex');
    assert.equal(detectNotation('x.T @ A @ x', 'markdown'), 'numpy');
    assert.equal(detectNotation('np.sum(x ** 2)', 'plaintext'), 'numpy');
    assert.equal(detectNotation("x' * A * x", 'python'), 'plain');
  });

  it('the language decides when the text gives no sign', () => {
    assert.equal(detectNotation('A x + b', 'latex'), 'latex');
    assert.equal(detectNotation('A x + b', 'python'), 'numpy');
    assert.equal(detectNotation('A*x + b', 'plaintext'), 'plain');
  });

  it('.matcalc is always plain; the notation a place fixes wins', () => {
    assert.equal(detectNotation('x.T', 'matcalc'), 'plain');
    assert.equal(detectNotation("x'", 'markdown', 'latex'), 'latex');
    assert.equal(detectNotation('norm2(A * x)^2', 'markdown', 'plain'), 'plain');
  });
});
