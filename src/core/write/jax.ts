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
import { numpyStyle } from './numpy';
import { pythonMathCall } from './pythonMath';
import { FUNCTIONS } from '../functions/index';

const F64 = 'dtype=jnp.float64';

/** jax.numpy spells every operation as NumPy does; its arrays are immutable (`.at[...].set`). */
const AS_NUMPY = numpyStyle('jnp', 'jnp.float64');

export const JAX_API: ArrayApi = {
  ...AS_NUMPY,
  library: 'JAX',
  imports: ['import jax', 'import jax.numpy as jnp', '', 'jax.config.update("jax_enable_x64", True)'],
  // The built-ins a function of a number is written with (./pythonMath): abs(n - 6.0).
  reserved: ['torch', 'jax', 'jnp', 'tuple', 'reversed', 'len', 'abs', 'max', 'min'],
  numberFunction: pythonMathCall,
  pi: 'jnp.pi',
  helpers: {
    ...AS_NUMPY.helpers,
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
  scalarArg: (a) => `jnp.asarray(${a}, ${F64}).reshape(())`,
  columnArg: (a) => `jnp.asarray(${a}, ${F64}).reshape(-1, 1)`,
  rowArg: (a) => `jnp.asarray(${a}, ${F64}).reshape(1, -1)`,
  matrixArg: (a) => `jnp.asarray(${a}, ${F64})`,
  asArray: (u) => `jnp.asarray(${u}, ${F64})`,
  floatConstant: (l) => `jnp.asarray(${l}, ${F64})`,
  elementwise: (name, u) => FUNCTIONS[name].code.jax?.(u) ?? AS_NUMPY.elementwise(name, u),
  block: (rows) => `jnp.array([${rows.map((r) => `[${r.join(', ')}]`).join(', ')}], ${F64})`,
};

/** Python 3 source (jax only) defining value(**vars) and derivative(**vars). */
export function toJax(f: Expr, d: Derivative): string {
  return toArrayCode(JAX_API, f, d);
}
