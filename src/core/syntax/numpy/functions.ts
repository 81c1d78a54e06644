/**
 * The functions of NumPy, PyTorch, JAX and SciPy the reader knows, by their name after the module
 * prefix: `np.linalg.norm`, `torch.linalg.norm` and `jnp.linalg.norm` are all `linalg.norm`;
 * `torch.sigmoid`, `F.sigmoid`, `jax.nn.sigmoid`, `scipy.special.expit` are `sigmoid` / `expit`.
 */
import { namesOf } from '../../functions/index';
import { table } from '../table';
import { ACTIVATIONS, ACTIVATION_METHODS } from './activations';

/** Module prefixes, longest first. */
export const MODULE_PREFIXES = [
  'torch.nn.functional.', 'jax.scipy.special.', 'jax.lax.', 'scipy.special.', 'torch.special.', 'nn.functional.', 'jax.numpy.',
  'jax.scipy.', 'jax.nn.', 'numpy.', 'torch.', 'scipy.', 'special.', 'jnp.', 'jax.', 'np.', 'sp.', 'F.', 'nn.', 'math.',
] as const;

/** First names of module paths (when they are not variables). */
export const MODULE_ROOTS: ReadonlySet<string> = new Set(['np', 'numpy', 'jnp', 'jax', 'torch', 'F', 'nn', 'scipy', 'special', 'sp', 'math', 'linalg']);

/** Element-wise functions (from their records, functions/): the names read → the plain names. */
export const ELEMENTWISE_FUNCTIONS: Readonly<Record<string, string>> = table(namesOf((r) => r.code.read));

/** Reductions of all entries to a scalar (axis/dim only as the whole of a vector). */
export const REDUCTION_FUNCTIONS: Readonly<Record<string, string>> = table({
  sum: 'sum',
  mean: 'mean',
  trace: 'tr',
  'linalg.det': 'det',
  det: 'det',
  logdet: 'logdet',
  logsumexp: 'logsumexp',
});

/** Everything else the reader knows, handled one by one in `lower.ts`. */
export const SPECIAL_FUNCTIONS: ReadonlySet<string> = new Set([
  'square', 'power', 'pow', 'float_power', 'maximum', 'minimum', 'clip', 'clamp', 'softmax', 'log_softmax',
  'linalg.norm', 'norm', 'linalg.vector_norm', 'linalg.matrix_norm', 'linalg.inv', 'inv', 'inverse', 'linalg.slogdet',
  'slogdet', 'linalg.solve', 'solve', 'linalg.matrix_power', 'matrix_power', 'dot', 'inner', 'vdot', 'matmul', 'mm', 'mv',
  'outer', 'ger', 'diag', 'diagflat', 'diagonal', 'diag_embed', 'transpose', 't', 'eye', 'identity', 'ones', 'zeros',
  'ones_like', 'zeros_like', 'array', 'asarray', 'tensor', 'as_tensor', 'kron', 'einsum',
  'mse_loss', 'cross_entropy', 'binary_cross_entropy_with_logits', 'var', 'std', 'linear',
]);

export const isKnownFunction = (name: string): boolean =>
  ELEMENTWISE_FUNCTIONS[name] !== undefined || REDUCTION_FUNCTIONS[name] !== undefined || SPECIAL_FUNCTIONS.has(name);

/**
 * Arithmetic written as a call (np.add(x, y), torch.mul(A, B), x.div(y)) and the operator it
 * computes, with the operator's broadcasting. Read after a module prefix or as a method only: a bare
 * add(x, y) may be the code's own helper.
 */
export const ARITHMETIC_FUNCTIONS: Readonly<Record<string, '+' | '-' | '*' | '/'>> = table({
  add: '+',
  subtract: '-',
  sub: '-',
  multiply: '*',
  mul: '*',
  divide: '/',
  true_divide: '/',
  div: '/',
});

/**
 * Functions read only after a module prefix (or as the methods in METHODS): a bare silu(x) or
 * permute(…) may be the code's own function. The activations (activations.ts), PyTorch's one-sided
 * clamps, the reorderings of axes (permute.ts) and the sizes (sizes.ts: np.size, torch.numel).
 */
export const MODULE_ONLY_FUNCTIONS: ReadonlySet<string> = new Set([
  ...Object.keys(ACTIVATIONS), 'clamp_min', 'clamp_max', 'permute', 'permute_dims', 'swapaxes', 'swapdims', 'moveaxis', 'movedim',
  'size', 'numel',
]);

/** A function the reader knows after a module prefix (np., torch., …): the known ones, the arithmetic and the module-only ones. */
export const isModuleFunction = (name: string): boolean => isKnownFunction(name) || ARITHMETIC_FUNCTIONS[name] !== undefined || MODULE_ONLY_FUNCTIONS.has(name);

/** The name of a function after its module prefix (np.linalg.norm → linalg.norm). */
export function withoutModule(path: string): string {
  let p = path;
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of MODULE_PREFIXES) {
      if (p.startsWith(prefix)) {
        p = p.slice(prefix.length);
        changed = true;
        break;
      }
    }
  }
  return p;
}

/** Methods of arrays and tensors (x.sum(), A.t(), z.softmax(dim=0)) and the function each means. */
export const METHODS: Readonly<Record<string, string>> = table({
  ...Object.fromEntries(Object.keys(namesOf((r) => r.code.methods)).map((m) => [m, m])),
  sum: 'sum',
  mean: 'mean',
  trace: 'trace',
  dot: 'dot',
  t: 't',
  transpose: 'transpose',
  square: 'square',
  pow: 'pow',
  norm: 'norm',
  det: 'det',
  inverse: 'inverse',
  logdet: 'logdet',
  clamp: 'clamp',
  clip: 'clip',
  clamp_min: 'clamp_min',
  clamp_max: 'clamp_max',
  permute: 'permute',
  swapaxes: 'swapaxes',
  swapdims: 'swapdims',
  moveaxis: 'moveaxis',
  movedim: 'movedim',
  ...Object.fromEntries(ACTIVATION_METHODS.map((m) => [m, m])),
  softmax: 'softmax',
  log_softmax: 'log_softmax',
  logsumexp: 'logsumexp',
  diag: 'diag',
  diagonal: 'diagonal',
  outer: 'outer',
  matmul: 'matmul',
  mm: 'mm',
  mv: 'mv',
  var: 'var',
  std: 'std',
  size: 'size',
  numel: 'numel',
  ...Object.fromEntries(['add', 'subtract', 'sub', 'multiply', 'mul', 'divide', 'true_divide', 'div'].map((m) => [m, m])),
});

/** Names people use that mean something the reader spells differently. */
export const FUNCTION_HINTS: Readonly<Record<string, string>> = table({
  max: 'for max(0, u) element-wise write np.maximum(0, u)',
  min: 'for min(0, u) element-wise write np.minimum(0, u)',
  amax: 'maxima over entries are not differentiable here; for max(0, u) element-wise write np.maximum(0, u)',
  reshape: 'reshapes are not supported',
  cross: 'cross products are not supported',
  tensordot: 'tensordot is not supported: write the products with @ and *',
  cumsum: 'cumulative sums are not supported',
  prod: 'products over entries are not supported',
  where:
    'a selection is not read: where(c, a, b) is not 𝟙[c]·a + (1 − 𝟙[c])·b where the branch not taken is not finite (np.where(x > 0, np.log(x), 0)); ' +
    'for the common selections write np.maximum(u, 0) or F.relu(u), F.leaky_relu(u, s), np.clip(u, lo, hi) or np.abs(u)',
  normalize:
    'F.normalize is not read as a call (it divides by max(‖x‖, eps)): write x / torch.linalg.norm(x, dim=-1, keepdim=True), equal to it wherever ' +
    'every norm exceeds eps (1e-12), or x / torch.linalg.norm(x, dim=-1, keepdim=True).clamp_min(1e-12) for the function exactly ' +
    '(dim=0 for the columns of a matrix; the code reads, and is differentiated)',
  layer_norm:
    'the layer norm is not read as a call: write it out, (x - x.mean(-1, keepdim=True)) / torch.sqrt(x.var(-1, keepdim=True, unbiased=False) + eps), ' +
    'times the weight and plus the bias where it has them (over the last axis; the code reads, and is differentiated)',
  rms_norm:
    'the RMS norm is not read as a call: write it out, x / torch.sqrt((x**2).mean(-1, keepdim=True) + eps), times the weight where it has one ' +
    '(over the last axis; the code reads, and is differentiated)',
  batch_norm:
    'the batch norm is not read as a call: write it out — in training, over the batch (axis 0) of an N×d X, ' +
    '(X - X.mean(0, keepdim=True)) / torch.sqrt(X.var(0, keepdim=True, unbiased=False) + eps); in evaluation, with the running ' +
    'statistics m and v (vectors of length d), (X - m) / torch.sqrt(v + eps) — times the weight and plus the bias where it has them (the code reads, and is differentiated)',
  instance_norm:
    "the instance norm is not read as a call: write it out for one sample's channels, the rows of X, over the last axis, " +
    '(X - X.mean(-1, keepdim=True)) / torch.sqrt(X.var(-1, keepdim=True, unbiased=False) + eps), times the weight and plus the bias where it has them ' +
    '(the code reads, and is differentiated)',
  group_norm:
    "the group norm is not read as a call: with one group, write it out over all of a sample's entries X, " +
    '(X - X.mean()) / torch.sqrt(X.var(unbiased=False) + eps), times the weight and plus the bias where it has them (the code reads, and is differentiated); ' +
    'several groups need a reshape, which is not supported',
});

/** The normalization modules (nn.LayerNorm(d)(x)) and the function each computes, whose hint (FUNCTION_HINTS) they share. */
export const NORMALIZATION_MODULES: Readonly<Record<string, string>> = table({
  LayerNorm: 'layer_norm',
  RMSNorm: 'rms_norm',
  BatchNorm1d: 'batch_norm',
  BatchNorm2d: 'batch_norm',
  GroupNorm: 'group_norm',
  InstanceNorm1d: 'instance_norm',
  InstanceNorm2d: 'instance_norm',
});
