import assert from 'node:assert/strict';
import { shapeText } from '../../../src/core/model/shape';
import { checkShapes, readPlain, type Ast } from '../../../src/core/syntax';
import { assertError, error, parse, read, readSx, variablesText } from './helpers';
import { derive } from '../../../src/core';

const shapeOf = (text: string, where?: string): string => shapeText(read(text, where).expr.shape);

describe('syntax/shapes: undeclared names (matrixcalculus.org conventions)', () => {
  it('a–g are scalars, h–z vectors, A–Z matrices', () => {
    assert.equal(variablesText(read('a + g')), 'a:1×1 g:1×1');
    assert.equal(variablesText(read('h + z')), 'h:n×1 z:n×1');
    assert.equal(variablesText(read('A + Z')), 'A:m×n Z:m×n');
  });

  it('Greek letters and names are scalars (upper case: matrices); suffixes follow the stem', () => {
    assert.equal(variablesText(read('α*x + λ2*y + sigma*lambda_reg*x')), 'α:1×1 x:n×1 λ2:1×1 y:n×1 sigma:1×1 lambda_reg:1×1');
    assert.equal(variablesText(read("x'*Σ*x")), 'x:n×1 Σ:n×n');
    assert.equal(variablesText(read('W2*relu(W1*x0*b1_)*b_out')), 'W2:m×k W1:k×n x0:n×1 b1_:1×1 b_out:1×1');
  });

  it('other multi-letter names must be declared', () => {
    assertError(error(readPlain('2*foo + x')), 'name.undeclared', 2, 5, "undeclared variable 'foo': declare it, e.g. foo: scalar or foo: vector(n)");
    assert.equal(variablesText(read('2*foo + x', 'foo is a vector')), 'foo:n×1 x:n×1');
  });

  it('a function name is not a variable', () => {
    assertError(error(readPlain('exp + 1')), 'name.function-as-variable', 0, 3, "'exp' is a function: write exp(…)");
  });
});

describe('syntax/shapes: inference and unification', () => {
  it('names fresh dimensions readably and deterministically', () => {
    assert.equal(variablesText(read('A*x - y')), 'A:m×n x:n×1 y:m×1');
    assert.equal(variablesText(read("x'*A*x")), 'x:n×1 A:n×n');
    assert.equal(variablesText(read('tr(A*B)')), 'A:m×n B:n×m');
    assert.equal(variablesText(read('A*B*C*x')), 'A:m×k B:k×p C:p×n x:n×1');
    assert.equal(variablesText(read("x'*A*y")), 'x:n×1 A:n×m y:m×1');
    assert.equal(variablesText(read('logdet(X)')), 'X:n×n');
  });

  it('avoids declared dimension names and variable names', () => {
    assert.equal(variablesText(read('A*x + b', 'b: vector(n)')), 'A:n×m x:m×1 b:n×1');
    assert.equal(variablesText(read("n'*x")), 'n:m×1 x:m×1');
  });

  it('unifies fresh dimensions with declared ones and with integers', () => {
    assert.equal(variablesText(read('A*x', 'x: vector(k)')), 'A:m×k x:k×1');
    assert.equal(variablesText(read('A*x + [a, b, c]')), 'A:3×n x:n×1 a:1×1 b:1×1 c:1×1');
    assert.equal(variablesText(read('eye(4)*x')), 'x:4×1');
    assert.equal(variablesText(read('x + vector(2)', 'x: vector(d)')), 'x:d×1');
  });

  it('infers the size of vector(c), matrix(c) from context', () => {
    assert.equal(readSx('A*x + vector(1)', 'A: matrix(m, n)'), '(add (mul A x) ones[m×1])');
    assert.equal(readSx('X .* matrix(2)', 'X: matrix(p, q)'), '(hadamard X (mul 2 ones[p×q]))');
  });

  it('declared symmetric matrices are square and flagged symmetric', () => {
    const c = read("x'*S*x", 'S is a symmetric matrix');
    assert.equal(variablesText(c), 'x:n×1 S:n×n');
    assert.equal(c.variables[1].symmetric, true);
    assert.equal(c.variables[0].symmetric, undefined);
  });

  it('a declared row-shaped matrix and a declared 1-vector keep their shapes', () => {
    assert.equal(variablesText(read('R*x', 'R: matrix(1, n)')), 'R:1×n x:n×1');
    assert.equal(shapeOf('R*x', 'R: matrix(1, n)'), '1×1');
  });

  it('lists variables in order of first appearance and reports unused declarations', () => {
    const c = read('b + A*x', 'x: vector(n); A: matrix(m, n); b: vector(m); c: scalar');
    assert.deepEqual(c.variables.map((v) => v.name), ['b', 'A', 'x']);
    assert.deepEqual(c.unused.map((v) => v.name), ['c']);
  });

  it('the same text gives the identical Expr (hash-consing)', () => {
    assert.equal(read("x'*A*x + b'*x").expr, read("x'*A*x + b'*x").expr);
    const c = read('x + x');
    assert.equal(c.expr.args[0], c.expr.args[1]);
  });
});

describe('syntax/shapes: operators build the model conventions', () => {
  // A name that is a scalar only by its letter is not expanded against an array (shape.ambiguous): declared here.
  const scalars = 'a, b, c: scalar';
  const cases: [string, string, string, string?][] = [
    // text, S-expression, shape, declarations
    ['a + b', '(add a b)', '1×1'],
    ['x - y', '(add x (mul -1 y))', 'n×1'],
    ['a - b + c', '(add a (mul -1 b) c)', '1×1'],
    ['x + c', '(add x (mul c ones[n×1]))', 'n×1', scalars],
    ['c + x', '(add (mul c ones[n×1]) x)', 'n×1', scalars],
    ['x - 1', '(add x (mul -1 ones[n×1]))', 'n×1'],
    ['x + 1', '(add x ones[n×1])', 'n×1'],
    ['a + b + x', '(add (mul (add a b) ones[n×1]) x)', 'n×1', scalars],
    ['A - 2', '(add A (mul -1 (mul 2 ones[m×n])))', 'm×n'],
    ['-x', '(mul -1 x)', 'n×1'],
    ['-3', '-3', '1×1'],
    ['+x', 'x', 'n×1'],
    ['a*x', '(mul a x)', 'n×1'],
    ["x'*A*x", '(mul (transpose x) A x)', '1×1'],
    ["x'*y*z", '(mul (mul (transpose x) y) z)', 'm×1'],
    ["x*y'*z", '(mul x (transpose y) z)', 'n×1'],
    ['A*x*c', '(mul A x c)', 'm×1'],
    ['x/a', '(mul x (pow a -1))', 'n×1'],
    ['a*b/c', '(mul a b (pow c -1))', '1×1'],
    ['x .* y', '(hadamard x y)', 'n×1'],
    ['x .* y .* z', '(hadamard x y z)', 'n×1'],
    ['x ./ y', '(hadamard x (pow y -1))', 'n×1'],
    ['a .* x', '(mul a x)', 'n×1', scalars],
    ['x ./ a', '(mul x (pow a -1))', 'n×1', scalars],
    ['a ./ x', '(mul a (pow x -1))', 'n×1', scalars],
    ['a*x .* y', '(hadamard (mul a x) y)', 'n×1'],
    ['x .* y * a', '(mul (hadamard x y) a)', 'n×1'],
    ['a^2', '(pow a 2)', '1×1'],
    ['x.^2', '(pow x 2)', 'n×1'],
    ['a^-1', '(pow a -1)', '1×1'],
    ['A^3', '(matpow A 3)', 'n×n'],
    ['A^(2)', '(matpow A 2)', 'n×n'],
    ['A^0', '(matpow A 0)', 'n×n'],
    ["x'", '(transpose x)', '1×n'],
    ['x^T', '(transpose x)', '1×n'],
    ["A''", 'A', 'm×n'], // a transpose of a transpose is its argument
    ["(A')'*B", '(mul A B)', 'm×k', 'A: matrix(m, n); B: matrix(n, k)'],
    ['[a, b^2, 3]', '(block a (pow b 2) 3)', '3×1'],
    ['[a; b]', '(block a b)', '2×1'],
    ['[a, b, c; 1, 2, 3]', '(block a b c 1 2 3)', '2×3'],
    ['(a + b)*x', '(mul (add a b) x)', 'n×1'],
  ];
  for (const [text, expected, shape, where] of cases) {
    it(`${text}  →  ${expected} : ${shape}${where ? ` (${where})` : ''}`, () => {
      const e = read(text, where).expr;
      assert.equal(readSx(text, where), expected);
      assert.equal(shapeText(e.shape), shape);
    });
  }

  it('a^2 uses pow with an exponent node; b ^ 2 vs matpow keeps the integer in value', () => {
    const m = read('A^2').expr;
    assert.equal(m.op, 'matpow');
    assert.equal(m.value, 2);
    assert.equal(m.args.length, 1);
  });

  it('block records its dimensions', () => {
    const e = read('[a, b]').expr;
    assert.equal(e.op, 'block');
    assert.deepEqual(e.dims, [2, 1]);
  });
});

describe('syntax/shapes: functions', () => {
  const cases: [string, string, string][] = [
    ...['exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'relu', 'abs', 'sqrt', 'sign', 'step'].map(
      (f): [string, string, string] => [`${f}(A)`, `(${f} A)`, 'm×n'],
    ),
    ['sum(x)', '(sum x)', '1×1'],
    ['mean(A)', '(mean A)', '1×1'],
    ['norm1(x)', '(norm1 x)', '1×1'],
    ['norm2(A)', '(norm2 A)', '1×1'],
    ['tr(A)', '(tr A)', '1×1'],
    ['det(A)', '(det A)', '1×1'],
    ['logdet(A)', '(logdet A)', '1×1'],
    ['inv(A)', '(inv A)', 'n×n'],
    ['diag(x)', '(diagm x)', 'n×n'],
    ["diag(x')", '(diagm (transpose x))', 'n×n'],
    ['diag(A)', '(diagv A)', 'n×1'],
    ['softmax(x)', '(softmax x)', 'n×1'],
    ['logsumexp(x)', '(logsumexp x)', '1×1'],
    ['dot(x, y)', '(mul (transpose x) y)', '1×1'],
    ['max(0, x)', '(relu x)', 'n×1'],
    ['max(x, 0)', '(relu x)', 'n×1'],
    ['min(0, x)', '(min0 x)', 'n×1'],
    ['min(A, 0.0)', '(min0 A)', 'm×n'],
    ['eye(n)', 'eye[n]', 'n×n'],
    ['eye(3)', 'eye[3]', '3×3'],
    ['eye(1)', '1', '1×1'],
    ['ones(n)', 'ones[n×1]', 'n×1'],
    ['zeros(m, n)', 'zeros[m×n]', 'm×n'],
    ['vector(1)', 'ones[n×1]', 'n×1'],
    ['vector(-2)', '(mul -2 ones[n×1])', 'n×1'],
    ['matrix(0.5)', '(mul 0.5 ones[m×n])', 'm×n'],
  ];
  for (const [text, expected, shape] of cases) {
    it(`${text}  →  ${expected} : ${shape}`, () => {
      assert.equal(readSx(text), expected);
      assert.equal(shapeOf(text), shape);
    });
  }

  it('reads the nodes the differentiator makes (so written derivatives read back)', () => {
    const where = 'A: matrix(m, n); B: matrix(p, q); x: vector(n)';
    assert.equal(readSx('kron(A, B)', where), '(kron A B)');
    assert.equal(shapeOf('kron(A, B)', where), 'mp×nq');
    assert.equal(readSx('vec(A)', where), '(vec A)');
    assert.equal(shapeOf('vec(A)', where), 'mn×1');
    const k = read('commutation(m, n)*vec(A)', where).expr.args[0];
    assert.equal(k.op, 'commutation');
    assert.deepEqual(k.dims, ['m', 'n']);
    assert.equal(shapeText(k.shape), 'mn×mn');
    const u = read('unit(n, 2)').expr;
    assert.deepEqual([u.op, u.value, shapeText(u.shape)], ['unit', 2, 'n×1']);
    const e = read('entry(A, 1, 2)', where).expr;
    assert.deepEqual([e.op, e.dims, e.args[0].name], ['entry', [1, 2], 'A']);
    const c = read('count(m, n)').expr;
    assert.deepEqual([c.op, c.dims, shapeText(c.shape)], ['size', ['m·n', 1], '1×1']);
    assert.equal(read('m*n', 'A: matrix(m, n)').expr, c, 'm*n with m, n dimensions is the same number');
  });

  it('labels a product dimension as a textbook does: n² for n·n (not nn), mn, 2n, batch·d (words set apart)', () => {
    assert.equal(shapeOf('vec(X)', 'X: matrix(n, n)'), 'n²×1');
    assert.equal(shapeOf('kron(X, X)', 'X: matrix(n, n)'), 'n²×n²');
    assert.equal(shapeOf('kron(A, X)', 'A: matrix(m, n); X: matrix(n, n)'), 'mn×n²');
    assert.equal(shapeOf('kron(X, kron(X, X))', 'X: matrix(n, n)'), 'n³×n³');
    assert.equal(shapeOf('ones(2*n*m*n)'), '2mn²×1');
    assert.equal(shapeOf('vec(W)', 'W: matrix(batch, d)'), 'batch·d×1');
    assert.equal(shapeOf('vec(W)', 'W: matrix(d_k, d_k)'), 'd_k²×1');
    // The Jacobian of an n×n matrix by an n×n matrix, as derive() labels it.
    const d = derive({ expr: 'A*X', where: 'A: matrix(n, n); X: matrix(n, n)', wrt: ['X'] });
    assert.ok(d.ok, d.ok ? '' : d.error.message);
    assert.equal(d.value.result.shape, 'n²×n²');
  });

  it('reads product dimensions (m*n) in calls and declarations', () => {
    assert.equal(readSx('ones(m*n) + vec(A)', 'A: matrix(m, n)'), '(add ones[mn×1] (vec A))');
    assert.equal(variablesText(read('y + vec(A)', 'A: matrix(m, n); y: vector(m*n)')), 'y:mn×1 A:m×n');
    assert.equal(readSx('eye(2*n)'), 'eye[2·n]');
  });

  it('kron and vec need known sizes; entry needs indices inside the array', () => {
    assertError(error(readPlain('kron(A, B)')), 'shape.unknown-size', 0, 10, 'kron needs the sizes of A and B to be known');
    assertError(error(readPlain('vec(A)')), 'shape.unknown-size', 0, 6, 'vec needs the sizes of A');
    assertError(error(readPlain('entry(A, 3, 1)', 'A: matrix(2, 2)')), 'call.argument', 0, 14, 'the index (3, 1) is outside A (2×2)');
    assertError(error(readPlain('entry(A, 0, 1)')), 'call.argument', 9, 10, 'positive integer index');
    assertError(error(readPlain('unit(n, i)')), 'call.argument', 8, 9, 'positive integer index');
  });

  it('eye(n) with a declared dimension unifies with the variables', () => {
    assert.equal(variablesText(read('(A + eye(n))*x', 'x: vector(n)')), 'A:n×n x:n×1');
  });
});

describe('syntax/shapes: errors name both sides, their shapes and the span', () => {
  it('cannot multiply … inner dimensions differ (span: the whole product)', () => {
    assertError(
      error(readPlain('A*y', 'A: matrix(m, n); y: vector(k)')),
      'shape.inner',
      0,
      3,
      'cannot multiply A (m×n) by y (k×1) in A*y: inner dimensions n and k differ',
    );
    assertError(error(readPlain('2 + x*y')), 'shape.inner', 4, 7, 'cannot multiply x (n×1) by y (m×1) in x*y: inner dimensions 1 and m differ');
    assertError(
      error(readPlain("c + A*B*x'", 'A: matrix(m, n); B: matrix(n, k)')),
      'shape.inner',
      4,
      10,
      "cannot multiply A*B (m×k) by x' (1×p) in A*B*x': inner dimensions k and 1 differ",
    );
  });

  it('cannot add / subtract: the shapes differ (span: the sum so far)', () => {
    assertError(error(readPlain('x + y + A', 'x: vector(n)')), 'shape.mismatch', 0, 9, 'cannot add x + y (n×1) and A (m×k) in x + y + A: the shapes differ');
    assertError(error(readPlain('x - y', 'x: vector(n); y: vector(m)')), 'shape.mismatch', 0, 5, 'cannot subtract y (m×1) from x (n×1) in x - y');
    assertError(error(readPlain("x + x'")), 'shape.mismatch', 0, 6, "cannot add x (n×1) and x' (1×n)");
  });

  it('element-wise operators need equal shapes', () => {
    assertError(error(readPlain('x .* A')), 'shape.mismatch', 0, 6, 'cannot multiply element-wise x (n×1) and A (m×k) in x.*A');
    assertError(error(readPlain('A ./ x')), 'shape.mismatch', 0, 6, 'cannot divide element-wise A (m×k) by x (n×1)');
  });

  it('/ only by a scalar, suggesting ./', () => {
    assertError(error(readPlain('a / x', 'x: vector(n)')), 'shape.divide', 0, 5, 'cannot divide a (1×1) by x (n×1) in a/x: the divisor must be a scalar (for element-wise division write ./)');
  });

  it('powers: scalar exponent, square base, integer literal exponent', () => {
    assertError(error(readPlain('a^x', 'x: vector(n)')), 'shape.exponent', 2, 3, 'the exponent in a^x must be a scalar, but x is n×1');
    assertError(error(readPlain('x.^y', 'x: vector(n); y: vector(n)')), 'shape.exponent', 3, 4, 'the exponent in x.^y must be a scalar');
    assertError(error(readPlain('1 + x^2', 'x: vector(n)')), 'shape.power', 4, 7, 'cannot raise x (n×1) to a power in x^2', 'write .^');
    assertError(error(readPlain('A^2', 'A: matrix(m, n)')), 'shape.power', 0, 3, 'cannot raise A (m×n) to a power');
    assertError(error(readPlain('A^b')), 'shape.matrix-power', 2, 3, 'a matrix power needs an integer exponent, found b in A^b');
    assertError(error(readPlain('A^0.5')), 'shape.matrix-power', 2, 5, 'found 0.5');
  });

  it('vector and matrix literal entries must be scalars', () => {
    assertError(error(readPlain('[a, x]', 'x: vector(n)')), 'shape.vector-entry', 4, 5, 'the entries of a vector literal must be scalars, but x is n×1');
    assertError(error(readPlain('[a, b; c, A]', 'A: matrix(m, n)')), 'shape.vector-entry', 10, 11, 'the entries of a matrix literal must be scalars, but A is m×n');
  });

  it('square, vector and same-length arguments', () => {
    assertError(error(readPlain('tr(A)', 'A: matrix(m, n)')), 'shape.square', 3, 4, 'tr needs a square matrix, but A is m×n');
    assertError(error(readPlain('det(x)')), 'shape.square', 4, 5, 'det needs a square matrix, but x is n×1');
    assertError(error(readPlain('diag(A)', 'A: matrix(2, 3)')), 'shape.square', 5, 6, 'diag of a matrix needs a square matrix, but A is 2×3');
    assertError(error(readPlain('softmax(A)')), 'call.needs-dimension', 0, 10, 'softmax of a matrix needs a dimension: softmax(A, 2) normalizes each row');
    assertError(error(readPlain('softmax(s)', 's: scalar')), 'shape.vector-argument', 8, 9, 'softmax needs a vector or a matrix with a dimension, but s is 1×1');
    assertError(error(readPlain("dot(x', y)")), 'shape.vector-argument', 4, 6, "dot needs two column vectors, but x' is 1×n");
    assertError(error(readPlain('dot(x, y)', 'x: vector(n); y: vector(m)')), 'shape.mismatch', 0, 9, 'dot needs vectors of the same length, but x is n×1 and y (m×1)');
  });

  it('function names, arities and arguments', () => {
    assertError(error(readPlain('1 + foo(x)')), 'name.unknown-function', 4, 7, "unknown function 'foo'");
    assertError(error(readPlain('trace(A)')), 'name.unknown-function', 0, 5, "unknown function 'trace': did you mean tr?");
    assertError(error(readPlain('a(b + c)')), 'name.unknown-function', 0, 1, "'a' is a variable: for a product write a*(…)");
    assertError(error(readPlain('exp(x, y)')), 'call.arity', 0, 9, 'exp takes 1 argument, found 2');
    assertError(error(readPlain('dot(x)')), 'call.arity', 0, 6, 'dot takes 2 arguments, found 1');
    assertError(error(readPlain('max(x, y)', 'x: vector(n); y: vector(m)')), 'shape.mismatch', 0, 9, 'max(a, b) needs arrays of one shape');
    assertError(error(readPlain('vector(a)')), 'call.argument', 7, 8, 'vector(c) takes a number');
    assertError(error(readPlain('eye(2+n)')), 'call.argument', 4, 7, 'eye takes a dimension');
    assertError(error(readPlain('eye(0)')), 'call.argument', 4, 5, 'eye takes a dimension');
  });

  it('rigid declared dimensions do not unify with other names or integers', () => {
    assertError(error(readPlain('x + [a, b]', 'x: vector(n)')), 'shape.mismatch', 0, 10, 'cannot add x (n×1) and [a, b] (2×1)');
    assertError(error(readPlain('A*x', 'A: matrix(3, 3); x: vector(2)')), 'shape.inner', 0, 3, 'inner dimensions 3 and 2 differ');
  });

  it('a failed unification changes nothing (shapes in the message are the ones before it)', () => {
    // rows could unify but columns cannot (k with 1): had the rows been unified, A would read n×k
    assertError(error(readPlain('A + x')), 'shape.mismatch', 0, 5, 'cannot add A (m×k) and x (n×1)');
  });
});

describe('syntax/shapes: checkShapes on trees from other readers', () => {
  it('checks a hand-built tree', () => {
    const ast: Ast = {
      kind: 'product',
      span: { start: 0, end: 3 },
      first: { kind: 'name', name: 'A', span: { start: 0, end: 1 } },
      rest: [{ op: '*', opSpan: { start: 1, end: 2 }, operand: { kind: 'name', name: 'x', span: { start: 2, end: 3 } } }],
    };
    const r = checkShapes(ast, [{ name: 'x', kind: 'vector', dims: [5], symmetric: false, span: { start: 0, end: 1 } }]);
    assert.ok(r.ok);
    if (r.ok) assert.equal(shapeText(r.value.expr.shape), 'm×1');
  });

  it('rejects a tree deeper than the limit without recursing', () => {
    let ast: Ast = parse('x');
    for (let i = 0; i < 100_000; i++) ast = { kind: 'transpose', arg: ast, span: { start: 0, end: 1 } };
    assert.equal(error(checkShapes(ast, [])).code, 'limit.depth');
  });

  it('rejects duplicate declarations', () => {
    const d = { name: 'x', kind: 'scalar' as const, dims: [], symmetric: false, span: { start: 0, end: 1 } };
    assert.equal(error(checkShapes(parse('x'), [d, d])).code, 'decl.duplicate');
  });
});
