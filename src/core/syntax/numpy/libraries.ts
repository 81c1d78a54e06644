/**
 * Which library has which of the names the reader knows. The reader maps the functions and methods
 * of NumPy, PyTorch, JAX and SciPy to the plain functions by their name after the module prefix
 * (functions.ts), so np.softplus and x.neg() read like F.softplus and PyTorch's x.neg(); but NumPy
 * has no softplus and its arrays (and JAX's) no neg method: such code fails when run
 * (AttributeError), and reading it would be a guess at what was meant. Refused here, at the name,
 * saying whose name it is and what to write instead:
 * - a function under `np.`, `numpy.`, `jnp.`, `jax.numpy.` that NumPy does not have (NUMPY_FUNCTIONS);
 * - a method of PyTorch's tensors that NumPy's and JAX's arrays lack (ARRAY_METHODS), in code that
 *   uses NumPy or JAX and not PyTorch (in PyTorch code, or code naming neither, it is a tensor's);
 * - a NumPy spelling under `torch.` that PyTorch does not have (NOT_TORCH).
 * The sizes (X.numel(), X.size(0)) are sizes.ts's.
 */
import type { Span } from '../../api';
import { fail } from '../diagnostics';
import type { CodeLibraries } from './sizes';

/** The names the reader knows that NumPy (and jax.numpy, which follows it) has, after the module prefix. */
const NUMPY_FUNCTIONS: ReadonlySet<string> = new Set([
  'exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'abs', 'absolute', 'fabs', 'sqrt', 'sign', 'arcsin', 'asin', 'arccos', 'acos', 'arctan',
  'atan', 'sinh', 'cosh', 'arcsinh', 'asinh', 'arccosh', 'acosh', 'arctanh', 'atanh', 'log1p', 'expm1',
  'sum', 'mean', 'trace', 'linalg.det',
  'square', 'power', 'pow', 'float_power', 'maximum', 'minimum', 'clip', 'linalg.norm', 'linalg.vector_norm', 'linalg.matrix_norm',
  'linalg.inv', 'linalg.slogdet', 'linalg.solve', 'linalg.matrix_power', 'dot', 'inner', 'vdot', 'matmul', 'outer', 'diag', 'diagflat',
  'diagonal', 'transpose', 'eye', 'identity', 'ones', 'zeros', 'ones_like', 'zeros_like', 'array', 'asarray', 'kron', 'einsum', 'var', 'std',
  'reciprocal', 'negative', 'permute_dims', 'swapaxes', 'moveaxis', 'size',
  'add', 'subtract', 'multiply', 'divide', 'true_divide',
]);

/** Methods of NumPy's and JAX's arrays among the methods the reader knows (size and numel: sizes.ts). */
const ARRAY_METHODS: ReadonlySet<string> = new Set(['sum', 'mean', 'trace', 'dot', 'transpose', 'diagonal', 'var', 'std', 'clip', 'swapaxes', 'size', 'numel']);

/** NumPy's spellings the reader knows that PyTorch does not have under torch., and PyTorch's own. */
const NOT_TORCH: Readonly<Record<string, string>> = {
  power: 'torch.pow',
  identity: 'torch.eye',
  array: 'torch.tensor',
  inv: 'torch.linalg.inv (or torch.inverse)',
  solve: 'torch.linalg.solve',
  expit: 'torch.sigmoid (or torch.special.expit)',
};

/** What NumPy code writes for a function NumPy lacks (by the name the reader knows). */
const NUMPY_INSTEAD: Readonly<Record<string, (x: string) => string>> = {
  softplus: (x) => `np.log1p(np.exp(${x})) (PyTorch's F.softplus, JAX's jax.nn.softplus)`,
  sigmoid: (x) => `1 / (1 + np.exp(-${x})) or scipy.special.expit(${x})`,
  expit: (x) => `scipy.special.expit(${x})`,
  relu: (x) => `np.maximum(${x}, 0)`,
  erf: (x) => `scipy.special.erf(${x})`,
  logsumexp: (x) => `scipy.special.logsumexp(${x})`,
  softmax: (x) => `scipy.special.softmax(${x})`,
  log_softmax: (x) => `scipy.special.log_softmax(${x})`,
  neg: (x) => `-${x} or np.negative(${x})`,
  negative: (x) => `-${x} or np.negative(${x})`,
  rsqrt: (x) => `1 / np.sqrt(${x})`,
  reciprocal: (x) => `1 / ${x} or np.reciprocal(${x})`,
  clamp: (x) => `np.clip(${x}, lo, hi)`,
  clamp_min: (x) => `np.maximum(${x}, lo)`,
  clamp_max: (x) => `np.minimum(${x}, hi)`,
  inv: (x) => `np.linalg.inv(${x})`,
  inverse: (x) => `np.linalg.inv(${x})`,
  det: (x) => `np.linalg.det(${x})`,
  logdet: (x) => `np.linalg.slogdet(${x})[1]`,
  slogdet: (x) => `np.linalg.slogdet(${x})`,
  solve: () => 'np.linalg.solve(A, b)',
  matrix_power: (x) => `np.linalg.matrix_power(${x}, k)`,
  norm: (x) => `np.linalg.norm(${x})`,
  t: (x) => `${x}.T`,
  mm: (x) => `${x} @ B`,
  mv: (x) => `${x} @ v`,
  matmul: (x) => `${x} @ B`,
  ger: () => 'np.outer(u, v)',
  outer: (x) => `np.outer(${x}, v)`,
  diag: (x) => `np.diag(${x})`,
  permute: (x) => `np.transpose(${x}, axes)`,
  swapdims: (x) => `np.swapaxes(${x}, i, j)`,
  movedim: (x) => `np.moveaxis(${x}, i, j)`,
  moveaxis: (x) => `np.moveaxis(${x}, i, j)`,
  tensor: () => 'np.array(…)',
  as_tensor: () => 'np.asarray(…)',
  add: (x) => `${x} + y`,
  sub: (x) => `${x} - y`,
  subtract: (x) => `${x} - y`,
  mul: (x) => `${x} * y (np.multiply)`,
  multiply: (x) => `${x} * y`,
  div: (x) => `${x} / y (np.divide)`,
  divide: (x) => `${x} / y`,
  true_divide: (x) => `${x} / y`,
  pow: (x) => `${x} ** k or np.power(${x}, k)`,
};

/** `np.name(x)` where NumPy has the function, else the spelling NUMPY_INSTEAD gives, else nothing. */
function numpyInstead(name: string, x: string): string | undefined {
  const own = NUMPY_INSTEAD[name];
  if (own !== undefined) return own(x);
  return NUMPY_FUNCTIONS.has(name) ? `np.${name}(${x})` : undefined;
}

/** The module of a function's path as written (np.linalg.inv: 'np.'), given its name after the prefixes ('linalg.inv'). */
const moduleOf = (path: string, name: string): string => path.slice(0, path.length - name.length);

/**
 * A known function called through a module that does not have it: np.softplus, jnp.rsqrt, torch.power.
 * `path`: the callee as written (np.linalg.inv), `name`: after the module prefixes (linalg.inv).
 */
export function checkModuleFunction(path: string, name: string, span: Span): void {
  // np.numel and torch.size are sizes.ts's (unknown functions).
  if (name === 'numel' || name === 'size') return;
  const module = moduleOf(path, name);
  if (module === 'np.' || module === 'numpy.' || module === 'jnp.' || module === 'jax.numpy.') {
    if (NUMPY_FUNCTIONS.has(name)) return;
    const linalg = NUMPY_FUNCTIONS.has(`linalg.${name}`) ? `np.linalg.${name}` : undefined;
    const jnp = module === 'jnp.' || module === 'jax.numpy.';
    const instead = jnp ? (linalg ?? numpyInstead(name, 'x'))?.replace(/\bnp\./g, 'jnp.') : (linalg ?? numpyInstead(name, 'x'));
    const jax = jnp ? (name === 'softplus' || name === 'sigmoid' || name === 'relu' || name === 'silu' || name === 'gelu' ? `; JAX's is jax.nn.${name}` : '') : '';
    fail('numpy.unsupported', span, `NumPy has no ${name}: ${path} is not a function of ${jnp ? 'jax.numpy (which follows NumPy)' : 'NumPy'}${jax}` +
      (instead !== undefined ? `; write ${instead}` : `; ${name} is PyTorch's (torch.${name} or F.${name})`));
  }
  if (module === 'torch.' && NOT_TORCH[name] !== undefined) {
    fail('numpy.unsupported', span, `PyTorch has no ${name}: ${path} is NumPy's spelling (np.${name}); write ${NOT_TORCH[name]}`);
  }
}

/**
 * A PyTorch tensor's method (x.neg(), x.rsqrt(), x.exp(), X.t()) in code that uses NumPy or JAX
 * and not PyTorch: NumPy's and JAX's arrays have no such method. `span`: `x.neg` as written.
 */
export function checkArrayMethod(method: string, object: string, span: Span, code: CodeLibraries): void {
  if (!code.numpy || code.torch || ARRAY_METHODS.has(method)) return;
  const instead = numpyInstead(method, object);
  fail('numpy.unsupported', span,
    `${object}.${method}() is a method of a PyTorch tensor; NumPy's and JAX's arrays have none, and this code uses NumPy, not PyTorch: ` +
      (instead !== undefined ? `write ${instead}` : `NumPy has no ${method}; in PyTorch code it is torch.${method}(${object})`));
}

/** A tensor's transpose() names the two dimensions it swaps: X.transpose() or X.transpose((1, 0)) is NumPy's, refused in PyTorch code. */
export function checkTorchTranspose(object: string, span: Span, code: CodeLibraries): void {
  if (!code.torch || code.numpy) return;
  fail('numpy.unsupported', span, `in PyTorch (this code uses PyTorch, not NumPy) ${object}.transpose() takes the two dimensions it swaps: write ${object}.T or ${object}.transpose(0, 1)`);
}
