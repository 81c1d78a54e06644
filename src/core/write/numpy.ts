/**
 * NumPy source for a function and its derivative: Python 3 importing only numpy, defining
 *
 *   value(**vars)       f: a float for scalars, a 1-D array for vectors (rows or columns), 2-D for matrices
 *   derivative(**vars)  the derivative as an array of shape f.shape + x.shape (order 2:
 *                       f.shape + x.shape + x.shape), the layout jax.jacobian uses
 *
 * whatever the display layout. The keyword arguments are the variables of f and of the derivative;
 * dimensions are read from the arrays. With several scalar variables, x is their stacked vector.
 *
 * Inside the functions every array is 2-D (columns n×1, rows 1×n) so matrix products are plain `@`,
 * and every 1×1 value is a NumPy scalar; the canonical derivative (../calculus/form) is reshaped at
 * the end: a gradient or tangent already has x's or f's shape, and a Jacobian J = ∂vec f/∂(vec x)ᵀ
 * becomes np.reshape(J, f.shape + x.shape, order='F') because vec stacks columns.
 *
 * Nodes used more than once (and long inline chains) become locals `_t1 = …`, so the code is
 * linear in the DAG size and no line nests deeply.
 */
import { Expr, ElementwiseFunction, postorder } from '../model/expr';
import { Dim, isScalar, isColumn, isRow } from '../model/shape';
import type { Derivative } from '../calculus/form';
import { toText } from './text';

/** Python operator levels (larger binds tighter). */
const PY = { add: 1, mul: 2, unary: 3, power: 4, atom: 5 } as const;
type PyPrec = (typeof PY)[keyof typeof PY];

interface Py {
  readonly code: string;
  readonly prec: PyPrec;
  /** Nesting of the inline code (0 for a name). */
  readonly depth: number;
}

/** Expressions with larger trees are not printed in the header comment. */
const COMMENT_MAX_NODES = 400;

/** Inline code nesting deeper than this is split into locals. */
const MAX_INLINE_DEPTH = 12;

const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);
/** Names the generated functions use themselves. */
const RESERVED = new Set(['np', 'math', 'float', 'kw', 'range', 'ValueError']);

const HELPERS: Readonly<Record<string, string>> = {
  _sigmoid: `def _sigmoid(u):
    """The logistic function 1 / (1 + exp(-u)), without overflow."""
    return np.exp(-np.logaddexp(0.0, -u))`,
  _softmax: `def _softmax(z):
    """exp(z) / sum(exp(z)), shifted by max(z) against overflow."""
    e = np.exp(z - np.max(z))
    return e / np.sum(e)`,
  _logsumexp: `def _logsumexp(z):
    """log(sum(exp(z))), shifted by max(z) against overflow."""
    m = np.max(z)
    return m + np.log(np.sum(np.exp(z - m)))`,
  _commutation: `def _commutation(p, q):
    """The commutation matrix K with K @ vec(X) = vec(X.T) for X of shape (p, q); vec stacks columns."""
    k = np.zeros((p * q, p * q))
    for i in range(p):
        for j in range(q):
            k[j + i * q, i + j * p] = 1.0
    return k`,
  _unit: `def _unit(n, i):
    """The i-th standard basis column (1-based) of length n."""
    e = np.zeros((n, 1))
    e[i - 1, 0] = 1.0
    return e`,
};

const ELEMENTWISE_NUMPY: Readonly<Record<ElementwiseFunction, (u: string) => string>> = {
  exp: (u) => `np.exp(${u})`,
  log: (u) => `np.log(${u})`,
  sin: (u) => `np.sin(${u})`,
  cos: (u) => `np.cos(${u})`,
  tan: (u) => `np.tan(${u})`,
  tanh: (u) => `np.tanh(${u})`,
  sigmoid: (u) => `_sigmoid(${u})`,
  relu: (u) => `np.maximum(${u}, 0.0)`,
  abs: (u) => `np.abs(${u})`,
  sqrt: (u) => `np.sqrt(${u})`,
  sign: (u) => `np.sign(${u})`,
  min0: (u) => `np.minimum(${u}, 0.0)`,
  step: (u) => `np.heaviside(${u}, 0.0)`,
};

/** A Python float literal. */
function pyNumber(v: number): Py {
  if (Number.isNaN(v)) return { code: 'np.nan', prec: PY.atom, depth: 0 };
  if (!Number.isFinite(v)) return { code: v > 0 ? 'np.inf' : '-np.inf', prec: v > 0 ? PY.atom : PY.unary, depth: 0 };
  let s = String(Math.abs(v));
  if (/^\d+$/.test(s)) s += '.0';
  return v < 0 ? { code: `-${s}`, prec: PY.unary, depth: 0 } : { code: s, prec: PY.atom, depth: 0 };
}

const isAsciiIdentifier = (s: string): boolean => /^[A-Za-z][A-Za-z0-9_]*$/.test(s);

/** Python names for the variables and dimensions of one generated module. */
class Names {
  readonly params: { readonly name: string; readonly local: string; readonly v: Expr }[] = [];
  /** Whether the functions take **kw (some variable name is not a usable Python parameter name). */
  readonly keywordsOnly: boolean;
  private readonly byName = new Map<string, string>();
  private readonly dims = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(vars: readonly Expr[]) {
    for (const v of vars) {
      const name = v.name as string;
      if (this.byName.has(name)) continue;
      let local = isAsciiIdentifier(name) && !PYTHON_KEYWORDS.has(name) && !RESERVED.has(name) ? name : '';
      if (local === '') {
        const base = isAsciiIdentifier(name) ? `${name}_` : `v${this.params.length + 1}`;
        local = base;
        for (let i = 2; this.taken.has(local) || vars.some((w) => w.name === local); i++) local = `${base}${i}`;
      }
      this.byName.set(name, local);
      this.taken.add(local);
      this.params.push({ name, local, v });
    }
    this.keywordsOnly = this.params.some((p) => p.local !== p.name);
  }

  local(v: Expr): string {
    return this.byName.get(v.name as string) as string;
  }

  /** The Python local holding a dimension symbol. */
  dim(symbol: string): string {
    let local = this.dims.get(symbol);
    if (local === undefined) {
      local = isAsciiIdentifier(symbol) && !PYTHON_KEYWORDS.has(symbol) && !RESERVED.has(symbol) ? symbol : `dim_${this.dims.size + 1}`;
      for (let i = 2; this.taken.has(local); i++) local = `dim_${symbol.replace(/\W/g, '')}${i}`;
      this.taken.add(local);
      this.dims.set(symbol, local);
    }
    return local;
  }
}

/** Dimension symbols a node needs at run time. */
function dimsOf(e: Expr): Dim[] {
  switch (e.op) {
    case 'zeros':
    case 'ones':
      return [e.shape.rows, e.shape.cols];
    case 'eye':
    case 'unit':
      return [e.shape.rows];
    case 'commutation':
    case 'size':
      return [...(e.dims ?? [])];
    default:
      return [];
  }
}

const symbolsOf = (d: Dim): string[] => (typeof d === 'number' ? [] : d.split('·').filter((p) => !/^\d+$/.test(p)));

/** Emits one function body: statements for locals, and the code of the root. */
class Body {
  readonly lines: string[] = [];
  readonly usedDims = new Set<string>();
  private readonly memo = new Map<Expr, Py>();
  private temps = 0;

  constructor(
    private readonly names: Names,
    private readonly helpers: Set<string>,
  ) {}

  dimCode(d: Dim): string {
    if (typeof d === 'number') return String(d);
    return d
      .split('·')
      .map((p) => {
        if (/^\d+$/.test(p)) return p;
        this.usedDims.add(p);
        return this.names.dim(p);
      })
      .join(' * ');
  }

  emit(root: Expr): Py {
    const order = postorder(root);
    const uses = new Map<Expr, number>();
    for (const n of order) for (const a of n.args) uses.set(a, (uses.get(a) ?? 0) + 1);
    for (const n of order) {
      for (const d of dimsOf(n)) for (const s of symbolsOf(d)) this.usedDims.add(s);
      let py = this.render(n);
      const shared = (uses.get(n) ?? 0) > 1 && n.op !== 'var' && n.op !== 'num';
      if (n !== root && (shared || py.depth > MAX_INLINE_DEPTH)) {
        const t = `_t${++this.temps}`;
        this.lines.push(`${t} = ${py.code}`);
        py = { code: t, prec: PY.atom, depth: 0 };
      }
      this.memo.set(n, py);
    }
    return this.memo.get(root) as Py;
  }

  private get(e: Expr): Py {
    return this.memo.get(e) as Py;
  }

  /** The code of a child at a required level, parenthesized when it binds more loosely. */
  private at(e: Expr | Py, level: PyPrec): string {
    const py = 'code' in e ? e : this.get(e);
    return py.prec < level ? `(${py.code})` : py.code;
  }

  private make(code: string, prec: PyPrec, children: readonly Expr[]): Py {
    let depth = 0;
    for (const c of children) depth = Math.max(depth, this.get(c).depth);
    return { code, prec, depth: depth + 1 };
  }

  private helper(name: string): string {
    this.helpers.add(name);
    return name;
  }

  private render(e: Expr): Py {
    const a = e.args;
    const scalar = isScalar(e.shape);
    const call = (code: string): Py => this.make(code, PY.atom, a);
    const u = a.length > 0 ? this.get(a[0]).code : '';
    switch (e.op) {
      case 'var':
        return { code: this.names.local(e), prec: PY.atom, depth: 0 };
      case 'num':
        return pyNumber(e.value as number);
      case 'zeros':
      case 'ones':
        return call(`np.${e.op}((${this.dimCode(e.shape.rows)}, ${this.dimCode(e.shape.cols)}))`);
      case 'eye':
        return call(`np.eye(${this.dimCode(e.shape.rows)})`);
      case 'commutation': {
        if (scalar) return pyNumber(1);
        const [p, q] = e.dims ?? [];
        return call(`${this.helper('_commutation')}(${this.dimCode(p)}, ${this.dimCode(q)})`);
      }
      case 'unit':
        if (scalar) return pyNumber(1);
        return call(`${this.helper('_unit')}(${this.dimCode(e.shape.rows)}, ${e.value})`);
      case 'size': {
        const [r, c] = e.dims ?? [1, 1];
        return call(`float(${this.dimCode(r)} * ${this.dimCode(c)})`);
      }
      case 'add':
        return this.sum(e);
      case 'mul':
        return this.product(e);
      case 'hadamard':
        return this.hadamard(e);
      case 'kron': {
        if (isScalar(a[0].shape) || isScalar(a[1].shape)) return this.make(`${this.at(a[0], PY.power)} * ${this.at(a[1], PY.power)}`, PY.mul, a);
        return call(`np.kron(${u}, ${this.get(a[1]).code})`);
      }
      case 'pow': {
        const base = a[0].op === 'num' ? `np.float64(${this.get(a[0]).code})` : this.at(a[0], PY.atom);
        return this.make(`${base} ** ${this.at(a[1], PY.atom)}`, PY.power, a);
      }
      case 'matpow':
        if (scalar) return this.make(`${this.at(a[0], PY.atom)} ** ${e.value}`, PY.power, a);
        return call(`np.linalg.matrix_power(${u}, ${e.value})`);
      case 'transpose':
        return scalar ? this.get(a[0]) : this.make(`${this.at(a[0], PY.atom)}.T`, PY.atom, a);
      case 'inv':
        return call(scalar ? `np.reciprocal(${u})` : `np.linalg.inv(${u})`);
      case 'fn': {
        const name = e.name as ElementwiseFunction;
        if (name === 'sigmoid') this.helper('_sigmoid');
        return call(ELEMENTWISE_NUMPY[name](u));
      }
      case 'sum':
      case 'mean':
      case 'tr':
      case 'det':
      case 'diagm':
      case 'diagv':
      case 'logsumexp':
      case 'vec':
        if (isScalar(a[0].shape)) return this.get(a[0]);
        return call(this.arrayFunction(e.op, u));
      case 'norm1':
        return call(isScalar(a[0].shape) ? `np.abs(${u})` : `np.sum(np.abs(${u}))`);
      case 'norm2':
        return call(isScalar(a[0].shape) ? `np.abs(${u})` : `np.linalg.norm(${u})`);
      case 'logdet':
        return call(isScalar(a[0].shape) ? `np.log(np.abs(${u}))` : `np.linalg.slogdet(${u})[1]`);
      case 'softmax':
        return scalar ? pyNumber(1) : call(`${this.helper('_softmax')}(${u})`);
      case 'block': {
        if (scalar) return this.get(a[0]);
        const [rows, cols] = (e.dims ?? [e.shape.rows, e.shape.cols]) as number[];
        const lines: string[] = [];
        for (let i = 0; i < rows; i++) {
          lines.push(`[${a.slice(i * cols, (i + 1) * cols).map((f) => this.get(f).code).join(', ')}]`);
        }
        return call(`np.array([${lines.join(', ')}], dtype=float)`);
      }
      case 'entry': {
        if (isScalar(a[0].shape)) return this.get(a[0]);
        const [i, j] = (e.dims ?? [1, 1]) as number[];
        return this.make(`${this.at(a[0], PY.atom)}[${i - 1}, ${j - 1}]`, PY.atom, a);
      }
    }
  }

  private arrayFunction(op: string, u: string): string {
    switch (op) {
      case 'sum':
        return `np.sum(${u})`;
      case 'mean':
        return `np.mean(${u})`;
      case 'tr':
        return `np.trace(${u})`;
      case 'det':
        return `np.linalg.det(${u})`;
      case 'diagm':
        return `np.diagflat(${u})`;
      case 'diagv':
        return `np.diag(${u}).reshape(-1, 1)`;
      case 'logsumexp':
        return `${this.helper('_logsumexp')}(${u})`;
      default:
        return `np.reshape(${u}, (-1, 1), order='F')`;
    }
  }

  private sum(e: Expr): Py {
    const parts: string[] = [];
    e.args.forEach((t, i) => {
      if (i > 0 && t.op === 'mul' && t.args.length === 2 && t.args[0].op === 'num' && t.args[0].value === -1) {
        parts.push(` - ${this.at(t.args[1], PY.mul)}`);
      } else if (i === 0) parts.push(this.at(t, PY.add));
      else parts.push(` + ${this.at(t, PY.mul)}`);
    });
    return this.make(parts.join(''), PY.add, e.args);
  }

  private product(e: Expr): Py {
    const a = e.args;
    if (a.length === 1) return this.get(a[0]);
    if (a.length === 2 && a[0].op === 'num' && a[0].value === -1) {
      return this.make(`-${this.at(a[1], PY.power)}`, PY.unary, a);
    }
    const scalars = a.filter((f) => isScalar(f.shape)).map((f) => this.at(f, PY.power));
    const chain = a.filter((f) => !isScalar(f.shape));
    if (chain.length === 0) return this.make(scalars.join(' * '), PY.mul, a);
    let chainCode: string;
    let chainPrec: PyPrec;
    if (chain.length === 1) {
      chainCode = this.at(chain[0], PY.power);
      chainPrec = PY.power;
    } else if (chain.length === 2) {
      chainCode = `${this.at(chain[0], PY.power)} @ ${this.at(chain[1], PY.power)}`;
      chainPrec = PY.mul;
    } else {
      chainCode = `np.linalg.multi_dot([${chain.map((f) => this.get(f).code).join(', ')}])`;
      chainPrec = PY.atom;
    }
    if (isScalar(e.shape)) {
      // A 1×1 matrix product becomes a NumPy scalar.
      chainCode = `${chainPrec < PY.atom ? `(${chainCode})` : chainCode}[0, 0]`;
      chainPrec = PY.atom;
    }
    if (scalars.length === 0) return this.make(chainCode, chainPrec, a);
    // Scale after the matrix product: s * (A @ x), not (s * A) @ x.
    const scaled = chainPrec < PY.power ? `(${chainCode})` : chainCode;
    return this.make(`${scalars.join(' * ')} * ${scaled}`, PY.mul, a);
  }

  private hadamard(e: Expr): Py {
    const parts: string[] = [];
    e.args.forEach((f, i) => {
      const reciprocal = f.op === 'pow' && f.args[1].op === 'num' && f.args[1].value === -1;
      if (reciprocal) parts.push(`${i === 0 ? '1.0' : ''} / ${this.at(f.args[0], PY.power)}`);
      else parts.push(`${i === 0 ? '' : ' * '}${this.at(f, PY.power)}`);
    });
    return this.make(parts.join(''), PY.mul, e.args);
  }
}

/** The Python shape tuple of an array in the output convention: () scalars, (n,) vectors, (m, n) matrices. */
function outputShape(e: Expr, body: Body): string[] {
  if (isScalar(e.shape)) return [];
  if (isColumn(e.shape)) return [body.dimCode(e.shape.rows)];
  if (isRow(e.shape)) return [body.dimCode(e.shape.cols)];
  return [body.dimCode(e.shape.rows), body.dimCode(e.shape.cols)];
}

const tuple = (items: readonly string[]): string => (items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`);

/**
 * The return expression. An array in its own shape (a value, a gradient, a tangent): a float, a
 * 1-D array for a vector, the 2-D array of a matrix. A Jacobian: reshaped to `shape` column-major.
 */
function returned(code: Py, e: Expr, jacobianShape?: readonly string[]): string {
  if (jacobianShape !== undefined) {
    if (jacobianShape.length === 0) return `float(${code.code})`;
    return `np.reshape(${code.code}, ${tuple(jacobianShape)}, order='F')`;
  }
  if (isScalar(e.shape)) return `float(${code.code})`;
  if (isColumn(e.shape) || isRow(e.shape)) return `np.ravel(${code.code})`;
  return code.code;
}

function functionText(name: string, doc: string, names: Names, body: Body, result: string): string {
  const signature = names.keywordsOnly ? '**kw' : names.params.map((p) => p.name).join(', ');
  const lines: string[] = [`def ${name}(${signature}):`, `    """${doc}"""`];
  for (const p of names.params) {
    const arg = names.keywordsOnly ? `kw[${JSON.stringify(p.name)}]` : p.name;
    const s = p.v.shape;
    let convert: string;
    if (isScalar(s)) convert = `np.float64(np.reshape(np.asarray(${arg}, dtype=float), ()))`;
    else if (isColumn(s)) convert = `np.asarray(${arg}, dtype=float).reshape(-1, 1)`;
    else if (isRow(s)) convert = `np.asarray(${arg}, dtype=float).reshape(1, -1)`;
    else convert = `np.asarray(${arg}, dtype=float)`;
    lines.push(`    ${p.local} = ${convert}`);
  }
  // Dimensions, read from the first array that has them.
  const bound = new Set<string>();
  for (const p of names.params) {
    const s = p.v.shape;
    ([['rows', 0], ['cols', 1]] as const).forEach(([key, axis]) => {
      const d = s[key];
      if (typeof d !== 'string' || d.includes('·') || bound.has(d) || !body.usedDims.has(d)) return;
      bound.add(d);
      lines.push(`    ${names.dim(d)} = ${p.local}.shape[${axis}]`);
    });
  }
  for (const d of body.usedDims) {
    if (bound.has(d)) continue;
    lines.push(`    raise ValueError(${JSON.stringify(`the dimension ${d} cannot be read from the arguments`)})`);
    break;
  }
  for (const l of body.lines) lines.push(`    ${l}`);
  lines.push(`    return ${result}`);
  return lines.join('\n');
}

/** The plain text of an expression for a comment, or a note when its tree is too large to print. */
function comment(e: Expr): string {
  if (e.size > COMMENT_MAX_NODES) return `(an expression of ${e.size} nodes)`;
  const text = toText(e);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** Python 3 source (numpy only) defining value(**vars) and derivative(**vars). */
export function toNumpy(f: Expr, d: Derivative): string {
  const vars: Expr[] = [];
  for (const root of [f, d.expr]) for (const n of postorder(root)) if (n.op === 'var') vars.push(n);
  vars.push(...d.wrt);
  const names = new Names(vars);
  const helpers = new Set<string>();

  const valueBody = new Body(names, helpers);
  const fCode = valueBody.emit(f);
  const valueResult = returned(fCode, f);

  const derivBody = new Body(names, helpers);
  const dCode = derivBody.emit(d.expr);
  let derivResult: string;
  switch (d.form) {
    case 'scalar':
      derivResult = returned(dCode, d.expr, []);
      break;
    case 'gradient':
    case 'tangent':
      // Already in x's (gradient) or f's (tangent) shape.
      derivResult = returned(dCode, d.expr);
      break;
    case 'jacobian': {
      const fShape = outputShape(f, derivBody);
      const xShape = d.wrt.length > 1 ? [String(d.wrt.length)] : outputShape(d.wrt[0], derivBody);
      derivResult = returned(dCode, d.expr, d.order === 2 ? [...fShape, ...xShape, ...xShape] : [...fShape, ...xShape]);
      break;
    }
  }

  const wrt = d.wrt.map((v) => v.name).join(', ');
  const xDoc = d.wrt.length > 1 ? `the stacked vector (${wrt})` : wrt;
  const order = d.order === 2 ? 'second derivative' : 'derivative';
  const parts = [
    `# Generated by Matrix Calculus.`,
    `# f = ${comment(f)}`,
    `# ${order} with respect to ${xDoc}: ${comment(d.expr)} (${d.form})`,
    'import numpy as np',
    ...[...helpers].sort().map((h) => `\n\n${HELPERS[h]}`),
    '',
    '',
    functionText('value', 'f at the given arrays.', names, valueBody, valueResult),
    '',
    '',
    functionText(
      'derivative',
      `The ${order} of f with respect to ${xDoc}, of shape f.shape + ${d.order === 2 ? 'x.shape + x.shape' : 'x.shape'}.`,
      names,
      derivBody,
      derivResult,
    ),
    '',
  ];
  return parts.join('\n');
}
