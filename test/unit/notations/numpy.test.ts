import assert from 'node:assert/strict';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { MAX_DEPTH } from '../../../src/core/syntax';
import { postorder } from '../../../src/core/model/expr';
import { toText } from '../../../src/core/write';
import { assertError, assertSame, error, numpy, numpyIs, plain, value, variablesOf } from './helpers';

const vw = 'w: vector(n); x: vector(n)';

describe('notations/numpy: operators with NumPy semantics', () => {
  it('reads * as the element-wise product, and as scaling when one side is a scalar', () => {
    numpyIs('w * x', 'w .* x', vw);
    numpyIs('w / x', 'w ./ x', vw);
    numpyIs('2 * x', '2*x', vw);
    numpyIs('x * z', 'x*z', `${vw}; z: scalar`);
    numpyIs('a * b * x', 'a*b*x', `${vw}; a: scalar; b: scalar`);
    numpyIs('x / s', 'x/s', `${vw}; s: scalar`);
  });

  it('reads ** as the element-wise power and unary minus as negation', () => {
    numpyIs('x**2', 'x.^2', vw);
    numpyIs('-s**2', '-s^2', 's: scalar');
    numpyIs('s**-1', 's^-1', 's: scalar');
    // a run of signs is the sign it amounts to, as in Python
    numpyIs('--s', 's', 's: scalar');
    numpyIs('-+-s', 's', 's: scalar');
    numpyIs('---s**2', '-s^2', 's: scalar');
    numpyIs('s**--2', 's^2', 's: scalar');
    numpyIs('A**2', 'A.^2', 'A: matrix(m, n)');
  });

  it('reads @ with NumPy rules for 1-D vectors', () => {
    numpyIs('A @ x', 'A*x', 'A: matrix(m, n); x: vector(n)');
    numpyIs('w @ x', "w'*x", vw);
    numpyIs('x @ A @ x', "x'*A*x", 'A: matrix(n, n); x: vector(n)');
    numpyIs('x @ A', "(x'*A)'", 'A: matrix(n, m); x: vector(n)');
    numpyIs('x @ A + y', "(x'*A)' + y", 'A: matrix(n, m); x: vector(n); y: vector(m)');
    numpyIs('A @ B @ C', 'A*B*C', 'A: matrix(m, n); B: matrix(n, p); C: matrix(p, q)');
    numpyIs('-t @ v', "-t'*v", 't: vector(n); v: vector(n)');
    numpyIs('0.5 * d @ S @ d', "0.5*d'*S*d", 'd: vector(n); S: matrix(n, n)');
    numpyIs('(B @ x + b) @ C @ (D @ x + d)', "(B*x + b)'*C*(D*x + d)", 'B: matrix(m, n); C: matrix(m, m); D: matrix(m, n); x: vector(n); b: vector(m); d: vector(m)');
  });

  it('reads .T: a transpose of a matrix, nothing for a 1-D vector', () => {
    numpyIs('X.T @ X', "X'*X", 'X: matrix(m, n)');
    numpyIs('x.T @ A @ x', "x'*A*x", 'A: matrix(n, n); x: vector(n)');
    numpyIs('x.T', 'x', 'x: vector(n)');
  });

  it('rejects @ with a scalar operand, as NumPy does', () => {
    const t = 'x @ 2';
    assertError(error(readNumpy(t, 'x: vector(n)')), 'numpy.matmul-scalar', t, t, 'write *');
  });
});

describe('notations/numpy: functions of NumPy, PyTorch, JAX and SciPy', () => {
  it('reads element-wise functions under every module prefix', () => {
    for (const prefix of ['np.', 'numpy.', 'torch.', 'jnp.', 'jax.numpy.']) {
      numpyIs(`${prefix}exp(x) + ${prefix}log(x) + ${prefix}sin(x) + ${prefix}cos(x) + ${prefix}tanh(x)`, 'exp(x) + log(x) + sin(x) + cos(x) + tanh(x)', vw);
    }
    numpyIs('np.sqrt(x) + np.abs(x) + np.sign(x) + np.tan(x)', 'sqrt(x) + abs(x) + sign(x) + tan(x)', vw);
    numpyIs('np.log1p(x)', 'log1p(x)', vw);
    numpyIs('np.square(x) + np.power(x, 3)', 'x.^2 + x.^3', vw);
  });

  it('reads the logistic function, relu and softmax in their spellings', () => {
    for (const s of ['torch.sigmoid(x)', 'F.sigmoid(x)', 'jax.nn.sigmoid(x)', 'scipy.special.expit(x)', 'expit(x)', 'x.sigmoid()', 'torch.special.expit(x)']) numpyIs(s, 'sigmoid(x)', vw);
    for (const s of ['np.maximum(0, x)', 'np.maximum(x, 0.0)', 'F.relu(x)', 'torch.relu(x)', 'jax.nn.relu(x)', 'torch.clamp(x, min=0)', 'np.clip(x, 0, None)', 'x.clamp(min=0)']) numpyIs(s, 'max(0, x)', vw);
    for (const s of ['np.minimum(0, x)', 'torch.clamp(x, max=0)', 'np.clip(x, None, 0)']) numpyIs(s, 'min(0, x)', vw);
    for (const s of ['scipy.special.softmax(x)', 'torch.softmax(x, dim=0)', 'F.softmax(x, dim=-1)', 'jax.nn.softmax(x)', 'x.softmax(0)']) numpyIs(s, 'softmax(x)', vw);
    numpyIs('F.log_softmax(x, dim=0)', 'log(softmax(x))', vw);
    numpyIs('scipy.special.logsumexp(x) + torch.logsumexp(x, dim=0)', 'logsumexp(x) + logsumexp(x)', vw);
  });

  it('reads reductions, as functions and as methods', () => {
    numpyIs('np.sum(x) + x.sum() + sum(x) + np.sum(x, axis=0)', 'sum(x) + sum(x) + sum(x) + sum(x)', vw);
    numpyIs('np.mean(x) + x.mean() + torch.mean(x)', 'mean(x) + mean(x) + mean(x)', vw);
    numpyIs('np.trace(A) + A.trace() + torch.trace(A)', 'tr(A) + tr(A) + tr(A)', 'A: matrix(n, n)');
  });

  it('reads linear algebra: inv, det, slogdet, logdet, solve, matrix_power', () => {
    const X = 'X: matrix(n, n); b: vector(n)';
    numpyIs('np.linalg.inv(X) + torch.inverse(X) + torch.linalg.inv(X) + X.inverse()', 'inv(X) + inv(X) + inv(X) + inv(X)', X);
    numpyIs('np.linalg.det(X) + torch.det(X) + jnp.linalg.det(X)', 'det(X) + det(X) + det(X)', X);
    numpyIs('np.linalg.slogdet(X)[1] + torch.logdet(X) + torch.linalg.slogdet(X).logabsdet', 'logdet(X) + logdet(X) + logdet(X)', X);
    numpyIs('np.linalg.solve(X, b)', 'inv(X)*b', X);
    numpyIs('np.linalg.matrix_power(X, 3)', 'X^3', X);
  });

  it('reads norms: the 2-norm, ord=1, Frobenius', () => {
    const v = 'x: vector(n); X: matrix(m, n)';
    numpyIs('np.linalg.norm(x)', 'norm2(x)', v);
    numpyIs('np.linalg.norm(x, 2) + np.linalg.norm(x, ord=2)', 'norm2(x) + norm2(x)', v);
    numpyIs('np.linalg.norm(x, ord=1) + torch.linalg.vector_norm(x, ord=1) + torch.norm(x, p=1)', 'norm1(x) + norm1(x) + norm1(x)', v);
    numpyIs("np.linalg.norm(X) + np.linalg.norm(X, 'fro') + torch.linalg.norm(X, ord='fro')", 'norm2(X) + norm2(X) + norm2(X)', v);
    numpyIs('x.norm()', 'norm2(x)', v);
    const spectral = 'np.linalg.norm(X, 2)';
    assertError(error(readNumpy(spectral, v)), 'numpy.unsupported', '2', spectral, 'not supported');
  });

  it('reads dot, outer, diag, transpose, eye, ones and zeros', () => {
    numpyIs('np.dot(w, x) + w.dot(x) + torch.dot(w, x) + np.inner(w, x)', "w'*x + w'*x + w'*x + w'*x", vw);
    numpyIs('np.dot(A, x)', 'A*x', 'A: matrix(m, n); x: vector(n)');
    numpyIs('np.dot(s, x)', 's*x', `${vw}; s: scalar`);
    numpyIs('np.outer(w, x) + torch.outer(w, x)', "w*x' + w*x'", vw);
    numpyIs('np.diag(x) @ A', 'diag(x)*A', 'x: vector(n); A: matrix(n, m)');
    numpyIs('np.diag(A)', 'diag(A)', 'A: matrix(n, n)');
    numpyIs('np.transpose(A) + A.T + A.transpose()', "A' + A' + A'", 'A: matrix(n, n)');
    numpyIs('torch.t(A) + A.t() + A.transpose(0, 1)', "A' + A' + A'", 'A: matrix(n, n)');
    numpyIs('A + np.eye(n)', 'A + eye(n)', 'A: matrix(n, n)');
    numpyIs('A + np.eye(len(x))', 'A + eye(n)', 'A: matrix(n, n); x: vector(n)');
    numpyIs('x + np.ones(n)', 'x + ones(n)', 'x: vector(n)');
    numpyIs('A + torch.zeros((m, n))', 'A + zeros(m, n)', 'A: matrix(m, n)');
    numpyIs('x + np.ones_like(x)', 'x + vector(1)', 'x: vector(n)');
  });

  it('reads np.inner and np.vdot by their own rules, not as @ (inner sums over the last axes; vdot flattens)', () => {
    // np.inner(a, b)[i, j] = sum_k a[i, k] b[j, k]: a matrix and a vector give A x whichever comes first.
    numpyIs('np.inner(x, A) + np.inner(A, x) + torch.inner(x, A)', 'A*x + A*x + A*x', 'x: vector(n); A: matrix(m, n)');
    numpyIs('np.inner(A, B)', "A*B'", 'A: matrix(m, n); B: matrix(k, n)');
    numpyIs('np.inner(s, x) + np.inner(x, s)', 's*x + x*s', `${vw}; s: scalar`);
    // np.vdot(a, b) = sum(a.flat * b.flat): two matrices give a scalar.
    numpyIs('np.vdot(A, B)', 'sum(A .* B)', 'A: matrix(m, n); B: matrix(m, n)');
    let t = 'np.vdot(x, A)';
    assertError(error(readNumpy(t, 'x: vector(n); A: matrix(m, n)')), 'numpy.argument', t, t, 'two vectors or two matrices');
    t = 'np.vdot(s, x)';
    assertError(error(readNumpy(t, `${vw}; s: scalar`)), 'numpy.argument', t, t, 'two vectors or two matrices');
  });

  it('refuses np.linalg.solve with a scalar right-hand side (NumPy needs an array b)', () => {
    const t = 'np.linalg.solve(A, b)';
    assertError(error(readNumpy(t, 'A: matrix(n, n); b: scalar')), 'numpy.argument', 'b', t, 'vector or a matrix');
    numpyIs('np.linalg.solve(A, B)', 'inv(A)*B', 'A: matrix(n, n); B: matrix(n, k)');
  });

  it('reads array literals and entries', () => {
    numpyIs('np.array([3*x**2*y, 2*x + y**8])', '[3*x^2*y, 2*x + y^8]', 'x: scalar; y: scalar');
    numpyIs('torch.tensor([[a, b], [c, d]])', '[a, b; c, d]', 'a: scalar; b: scalar; c: scalar; d: scalar');
    numpyIs('x[0] + A[1, 2]', 'entry(x, 1, 1) + entry(A, 2, 3)', 'x: vector(n); A: matrix(m, k)');
  });

  it('reads constants', () => {
    assert.equal(toText(numpy('np.pi * s', 's: scalar')), 'pi*s');
    assert.equal(toText(numpy('math.pi * s', 's: scalar')), 'pi*s');
    assert.equal(toText(numpy('np.e * s', 's: scalar')), 'exp(1)*s');
  });
});

describe('notations/numpy: statements, comments and type hints', () => {
  it('skips imports and an assignment prefix, and uses the last expression', () => {
    numpyIs('import numpy as np\nloss = np.sum(w * x)', 'sum(w .* x)', vw);
    numpyIs('import torch\nimport torch.nn.functional as F\nfrom scipy.special import expit\nexpit(w @ x)', "sigmoid(w'*x)", vw);
  });

  it('substitutes intermediates assigned earlier', () => {
    const data = 'X: matrix(N, n); w: vector(n); y: vector(N); b: scalar';
    numpyIs('z = X @ w + b\nloss = np.mean((y - np.maximum(0, z))**2)', 'mean((y - max(0, X*w + b)).^2)', data);
    numpyIs('z = X @ w\nz = z + b\nr = y - z\nr @ r', "(y - (X*w + b))'*(y - (X*w + b))", data);
  });

  it('reads a function: declarations in comments, the return value', () => {
    const code = [
      'import numpy as np',
      '',
      '# x: vector(n); A: matrix(n, n)',
      'def quadratic(x, A):',
      '    """A quadratic form."""',
      '    return x @ A @ x',
    ].join('\n');
    numpyIs(code, "x'*A*x", 'x: vector(n); A: matrix(n, n)');
    assertSame(numpy(code), plain("x'*A*x", 'x: vector(n); A: matrix(n, n)'), code);
    const conflict = '# x: vector(k)\nx @ x';
    assertError(error(readNumpy(conflict, 'x: vector(n)')), 'decl.duplicate', 'x', conflict.slice(0, 3), 'declared twice');
    numpyIs('def f(x, A): return x @ A @ x  # one line', "x'*A*x", 'x: vector(n); A: matrix(n, n)');
  });

  it('refuses a function without a return, a second return, and tuple assignments, rather than guess', () => {
    // Python returns at the first return: the second is dead code or another function's.
    let t = 'def f(x):\n    return x @ x\n    return x';
    assertError(error(readNumpy(t, vw)), 'numpy.unsupported', 'return x', t, 'a second return (the first is at line 2, column 5)');
    t = 'def f(x):\n    return x @ x\ndef g(w):\n    return w @ w';
    assertError(error(readNumpy(t, vw)), 'numpy.unsupported', 'return w @ w', t, 'select one function');
    // A function without a return returns None, not its last assignment.
    t = 'def f(x):\n    y = x @ x';
    assertError(error(readNumpy(t, vw)), 'numpy.unsupported', 'def f(x):', t, "'f' has no return statement");
    // Assignments without a function: the last one is the expression read (a script's last value).
    numpyIs('y = x @ x\nz = y * 2', "(x'*x)*2", vw);
    t = 'a, b = x, w\nreturn a @ b';
    assertError(error(readNumpy(t, vw)), 'numpy.unsupported', ',', t, 'tuples are not supported');
  });

  it('reads shapes from type hints: float, jaxtyping, and the declaration syntax', () => {
    const r = value(readNumpy('def f(s: float, u: Float[Array, "k"], M: Float[torch.Tensor, "k m"]):\n    return s * u @ M'));
    assert.equal(variablesOf(r), 's:1×1 u:k×1 M:k×m');
    const hinted = value(readNumpy('weights: vector(d)\nbias: scalar\nnp.sum(weights) + bias'));
    assert.equal(variablesOf(hinted), 'weights:d×1 bias:1×1');
  });

  it('uses the letter conventions for undeclared names and names the undeclared others', () => {
    assert.equal(variablesOf(value(readNumpy('np.sum(W1 @ x) + b1'))), 'W1:m×n x:n×1 b1:1×1');
    const t = 'np.sum(weights * x)';
    assertError(error(readNumpy(t)), 'name.undeclared', 'weights', t, 'declare it');
  });

  it('reports errors with spans in the source', () => {
    let t = 'np.frobnicate(x)';
    assertError(error(readNumpy(t)), 'name.unknown-function', 'np.frobnicate', t, "unknown function 'np.frobnicate'");
    t = 'x.frob()';
    assertError(error(readNumpy(t)), 'name.unknown-function', 'frob', t, 'unknown method');
    t = 'np.sum(A, axis=2)';
    assertError(error(readNumpy(t, 'A: matrix(m, n)')), 'numpy.argument', '2', t, 'out of range for a 2-D array');
    t = 'np.einsum("ij,j->k", A, x)';
    assertError(error(readNumpy(t)), 'einsum.output', 'k', t, "the output subscript 'k' does not occur");
    t = 'A @ x + y';
    assertError(error(readNumpy(t, 'A: matrix(m, n); x: vector(n); y: vector(k)')), 'shape.mismatch', t, t, 'cannot add');
    t = 'x +';
    assertError(error(readNumpy(t)), 'parse.expected-expression', '+', t);
    t = 'np.exp(x';
    assertError(error(readNumpy(t)), 'parse.unclosed', [8, 8], t, "expected ')'");
    t = 'x += 1';
    assertError(error(readNumpy(t)), 'numpy.unsupported', '+=', t, 'augmented');
    t = 'for i in range(3):\n    pass';
    assertError(error(readNumpy(t)), 'numpy.unsupported', 'for', t);
    t = 'np.sum(x, keepdims=True, out=y)';
    assertError(error(readNumpy(t)), 'numpy.argument', 'out=y', t, "'out'");
    t = 'import numpy as np';
    assertError(error(readNumpy(t)), 'parse.empty', [18, 18], t, 'no expression');
    t = 'x[1:3]';
    assertError(error(readNumpy(t)), 'numpy.unsupported', '1:3', t, 'slices');
  });

  it('reads long chains in linear time', () => {
    const chain = `x${' @ A'.repeat(10000)} @ x`;
    const r = value(readNumpy(chain, 'x: vector(n); A: matrix(n, n)'));
    assert.equal(r.expr.args.length, 10002);
    const mixed = Array.from({ length: 5000 }, () => 's * (A @ x)').join(' * ');
    assert.ok(readNumpy(`x @ (${mixed})`, 'x: vector(n); A: matrix(n, n); s: scalar').ok);
  });

  it('fails cleanly on deep nesting; chained assignments stay a DAG (issue 17: no exponential substitution)', () => {
    // 10,000 levels of each kind: test/unit/robustness/deepNotations.test.ts.
    assert.ok(readNumpy(`${'np.exp('.repeat(3000)}x${')'.repeat(3000)}`, 'x: scalar').ok);
    const parens = `${'('.repeat(MAX_DEPTH + 1)}x${')'.repeat(MAX_DEPTH + 1)}`;
    assert.equal(error(readNumpy(parens)).code, 'limit.depth');
    const lines = ['z0 = x'];
    for (let i = 1; i <= 40; i++) lines.push(`z${i} = z${i - 1} + z${i - 1}`);
    lines.push('z40');
    const doubled = readNumpy(lines.join('\n'));
    assert.ok(doubled.ok, 'z40 = 2^40 x reads');
    // Each assignment is built once: 40 sums over x, not a tree of 2^41 nodes.
    assert.ok(postorder(doubled.value.expr).length <= 41, `${postorder(doubled.value.expr).length} nodes`);
  });
});
