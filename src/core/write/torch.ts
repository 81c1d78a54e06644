/**
 * PyTorch source for a function and its derivative (`value(**vars)`, `derivative(**vars)`), with
 * the NumPy writer's contract: the derivative has shape f.shape + x.shape (order 2: f.shape +
 * x.shape + x.shape), the layout `torch.autograd.functional.jacobian` uses; scalars are returned as
 * floats, arrays as float64 tensors. Arguments may be floats, lists, NumPy arrays or tensors.
 */
import type { Expr } from '../model/expr';
import type { Derivative } from '../calculus/form';
import { toArrayCode, type ArrayApi } from './arrayCode';

const fn = (name: string) => (u: string): string => `torch.${name}(${u})`;

export const TORCH_API: ArrayApi = {
  library: 'PyTorch',
  imports: ['import torch'],
  helpers: {
    _as: `def _as(a):
    """A float64 tensor from a float, a list, a NumPy array or a tensor."""
    return torch.as_tensor(a, dtype=torch.float64)`,
    _step: `def _step(u):
    """The indicator [u > 0] (0 at 0)."""
    return (_as(u) > 0).to(torch.float64)`,
    _softmax: `def _softmax(z):
    """exp(z) / sum(exp(z)) over all entries of z, in z's shape."""
    return torch.softmax(z.reshape(-1), 0).reshape(z.shape)`,
    _logsumexp: `def _logsumexp(z):
    """log(sum(exp(z))) over all entries of z."""
    return torch.logsumexp(z.reshape(-1), 0)`,
    _vec: `def _vec(a):
    """The columns of a 2-D tensor stacked into one column."""
    return a.T.reshape(-1, 1)`,
    _commutation: `def _commutation(p, q):
    """The commutation matrix K with K @ vec(X) = vec(X.T) for X of shape (p, q); vec stacks columns."""
    k = torch.zeros((p * q, p * q), dtype=torch.float64)
    for i in range(p):
        for j in range(q):
            k[j + i * q, i + j * p] = 1.0
    return k`,
    _unit: `def _unit(n, i):
    """The i-th standard basis column (1-based) of length n."""
    e = torch.zeros((n, 1), dtype=torch.float64)
    e[i - 1, 0] = 1.0
    return e`,
    _block: `def _block(rows):
    """A 2-D tensor of scalar entries (floats or 0-d tensors)."""
    return torch.stack([torch.stack([_as(v).reshape(()) for v in row]) for row in rows])`,
    _kron: `def _kron(a, b):
    """The Kronecker product (contiguous operands: torch 1.x's kron views its inputs)."""
    return torch.kron(_as(a).contiguous(), _as(b).contiguous())`,
    _reshape_f: `def _reshape_f(a, shape):
    """Reshape a 2-D tensor column-major (NumPy's order='F')."""
    return a.T.reshape(tuple(reversed(shape))).permute(*reversed(range(len(shape))))`,
  },
  elementwise: {
    exp: fn('exp'),
    log: fn('log'),
    sin: fn('sin'),
    cos: fn('cos'),
    tan: fn('tan'),
    tanh: fn('tanh'),
    sigmoid: fn('sigmoid'),
    relu: (u) => `torch.clamp(${u}, min=0.0)`,
    abs: fn('abs'),
    sqrt: fn('sqrt'),
    sign: fn('sign'),
    min0: (u) => `torch.clamp(${u}, max=0.0)`,
    step: (u) => `_step(${u})`,
  },
  scalarArg: (a) => `_as(${a}).reshape(())`,
  columnArg: (a) => `_as(${a}).reshape(-1, 1)`,
  rowArg: (a) => `_as(${a}).reshape(1, -1)`,
  matrixArg: (a) => `_as(${a})`,
  asArray: (u) => `_as(${u})`,
  floatConstant: (l) => `torch.tensor(${l}, dtype=torch.float64)`,
  zeros: (r, c) => `torch.zeros((${r}, ${c}), dtype=torch.float64)`,
  ones: (r, c) => `torch.ones((${r}, ${c}), dtype=torch.float64)`,
  eye: (n) => `torch.eye(${n}, dtype=torch.float64)`,
  commutation: (p, q) => `_commutation(${p}, ${q})`,
  unit: (n, i) => `_unit(${n}, ${i})`,
  sum: fn('sum'),
  mean: fn('mean'),
  trace: fn('trace'),
  det: (u) => `torch.linalg.det(${u})`,
  logdet: (u) => `torch.linalg.slogdet(${u})[1]`,
  diagm: fn('diagflat'),
  diagv: (u) => `torch.diagonal(${u}).reshape(-1, 1)`,
  logsumexp: (u) => `_logsumexp(${u})`,
  softmax: (u) => `_softmax(${u})`,
  vec: (u) => `_vec(${u})`,
  kron: (a, b) => `_kron(${a}, ${b})`,
  matrixPower: (u, k) => `torch.linalg.matrix_power(${u}, ${k})`,
  inv: (u) => `torch.linalg.inv(${u})`,
  reciprocal: fn('reciprocal'),
  abs: fn('abs'),
  log: fn('log'),
  norm2: (u) => `torch.linalg.norm(${u})`,
  multiDot: (fs) => `torch.linalg.multi_dot([${fs.join(', ')}])`,
  block: (rows) => `_block([${rows.map((r) => `[${r.join(', ')}]`).join(', ')}])`,
  ravel: fn('ravel'),
  reshapeColumnMajor: (u, shape) => `_reshape_f(${u}, ${shape})`,
};

/** Python 3 source (torch only) defining value(**vars) and derivative(**vars). */
export function toTorch(f: Expr, d: Derivative): string {
  return toArrayCode(TORCH_API, f, d);
}
