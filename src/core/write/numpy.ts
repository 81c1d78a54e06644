/**
 * NumPy source for a function and its derivative: Python 3 importing only numpy, defining
 * `value(**vars)` and `derivative(**vars)` (the contract is in ./arrayCode, the generator all three
 * array libraries share). Also the spellings torch and jax.numpy share with NumPy (`numpyStyle`).
 */
import { ELEMENTWISE_FUNCTIONS, FUNCTIONS } from '../functions/index';
import type { Expr } from '../model/expr';
import type { Derivative } from '../calculus/form';
import { toArrayCode, type ArrayApi } from './arrayCode';

/** What numpyStyle gives: the operations spelled `module.name(...)` as in NumPy, and the helpers they call. */
type NumpyStyle = Pick<
  ArrayApi,
  | 'helpers' | 'elementwise' | 'zeros' | 'ones' | 'eye' | 'commutation' | 'unit' | 'sum' | 'mean' | 'trace' | 'det' | 'logdet' | 'diagm' | 'diagv'
  | 'logsumexp' | 'softmax' | 'softmaxAlong' | 'logsumexpAlong' | 'vec' | 'kron' | 'maximum' | 'minimum' | 'matrixPower' | 'inv' | 'abs' | 'log' | 'norm2'
  | 'multiDot' | 'ravel' | 'reshapeColumnMajor' | 'einsum'
>;

/**
 * The operations as NumPy spells them, in the module imported as `m` (np, jnp, torch: jax.numpy and
 * torch follow NumPy's names), with the overflow-safe helpers _sigmoid, _softmax and _logsumexp in
 * that module and _commutation and _unit for mutable arrays. New arrays get `dtype=float64` when
 * given (torch.float64; NumPy's default is float64).
 */
export function numpyStyle(m: string, float64?: string): NumpyStyle {
  const fn = (name: string) => (u: string): string => `${m}.${name}(${u})`;
  const dtype = float64 === undefined ? '' : `, dtype=${float64}`;
  return {
    helpers: {
      _sigmoid: `def _sigmoid(u):
    """The logistic function 1 / (1 + exp(-u)), without overflow."""
    return ${m}.exp(-${m}.logaddexp(0.0, -u))`,
      _softmax: `def _softmax(z):
    """exp(z) / sum(exp(z)), shifted by max(z) against overflow."""
    e = ${m}.exp(z - ${m}.max(z))
    return e / ${m}.sum(e)`,
      _logsumexp: `def _logsumexp(z):
    """log(sum(exp(z))), shifted by max(z) against overflow."""
    m = ${m}.max(z)
    return m + ${m}.log(${m}.sum(${m}.exp(z - m)))`,
      _softmax_along: `def _softmax_along(z, axis):
    """softmax of each row (axis=1) or column (axis=0) of a 2-D array, shifted by its maximum."""
    e = ${m}.exp(z - ${m}.max(z, axis=axis, keepdims=True))
    return e / ${m}.sum(e, axis=axis, keepdims=True)`,
      _logsumexp_along: `def _logsumexp_along(z, axis):
    """logsumexp of each row (axis=1, a column) or column (axis=0, a row), shifted by its maximum."""
    m = ${m}.max(z, axis=axis, keepdims=True)
    return m + ${m}.log(${m}.sum(${m}.exp(z - m), axis=axis, keepdims=True))`,
      _commutation: `def _commutation(p, q):
    """The commutation matrix K with K @ vec(X) = vec(X.T) for X of shape (p, q); vec stacks columns."""
    k = ${m}.zeros((p * q, p * q)${dtype})
    for i in range(p):
        for j in range(q):
            k[j + i * q, i + j * p] = 1.0
    return k`,
      _unit: `def _unit(n, i):
    """The i-th standard basis column (1-based) of length n."""
    e = ${m}.zeros((n, 1)${dtype})
    e[i - 1, 0] = 1.0
    return e`,
      // The helpers of the element-wise functions (functions/): _erf, _gelu.
      ...Object.fromEntries(ELEMENTWISE_FUNCTIONS.flatMap((f) => Object.entries(FUNCTIONS[f].code.helpers ?? {}).map(([name, source]) => [name, source(m)]))),
    },
    elementwise: (name, u) => FUNCTIONS[name].code.numpy(m, u),
    zeros: (r, c) => `${m}.zeros((${r}, ${c})${dtype})`,
    ones: (r, c) => `${m}.ones((${r}, ${c})${dtype})`,
    eye: (n) => `${m}.eye(${n}${dtype})`,
    commutation: (p, q) => `_commutation(${p}, ${q})`,
    unit: (n, i) => `_unit(${n}, ${i})`,
    sum: fn('sum'),
    mean: fn('mean'),
    trace: fn('trace'),
    det: fn('linalg.det'),
    logdet: (u) => `${m}.linalg.slogdet(${u})[1]`,
    diagm: fn('diagflat'),
    diagv: (u) => `${m}.diag(${u}).reshape(-1, 1)`,
    logsumexp: (u) => `_logsumexp(${u})`,
    softmax: (u) => `_softmax(${u})`,
    softmaxAlong: (u, axis) => `_softmax_along(${u}, ${axis})`,
    logsumexpAlong: (u, axis) => `_logsumexp_along(${u}, ${axis})`,
    vec: (u) => `${m}.reshape(${u}, (-1, 1), order='F')`,
    kron: (a, b) => `${m}.kron(${a}, ${b})`,
    maximum: (a, b) => `${m}.maximum(${a}, ${b})`,
    minimum: (a, b) => `${m}.minimum(${a}, ${b})`,
    matrixPower: (u, k) => `${m}.linalg.matrix_power(${u}, ${k})`,
    inv: fn('linalg.inv'),
    abs: fn('abs'),
    log: fn('log'),
    norm2: fn('linalg.norm'),
    multiDot: (fs) => `${m}.linalg.multi_dot([${fs.join(', ')}])`,
    ravel: fn('ravel'),
    reshapeColumnMajor: (u, shape) => `${m}.reshape(${u}, ${shape}, order='F')`,
    einsum: (spec, operands) => `${m}.einsum('${spec}', ${operands.join(', ')})`,
  };
}

const asFloat = (a: string): string => `np.asarray(${a}, dtype=float)`;

export const NUMPY_API: ArrayApi = {
  ...numpyStyle('np'),
  imports: ['import numpy as np'],
  reserved: [],
  pi: 'np.pi',
  // 1×1 values are NumPy scalars (np.float64), not 0-d arrays.
  scalarArg: (a) => `np.float64(np.reshape(${asFloat(a)}, ()))`,
  columnArg: (a) => `${asFloat(a)}.reshape(-1, 1)`,
  rowArg: (a) => `${asFloat(a)}.reshape(1, -1)`,
  matrixArg: asFloat,
  // NumPy's functions take Python floats.
  asArray: (u) => u,
  floatConstant: (l) => `np.float64(${l})`,
  block: (rows) => `np.array([${rows.map((r) => `[${r.join(', ')}]`).join(', ')}], dtype=float)`,
};

/** Python 3 source (numpy only) defining value(**vars) and derivative(**vars). */
export function toNumpy(f: Expr, d: Derivative): string {
  return toArrayCode(NUMPY_API, f, d);
}
