/**
 * NumPy and PyTorch code whose meaning a quick reading gets wrong: each is read as NumPy or PyTorch
 * computes it, or refused with an error at its cause that says why — never read as something else.
 * - `x[:, None]` and `x[None, :]` reshape a 1-D vector into a 2-D column or row;
 * - `torch.dot`, `torch.vdot`, `torch.outer` take 1-D tensors, `torch.mm` two matrices, `torch.mv`
 *   a matrix and a vector: PyTorch refuses the others at run time (np.dot and np.matmul do not);
 *   np.outer flattens a matrix (an outer product of its entries, not A Bᵀ);
 * - `//` and `%` (floor division, remainder) and a module's name assigned as a variable (`np = 3`).
 */
import * as assert from 'node:assert/strict';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { readExpression } from '../../../src/core/read';
import { assertError, assertNumpyDerivativeChecked, error, numpyIs } from './helpers';

const vectors = 'x: vector(n); y: vector(m); A: matrix(n, m); B: matrix(m, k)';

describe('notations/numpy: what NumPy and PyTorch code means', () => {
  it('reads x[:, None] as the n×1 column and x[None, :] (and x[None]) as the 1×n row', () => {
    numpyIs('x[:, None] @ y[None, :]', "x*y'", vectors);
    numpyIs('x[:, np.newaxis] @ y[np.newaxis, :]', "x*y'", vectors);
    numpyIs('x[None, :] @ A @ y', "x'*A*y", vectors);
    numpyIs('np.sum(x[None] @ A)', "sum(x'*A)", vectors);
    numpyIs('np.sum(x[:, None] * x[:, None])', 'sum(x .* x)', vectors);
    numpyIs('A @ y[:, None]', 'A*y', vectors);
    // A row of a product (1-D in NumPy: x @ A) turned into a column.
    numpyIs('(x @ A)[:, None].T @ y', "(x'*A)*y", vectors);
  });

  it('refuses new axes it cannot read: a third axis, a scalar, a partial slice', () => {
    let t = 'A[:, None]';
    assertError(error(readNumpy(t, vectors)), 'numpy.unsupported', ':, None', t, 'three axes');
    t = 'x[:, None, None]';
    assertError(error(readNumpy(t, vectors)), 'numpy.unsupported', ':, None, None', t, 'three axes');
    t = 's[None]';
    assertError(error(readNumpy(t, `${vectors}; s: scalar`)), 'numpy.unsupported', 'None', t, 'a scalar');
    t = 'x[1:, None]';
    assertError(error(readNumpy(t, vectors)), 'numpy.unsupported', '1:, None', t, 'slices');
  });

  it('broadcasts x[:, None] along a matrix\'s rows as NumPy does; a column beside a row is refused with the shapes', () => {
    numpyIs('np.sum(A - x[:, None])', 'sum(A - x*ones(1, m))', vectors);
    numpyIs('np.sum(A * y[None, :])', "sum(A .* (ones(n)*y'))", vectors);
    // NumPy makes an n×m array of x[:, None] + y[None, :]; the plain checker broadcasts a vector along a matrix only.
    const t = 'np.sum(x[:, None] + y[None, :])';
    assertError(error(readNumpy(t, vectors)), 'shape.mismatch', 'x[:, None] + y[None, :]', t, 'cannot add');
  });

  it('derivatives through x[:, None] and x[None, :] agree with finite differences', () => {
    for (const [expr, wrt] of [
      ['np.sum((x[:, None] @ y[None, :]) * A)', 'x'],
      ['np.sum((x[:, None] @ y[None, :]) * A)', 'y'],
      ['np.tanh(x[None, :] @ A @ y)', 'A'],
      ['np.sum((A - x[:, None]) ** 2)', 'x'],
    ] as const) {
      assertNumpyDerivativeChecked(expr, vectors, wrt);
    }
  });

  it('refuses torch.dot and torch.vdot of anything but two vectors, as PyTorch does', () => {
    const where = `${vectors}; C: matrix(n, m); s: scalar`;
    let t = 'torch.dot(A, C)';
    assertError(error(readNumpy(t, where)), 'numpy.argument', 'A', t, 'torch.dot takes two vectors (1-D tensors): A is a matrix');
    assert.ok(error(readNumpy(t, where)).message.includes('PyTorch refuses'));
    t = 'torch.vdot(A, C)';
    assertError(error(readNumpy(t, where)), 'numpy.argument', 'A', t, 'torch.vdot takes two vectors');
    t = 'torch.dot(x, A)';
    assertError(error(readNumpy(t, where)), 'numpy.argument', 'A', t, 'A is a matrix');
    t = 'torch.dot(s, x)';
    assertError(error(readNumpy(t, where)), 'numpy.argument', 's', t, 's is a scalar');
    // NumPy's dot is matmul for matrices and scales by a scalar.
    numpyIs('np.dot(A, B) + jnp.dot(A, B)', 'A*B + A*B', where);
    numpyIs('torch.dot(x, x)', "x'*x", where);
  });

  it('refuses A.dot(B) of matrices in code that uses PyTorch (Tensor.dot takes 1-D tensors); with NumPy it is the matrix product', () => {
    const where = `${vectors}; C: matrix(n, m)`;
    // torch. calls elsewhere, an import, a type hint: the array is a tensor, whose .dot PyTorch refuses for a matrix.
    let t = 'torch.sum(torch.exp(A.dot(B)))';
    assertError(error(readNumpy(t, where)), 'numpy.argument', 'A', t, 'A.dot takes two vectors (1-D tensors): A is a matrix');
    assert.ok(error(readNumpy(t, where)).message.includes('PyTorch'));
    t = 'import torch\ndef f(A, B):\n    return A.dot(B).sum()';
    assertError(error(readNumpy(t, where)), 'numpy.argument', 'A', t, 'A is a matrix');
    t = 'def f(A: torch.Tensor, x: torch.Tensor):\n    return x.dot(A.dot(x))';
    assertError(error(readNumpy(t, 'A: matrix(n, n); x: vector(n)')), 'numpy.argument', 'A', t, 'A is a matrix');
    t = 'torch.sum(x.dot(A))';
    assertError(error(readNumpy(t, where)), 'numpy.argument', 'A', t, 'A is a matrix');
    // A text with NumPy and PyTorch both: the array may be either, so a matrix is refused there too, saying why.
    t = 'np.sum(A.dot(B)) + torch.sum(x)';
    const both = error(readNumpy(t, where));
    assertError(both, 'numpy.argument', 'A', t, '@');
    // Vectors are Tensor.dot's own arguments: the dot product.
    numpyIs('torch.sum(x) * x.dot(x)', "sum(x)*(x'*x)", where);
    // NumPy (or JAX) alone, or no module at all: ndarray.dot is the matrix product.
    numpyIs('np.sum(A.dot(B))', 'sum(A*B)', where);
    numpyIs('jnp.sum(A.dot(B))', 'sum(A*B)', where);
    numpyIs('A.dot(B).sum()', 'sum(A*B)', where);
    // A comment or a name that only contains "torch" is no marker.
    numpyIs('# not torch\nnp.sum(A.dot(B))', 'sum(A*B)', where);
  });

  it('refuses torch.mm of anything but two matrices and torch.mv of anything but a matrix and a vector', () => {
    let t = 'torch.mm(x, A)';
    assertError(error(readNumpy(t, vectors)), 'numpy.argument', 'x', t, 'torch.mm takes two matrices (2-D tensors): x is a vector');
    t = 'torch.sum(x.mm(A))';
    assertError(error(readNumpy(t, vectors)), 'numpy.argument', 'x', t, 'x is a vector');
    t = 'torch.mv(A, B)';
    assertError(error(readNumpy(t, vectors)), 'numpy.argument', 'B', t, 'torch.mv takes a matrix and a vector');
    t = 'torch.mv(x, A)';
    assertError(error(readNumpy(t, vectors)), 'numpy.argument', 'x', t, 'x is a vector');
    numpyIs('torch.mm(A, B)', 'A*B', vectors);
    numpyIs('torch.mv(A, y) + A.mv(y)', 'A*y + A*y', vectors);
  });

  it('refuses an outer product of matrices: np.outer flattens them, torch.outer takes vectors', () => {
    let t = 'np.outer(A, B)';
    assertError(error(readNumpy(t, vectors)), 'numpy.argument', 'A', t, 'flattens');
    t = 'torch.outer(A, y)';
    assertError(error(readNumpy(t, vectors)), 'numpy.argument', 'A', t, 'torch.outer takes two vectors');
    numpyIs('np.outer(x, y) + torch.outer(x, y)', "x*y' + x*y'", vectors);
  });

  it('says what // and % are when refusing them', () => {
    let t = 'x // 2';
    assertError(error(readNumpy(t, vectors)), 'numpy.unsupported', '//', t, 'floor division');
    t = 'x % 2';
    assertError(error(readNumpy(t, vectors)), 'numpy.unsupported', '%', t, 'remainder');
    assert.ok(!error(readNumpy(t, vectors)).message.includes('division'), 'the remainder is not a division');
    // Typed in the plain syntax and in Unicode math, // says the same.
    for (const from of ['plain', 'unicode', 'auto'] as const) {
      t = 'x // 2';
      assertError(error(readExpression(t, vectors, from)), 'parse.numpy-syntax', '//', t, 'floor division');
    }
  });

  it('refuses a module name assigned as a variable (np = 3 hides np.sum), at the assignment', () => {
    let t = 'np = 3\nnp.sum(x)';
    assertError(error(readNumpy(t, vectors)), 'numpy.unsupported', 'np', t, "'np' is the name of a module");
    t = 'torch = x\ntorch.sum(torch)';
    assertError(error(readNumpy(t, vectors)), 'numpy.unsupported', 'torch', t, "'torch' is the name of a module");
    t = 'def f(np, x):\n    return np.sum(x)';
    assertError(error(readNumpy(t, vectors)), 'numpy.unsupported', 'np', t, "'np' is the name of a module");
    // F is also a matrix's letter: assigned, it is the array (F.sum() is its method), as in Python.
    numpyIs('F = A @ B\nF.sum()', 'sum(A*B)', vectors);
  });
});
