/**
 * JAX source for a function and its derivative (`value(**vars)`, `derivative(**vars)`), with the
 * NumPy writer's contract: the derivative has shape f.shape + x.shape (order 2: f.shape + x.shape +
 * x.shape), the layout `jax.jacobian` uses — written in closed form with `jax.numpy`, so it can be
 * checked against `jax.jacobian(value)`. 64-bit floats are enabled; scalars are returned as floats,
 * arrays as `jax.Array`s.
 */
import type { Expr } from '../model/expr';
import type { Derivative } from '../calculus/form';
import { toArrayCode, type ArrayApi } from './arrayCode';

const fn = (name: string) => (u: string): string => `jnp.${name}(${u})`;
const F64 = 'dtype=jnp.float64';

export const JAX_API: ArrayApi = {
  library: 'JAX',
  imports: ['import jax', 'import jax.numpy as jnp', '', 'jax.config.update("jax_enable_x64", True)'],
  helpers: {
    _sigmoid: `def _sigmoid(u):
    """The logistic function 1 / (1 + exp(-u)), without overflow."""
    return jnp.exp(-jnp.logaddexp(0.0, -u))`,
    _softmax: `def _softmax(z):
    """exp(z) / sum(exp(z)), shifted by max(z) against overflow."""
    e = jnp.exp(z - jnp.max(z))
    return e / jnp.sum(e)`,
    _logsumexp: `def _logsumexp(z):
    """log(sum(exp(z))), shifted by max(z) against overflow."""
    m = jnp.max(z)
    return m + jnp.log(jnp.sum(jnp.exp(z - m)))`,
    _commutation: `def _commutation(p, q):
    """The commutation matrix K with K @ vec(X) = vec(X.T) for X of shape (p, q); vec stacks columns."""
    k = jnp.zeros((p * q, p * q), ${F64})
    for i in range(p):
        for j in range(q):
            k = k.at[j + i * q, i + j * p].set(1.0)
    return k`,
    _unit: `def _unit(n, i):
    """The i-th standard basis column (1-based) of length n."""
    return jnp.zeros((n, 1), ${F64}).at[i - 1, 0].set(1.0)`,
  },
  elementwise: {
    exp: fn('exp'),
    log: fn('log'),
    sin: fn('sin'),
    cos: fn('cos'),
    tan: fn('tan'),
    tanh: fn('tanh'),
    sigmoid: (u) => `_sigmoid(${u})`,
    relu: (u) => `jnp.maximum(${u}, 0.0)`,
    abs: fn('abs'),
    sqrt: fn('sqrt'),
    sign: fn('sign'),
    min0: (u) => `jnp.minimum(${u}, 0.0)`,
    step: (u) => `jnp.heaviside(${u}, 0.0)`,
  },
  scalarArg: (a) => `jnp.asarray(${a}, ${F64}).reshape(())`,
  columnArg: (a) => `jnp.asarray(${a}, ${F64}).reshape(-1, 1)`,
  rowArg: (a) => `jnp.asarray(${a}, ${F64}).reshape(1, -1)`,
  matrixArg: (a) => `jnp.asarray(${a}, ${F64})`,
  asArray: (u) => `jnp.asarray(${u}, ${F64})`,
  floatConstant: (l) => `jnp.asarray(${l}, ${F64})`,
  zeros: (r, c) => `jnp.zeros((${r}, ${c}), ${F64})`,
  ones: (r, c) => `jnp.ones((${r}, ${c}), ${F64})`,
  eye: (n) => `jnp.eye(${n}, ${F64})`,
  commutation: (p, q) => `_commutation(${p}, ${q})`,
  unit: (n, i) => `_unit(${n}, ${i})`,
  sum: fn('sum'),
  mean: fn('mean'),
  trace: fn('trace'),
  det: (u) => `jnp.linalg.det(${u})`,
  logdet: (u) => `jnp.linalg.slogdet(${u})[1]`,
  diagm: fn('diagflat'),
  diagv: (u) => `jnp.diag(${u}).reshape(-1, 1)`,
  logsumexp: (u) => `_logsumexp(${u})`,
  softmax: (u) => `_softmax(${u})`,
  vec: (u) => `jnp.reshape(${u}, (-1, 1), order='F')`,
  kron: (a, b) => `jnp.kron(${a}, ${b})`,
  matrixPower: (u, k) => `jnp.linalg.matrix_power(${u}, ${k})`,
  inv: (u) => `jnp.linalg.inv(${u})`,
  reciprocal: fn('reciprocal'),
  abs: fn('abs'),
  log: fn('log'),
  norm2: (u) => `jnp.linalg.norm(${u})`,
  multiDot: (fs) => `jnp.linalg.multi_dot([${fs.join(', ')}])`,
  block: (rows) => `jnp.array([${rows.map((r) => `[${r.join(', ')}]`).join(', ')}], ${F64})`,
  ravel: fn('ravel'),
  reshapeColumnMajor: (u, shape) => `jnp.reshape(${u}, ${shape}, order='F')`,
};

/** Python 3 source (jax only) defining value(**vars) and derivative(**vars). */
export function toJax(f: Expr, d: Derivative): string {
  return toArrayCode(JAX_API, f, d);
}
