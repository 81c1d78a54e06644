import assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { detectNotation } from '../../../src/core/syntax/detect';
import { derive, variables } from '../../../src/core/service';
import { toText } from '../../../src/core/write';
import { assertError, error, plain, value } from './helpers';

describe('notations/detect: the notation of a text', () => {
  it('detects LaTeX by commands, braced scripts and $', () => {
    for (const t of ['\\mathbf{x}^\\top A\\mathbf{x}', 'x^{2}', 'W_{1}x', '$x^2$', '\\|x\\|', 'a\\,b', '\\frac{1}{2}x']) assert.equal(detectNotation(t), 'latex', t);
  });

  it('detects NumPy, PyTorch and JAX by modules, @, ** and .T', () => {
    for (const t of ['np.sum(x)', 'torch.sigmoid(z)', 'jnp.exp(x)', 'F.relu(x)', 'x @ A @ x', 'x**2', 'X.T @ y', 'import numpy as np\nx', 'def f(x):\n    return x', 'scipy.special.expit(z)']) {
      assert.equal(detectNotation(t), 'numpy', t);
    }
  });

  it('detects Unicode math by a juxtaposed product in a literal whose entries are separated by commas, as the Unicode writer prints a vector', () => {
    // Read as plain before, each product split into entries: [5^a log(5), 2] was [5^a, log(5), 2] (the read-back fuzz, seed 20251127).
    for (const t of ['[5^a log(5), 2]', '[1/25, exp(5^a + exp(2))5^a log(5), 0]', '[sin(a)cos(a), 2]', '[a b, 2]', '[0, 2 a; 1, c]']) assert.equal(detectNotation(t), 'unicode', t);
    const r = value(derive({ expr: '[5^a log(5), 2]', wrt: ['a'], from: 'auto' }));
    assert.equal(r.input.text, '[5^a*log(5), 2]');
    // Spaces still separate the entries of a row without commas, and commas inside a call or bracket within the literal do not count.
    for (const t of ['[x y]', '[1 2; 3 4]', '[x -y]', '[max(0, x) y]', '[(x, y) z]', '[x y]*[a, b]']) assert.notEqual(detectNotation(t), 'unicode', t);
  });

  it('detects the plain syntax otherwise, ignoring comments', () => {
    for (const t of ["x'*A*x", 'norm2(A*x - b)^2', 'x .* y', 'x: vector(n)  # np.sum would be numpy\nsum(x)', 'exp(x)']) assert.equal(detectNotation(t), 'plain', t);
  });
});

describe('notations/read: readExpression dispatches on the notation', () => {
  const where = 'x: vector(n); A: matrix(n, n)';
  const expected = plain("x'*A*x", where);

  it('reads each notation, given or detected, as the same expression', () => {
    for (const [text, from] of [
      ["x'*A*x", 'plain'],
      ['\\mathbf{x}^\\top A \\mathbf{x}', 'latex'],
      ['x @ A @ x', 'numpy'],
      ["x'*A*x", 'auto'],
      ['\\mathbf{x}^\\top A \\mathbf{x}', 'auto'],
      ['x.T @ A @ x', 'auto'],
    ] as const) {
      assert.ok(value(readExpression(text, where, from), text).expr === expected, `${from}: ${text}`);
    }
  });

  it('reads juxtaposition (A x - b, 2x from a note) as Unicode math, decided before reading', () => {
    const ax = value(readExpression('A x - b', 'b: vector(m)', 'auto'));
    assert.equal(toText(ax.expr), 'A*x - b');
    assert.equal(ax.notation, 'unicode');
    assert.equal(toText(value(readExpression('2x + 1', 'x: scalar', 'auto')).expr), '2*x + 1');
    // With the notation given, no second try: the plain error.
    assertError(error(readExpression('A x - b', 'b: vector(m)', 'plain')), 'parse.missing-operator', [2, 3], 'A x - b');
    // When both fail, the plain reader's error is reported.
    assertError(error(readExpression('x +* y', undefined, 'auto')), 'parse.unexpected-token', '*', 'x +* y');
  });

  it('reads an undeclared word whose letters do not fit as a product (eps: e·p·s, p and s vectors) as one name, never as juxtaposed letters', () => {
    // x^2 + eps was read as Unicode math, x^2 + e*p*s (the letters forced to scalars), so --wrt eps could not name it.
    for (const t of ['x^2 + eps', 'x^2 + loss', 'lr*x', 'sum(sqrt(x.*x + eps))', 'xA + B']) assert.equal(detectNotation(t), 'plain', t);
    let t = 'x^2 + eps';
    assertError(error(derive({ expr: t, wrt: ['eps'], from: 'auto' })), 'name.undeclared', 'eps', t, "'eps'");
    const r = value(derive({ expr: t, wrt: ['eps'], from: 'auto', where: 'eps: scalar; x: scalar' }));
    assert.equal(r.result.text, '1');
    t = 'x^2 + eps*x';
    assert.equal(toText(value(readExpression(t, 'x: scalar; eps: scalar', 'auto')).expr), 'x^2 + eps*x');
    // A word whose letters make a product by their conventions (a matrix times a vector, scalars before a vector)
    // or are all declared is the writer's juxtaposition, as before.
    for (const t of ['Ax', 'A*x - Bx', 'ax + b', 'Wxb']) assert.equal(detectNotation(t), 'unicode', t);
    assert.equal(detectNotation('x^2 + xy', 'x: scalar; y: scalar'), 'unicode');
    assert.equal(toText(value(readExpression('x^2 + xy', 'x: scalar; y: scalar', 'auto')).expr), 'x^2 + x*y');
    // A declared size is a scalar: mI/4 is the size m times I, as the writers print it (the read-back fuzz, seed
    // 20251127: the derivative of tr(A)/4 by A, A: matrix(m, m), written in Unicode, read back as the name mI).
    assert.equal(detectNotation('mI/4 + A', 'A: matrix(m, m)'), 'unicode');
    assert.equal(toText(value(readExpression('mI/4 + A', 'A: matrix(m, m)', 'auto')).expr), 'm*eye(m)/4 + A');
    assert.equal(detectNotation('nx + y', 'y: vector(n)'), 'unicode');
  });

  it('reads a text calling a function only the plain syntax has (eye(n), ones(n)) as the plain syntax, whose error then names a function it spells otherwise (trace: tr)', () => {
    // c*trace(eye(n)) was read as Unicode math (trace( is not a plain function), which then refused eye — the plain syntax's identity.
    let t = 'c*trace(eye(n))';
    assert.equal(detectNotation(t), 'plain');
    assertError(error(derive({ expr: t, wrt: ['c'], from: 'auto' })), 'name.unknown-function', 'trace', t, 'did you mean tr?');
    t = 'ln(sum(ones(n)) + x)';
    assertError(error(readExpression(t, 'x: scalar', 'auto')), 'name.unknown-function', 'ln', t, 'did you mean log?');
    // Written with the plain spelling, it reads; without a plain-only call, trace( and ln( are still read as Unicode math, which has them.
    assert.equal(value(derive({ expr: 'c*tr(eye(n))', wrt: ['c'], from: 'auto' })).input.notation, 'plain');
    for (const t of ['c*trace(A)', 'ln(x) + 1']) assert.equal(detectNotation(t), 'unicode', t);
    assert.equal(toText(value(readExpression('c*trace(A)', undefined, 'auto')).expr), 'c*tr(A)');
  });

  it('reads a word as a name in a text with an element-wise operator, which only the plain syntax has (x.^2 + ab*x)', () => {
    // Read as Unicode math for the word ab (a·b), which then refused the '.' of .^ (column 2).
    for (const t of ['x.^2 + ab*x', 'x .* Ax', 'x./bc + y']) assert.equal(detectNotation(t), 'plain', t);
    const t = 'x.^2 + ab*x';
    assertError(error(readExpression(t, undefined, 'auto')), 'name.undeclared', 'ab', t);
    assert.equal(toText(value(readExpression(t, 'ab: scalar', 'auto')).expr), 'x.^2 + ab*x');
    assert.equal(toText(value(readExpression('x.^2 + lam*x', 'lam: scalar', 'auto')).expr), 'x.^2 + lam*x');
  });

  it('reads the identity with its size (I_n, as the Unicode writer prints it inside vec) as Unicode math, unless I_n is declared', () => {
    // Read-back property, seed 20251127 at 3,153: d/dA of A ⊙ I is written diag(vec(I_n)), without other Unicode marks.
    for (const t of ['diag(vec(I_n))', 'vec(I_3)', 'kron(I_m, A)']) assert.equal(detectNotation(t), 'unicode', t);
    const read = value(readExpression('diag(vec(I_n))', undefined, 'auto'));
    assert.equal(read.notation, 'unicode');
    assert.equal(toText(read.expr), 'diag(vec(eye(n)))');
    assert.equal(detectNotation('I_n * x', 'I_n: matrix(n, n)'), 'plain');
    assert.equal(detectNotation('W_1 * x'), 'plain');
  });

  it('refuses two names that print as the same symbol (α and alpha are both α, \\alpha): every written form would merge them', () => {
    let t = 'alpha*x + α*x';
    assertError(error(readExpression(t, undefined, 'plain')), 'name.same-print', 'α', t, "'alpha' and 'α'");
    t = '\\alpha x + α x';
    assertError(error(readExpression(t, undefined, 'latex')), 'name.same-print', 'α', t);
    t = 'α1 * alpha1';
    assertError(error(readExpression(`import numpy as np\n${t}`, undefined, 'numpy')), 'name.same-print', 'alpha1', `import numpy as np\n${t}`);
    // A declared spelling and a used one clash too; one spelling throughout reads.
    t = 'α*x';
    assert.equal(error(readExpression(t, 'alpha: scalar', 'plain')).code, 'name.same-print');
    assert.ok(readExpression('α*b + α', undefined, 'plain').ok);
    assert.ok(readExpression('alpha*b + alpha', 'alpha: scalar', 'plain').ok);
    // The value check: written in Unicode, the one spelling reads back as itself.
    const r = value(readExpression('αb + α', undefined, 'unicode'));
    assert.equal(toText(r.expr), toText(value(readExpression('alpha*b + alpha', undefined, 'plain')).expr));
  });

  it('reads an undeclared word of three or more lowercase letters as a name, not as its letters multiplied by their conventions', () => {
    // cat was read as Unicode math, c·a·t (c, a scalars, t a vector): a silent misreading of a name, as abc, area and abx were.
    for (const t of ['cat', 'x^2 + cat', 'abc*x', 'area + x', 'abx', 'sum(x)*dog']) {
      assert.equal(detectNotation(t), 'plain', t);
      const word = /[a-z]{3,}/.exec(t.replace('sum', ''))?.[0] ?? '';
      assertError(error(readExpression(t, undefined, 'auto')), 'name.undeclared', word, t, `'${word}'`);
    }
    // Its letters declared, or a text that is Unicode math by another marker: the product, as before.
    assert.equal(toText(value(readExpression('cat', 'c: scalar; a: scalar; t: vector(n)', 'auto')).expr), 'c*a*t');
    assert.equal(toText(value(readExpression('xᵀx + cat', undefined, 'auto')).expr), "x'*x + c*a*t");
    assert.equal(toText(value(readExpression('cat', undefined, 'unicode')).expr), 'c*a*t');
    // Declared, the name.
    assert.equal(toText(value(readExpression('x^2 + cat', 'cat: scalar; x: scalar', 'auto')).expr), 'x^2 + cat');
  });

  it('passes the \\otimes option to the LaTeX reader', () => {
    const k = value(readExpression('A \\otimes B', 'A: matrix(m, n); B: matrix(p, q)', 'latex', { otimes: 'kronecker' })).expr;
    assert.equal(k.op, 'kron');
    assert.equal(value(readExpression('A \\otimes B', 'A: matrix(m, n); B: matrix(p, q)', 'latex')).expr.op, 'kron');
    assert.equal(value(readExpression('A \\otimes B', undefined, 'latex', { otimes: 'hadamard' })).expr.op, 'hadamard');
  });

  it('serves derive() and variables() with from: latex and numpy', () => {
    const r = value(derive({ expr: '\\frac{1}{2}\\|A\\mathbf{x} - \\mathbf{b}\\|^2', from: 'latex', wrt: ['x'], check: true }));
    assert.equal(r.result.text, "(A*x - b)'*A");
    assert.ok(r.check?.passed);
    const v = value(variables('W @ x + b', 'b: vector(m)', 'numpy'));
    assert.deepEqual(v.map((i) => `${i.name}:${i.kind}:${i.shape}`), ['W:matrix:m×n', 'x:vector:n×1', 'b:vector:m×1']);
    const e = error(derive({ expr: '$$\\mathbf{x} + A$$', from: 'latex', wrt: ['x'], where: 'A: matrix(m, n)' }));
    assert.equal(e.code, 'shape.mismatch');
    assert.equal('$$\\mathbf{x} + A$$'.slice(e.start, e.end), '\\mathbf{x} + A');
  });
});
