/**
 * PyTorch source for a function and its derivative (`value(**vars)`, `derivative(**vars)`), with
 * the NumPy writer's contract: the derivative has shape f.shape + x.shape (order 2: f.shape +
 * x.shape + x.shape), the layout `torch.autograd.functional.jacobian` uses; scalars are returned as
 * floats, arrays as float64 tensors. Arguments may be floats, lists, NumPy arrays or tensors.
 */
import { FUNCTIONS } from '../functions/index';
import type { Expr } from '../model/expr';
import type { Derivative } from '../calculus/form';
import { toArrayCode, type ArrayApi } from './arrayCode';
import { numpyStyle } from './numpy';
import { pythonMathCall } from './pythonMath';

/** Where torch spells an operation as NumPy does. */
const AS_NUMPY = numpyStyle('torch', 'torch.float64');

export const TORCH_API: ArrayApi = {
  ...AS_NUMPY,
  library: 'PyTorch',
  imports: ['import torch'],
  // The built-ins a function of a number is written with (./pythonMath): abs(n - 6.0).
  reserved: ['torch', 'jax', 'jnp', 'tuple', 'reversed', 'len', 'abs', 'max', 'min'],
  numberFunction: pythonMathCall,
  pi: 'torch.pi',
  helpers: {
    // Tensors are mutable: NumPy's constructions.
    _commutation: AS_NUMPY.helpers._commutation,
    _unit: AS_NUMPY.helpers._unit,
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
  elementwise: (name, u) => FUNCTIONS[name].code.torch?.(u) ?? AS_NUMPY.elementwise(name, u),
  scalarArg: (a) => `_as(${a}).reshape(())`,
  columnArg: (a) => `_as(${a}).reshape(-1, 1)`,
  rowArg: (a) => `_as(${a}).reshape(1, -1)`,
  matrixArg: (a) => `_as(${a})`,
  asArray: (u) => `_as(${u})`,
  floatConstant: (l) => `torch.tensor(${l}, dtype=torch.float64)`,
  softmaxAlong: (u, axis) => `torch.softmax(${u}, ${axis})`,
  logsumexpAlong: (u, axis) => `torch.logsumexp(${u}, ${axis}, keepdim=True)`,
  diagv: (u) => `torch.diagonal(${u}).reshape(-1, 1)`,
  vec: (u) => `_vec(${u})`,
  kron: (a, b) => `_kron(${a}, ${b})`,
  block: (rows) => `_block([${rows.map((r) => `[${r.join(', ')}]`).join(', ')}])`,
  reshapeColumnMajor: (u, shape) => `_reshape_f(${u}, ${shape})`,
};

/** Python 3 source (torch only) defining value(**vars) and derivative(**vars). */
export function toTorch(f: Expr, d: Derivative): string {
  return toArrayCode(TORCH_API, f, d);
}
