/**
 * The LaTeX vocabulary the reader knows, as data: function commands and operator names and the
 * plain-syntax functions they mean, Greek letters, fonts, spacing and sizing commands it skips.
 * The element-wise functions' names come from their records (functions/).
 */
import { namesOf } from '../../functions/index';
import { ELEMENTWISE } from '../functions';
import { table } from '../table';

/** Commands that are functions: `\exp x`, `\log(x)`, `\det X`. `\max`/`\min` take (0, u). */
export const FUNCTION_COMMANDS: Readonly<Record<string, string>> = table({
  ...namesOf((r) => r.latex.commands),
  det: 'det',
  tr: 'tr',
  Tr: 'tr',
  trace: 'tr',
  diag: 'diag',
  max: 'max',
  min: 'min',
  softmax: 'softmax',
  logdet: 'logdet',
});

/**
 * Operator names, as written in `\operatorname{…}`, `\mathrm{…}`, `\text{…}` or as a run of plain
 * letters before a parenthesis (Parr & Howard write `max(0, x)`, `sum(x)`, `diag(x)`).
 */
export const OPERATOR_NAMES: Readonly<Record<string, string>> = table({
  ...FUNCTION_COMMANDS,
  ...namesOf((r) => r.latex.operatorNames),
  sum: 'sum',
  mean: 'mean',
  logsumexp: 'logsumexp',
  logsoftmax: 'logsoftmax',
  LSE: 'logsumexp',
  lse: 'logsumexp',
  vec: 'vec',
  inv: 'inv',
  norm: 'norm2',
  dot: 'dot',
});

/** Functions applied entry by entry (their argument may be a sum over samples). */
export const ELEMENTWISE_NAMES: ReadonlySet<string> = new Set([...ELEMENTWISE, 'max', 'min']);

/** Greek letters (as variable names, spelled as the command). `\pi` is the number π. */
export const GREEK_COMMANDS: ReadonlySet<string> = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau', 'upsilon', 'phi', 'varphi',
  'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
  'ell',
]);

/** Bold and arrow commands: a vector (lower case) or a matrix (capital). */
export const BOLD_COMMANDS: ReadonlySet<string> = new Set([
  'mathbf', 'boldsymbol', 'bm', 'pmb', 'mathbfit', 'symbf', 'symbfit', 'vec', 'overrightarrow', 'vv', 'textbf',
]);

/** Font commands around a (possibly multi-letter) name or an operator name: no shape meaning. */
export const FONT_COMMANDS: ReadonlySet<string> = new Set([
  'mathit', 'mathrm', 'mathsf', 'mathtt', 'text', 'textrm', 'textit', 'textsf', 'mathcal', 'mathscr', 'mathfrak',
  'operatorname', 'mathnormal', 'textnormal', 'symit', 'symrm',
]);

/** Accents: `\hat{y}` is the variable y_hat. */
export const ACCENTS: Readonly<Record<string, string>> = table({
  hat: 'hat',
  widehat: 'hat',
  bar: 'bar',
  overline: 'bar',
  tilde: 'tilde',
  widetilde: 'tilde',
  dot: 'dot',
  check: 'check',
});

/** Spacing and style commands without arguments: skipped. */
export const SKIPPED_COMMANDS: ReadonlySet<string> = new Set([
  ',', ';', ':', '!', ' ', '>', 'quad', 'qquad', 'thinspace', 'medspace', 'thickspace', 'enspace', 'negthinspace',
  'negmedspace', 'negthickspace', 'displaystyle', 'textstyle', 'scriptstyle', 'scriptscriptstyle', 'limits',
  'nolimits', 'nonumber', 'notag', 'middle',
]);

/** Delimiter sizes: `\left(`, `\bigl(` … are read as the delimiter itself. */
export const SIZE_COMMANDS: ReadonlySet<string> = new Set([
  'left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr',
  'bigm', 'Bigm',
]);

/** Commands with one argument that is dropped: `\label{eq:1}`, `\tag{3}`. */
export const DROPPED_WITH_ARGUMENT: ReadonlySet<string> = new Set(['label', 'tag']);

/** Math environments whose content is the expression: `\begin{equation} … \end{equation}`. */
export const MATH_ENVIRONMENTS: ReadonlySet<string> = new Set([
  'equation', 'equation*', 'displaymath', 'math', 'align', 'align*', 'gather', 'gather*', 'multline', 'multline*',
]);

/** Matrix environments: `\begin{bmatrix} a \\ b \end{bmatrix}`. */
export const MATRIX_ENVIRONMENTS: ReadonlySet<string> = new Set(['bmatrix', 'pmatrix', 'matrix', 'Bmatrix', 'smallmatrix']);

/** Binary product operators and what they mean. */
export const PRODUCT_COMMANDS: Readonly<Record<string, 'dot' | 'times' | 'hadamard' | 'otimes' | 'divide' | 'hadamardDivide'>> = table({
  cdot: 'dot',
  bullet: 'dot',
  times: 'times',
  ast: 'times',
  odot: 'hadamard',
  circ: 'hadamard',
  otimes: 'otimes',
  oslash: 'hadamardDivide',
  div: 'divide',
});

/** Transpose marks inside a superscript: `^\top`, `^T`, `^{\mathsf T}`, `^\intercal`, `^\prime`. */
export const TRANSPOSE_COMMANDS: ReadonlySet<string> = new Set(['top', 'intercal', 'prime', 'mathsf', 'mathrm', 'text', 'mathit', 'textsf']);

/** Commands users might expect, and a hint for each. */
export const COMMAND_HINTS: Readonly<Record<string, string>> = table({
  partial: 'select the function only: the derivative is what the extension computes',
  nabla: 'select the function only: the gradient is what the extension computes',
  int: 'integrals are not supported',
  prod: 'products over an index are not supported',
  infty: 'infinity is not a value here',
  in: 'write declarations such as x: vector(n) separately (or in a % comment)',
  le: 'relations are not expressions',
  leq: 'relations are not expressions',
  ge: 'relations are not expressions',
  geq: 'relations are not expressions',
  approx: 'relations are not expressions',
  neq: 'relations are not expressions',
  pm: 'write + or -',
  mp: 'write + or -',
  lim: 'limits are not supported',
  arg: 'argmin/argmax are not expressions',
  cdots: 'write the expression without ellipses',
  ldots: 'write the expression without ellipses',
  dots: 'write the expression without ellipses',
});
