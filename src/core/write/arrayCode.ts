/**
 * Python source for a function and its derivative in an array library given by an `ArrayApi`
 * (NumPy in ./numpy.ts, PyTorch in ./torch.ts, JAX in ./jax.ts), defining
 *
 *   value(**vars)       f: a float for scalars, a 1-D array for vectors (rows or columns), 2-D for matrices
 *   derivative(**vars)  the derivative as an array of shape f.shape + x.shape (order 2:
 *                       f.shape + x.shape + x.shape), the layout jax.jacobian uses
 *
 * whatever the display layout. The keyword arguments are the variables of f and of the derivative;
 * dimensions are read from the arrays. With several scalar variables, x is their stacked vector.
 *
 * Inside the functions every array is 2-D (columns n×1, rows 1×n) so matrix products are plain `@`,
 * and every 1×1 value is a scalar (a float64 of the library, or a Python float for a constant:
 * `ArrayApi.asArray`); the canonical derivative (../calculus/form) is reshaped at
 * the end: a gradient or tangent already has x's or f's shape, and a Jacobian J = ∂vec f/∂(vec x)ᵀ
 * is reshaped column-major (vec stacks columns) into f.shape + x.shape.
 *
 * Nodes used more than once (and long inline chains) become locals `_t1 = …`, so the code is
 * linear in the DAG size and no line nests deeply.
 */
import { Expr, ElementwiseFunction, postorder, rationalOf } from '../model/expr';
import { absolute, equals, fromNumber, numberParts, ONE, type Rational } from '../model/rational';
import { pythonCoefficient, pythonMagnitude } from './pythonNumbers';
import { pinnedNames } from '../model/textbookNames';
import { Dim, isScalar, isColumn, isRow, mulDim } from '../model/shape';
import type { Derivative } from '../calculus/form';
import { toText } from './text';
import { tensorOrder } from '../tensor/index';
import { einsumCode } from './einsumCode';
import { contractionSpec } from '../tensor/contraction';
import { MATH_IMPORT, usesMath } from './pythonMath';

/** How one array library spells each operation. Arguments are Python expressions (strings). */
export interface ArrayApi {
  /** For the header comment: "PyTorch", "JAX"; none for NumPy, the default. */
  readonly library?: string;
  readonly imports: readonly string[];
  /** Names the library's code uses besides the generator's own (np, float, range, ...): no variable is called so. */
  readonly reserved: readonly string[];
  /** π as a Python float. */
  readonly pi: string;
  /** Helper functions by name; a helper is emitted when the generated code calls it. */
  readonly helpers: Readonly<Record<string, string>>;
  /** An element-wise function applied to u (the spellings are in the function records). */
  readonly elementwise: (name: ElementwiseFunction, u: string) => string;
  /** Conversions of an argument to a 0-d float64 array, an n×1 column, a 1×n row, a matrix. */
  readonly scalarArg: (a: string) => string;
  readonly columnArg: (a: string) => string;
  readonly rowArg: (a: string) => string;
  readonly matrixArg: (a: string) => string;
  /** A Python number (a float or an int: a size) as an array the library's functions take. */
  readonly asArray: (u: string) => string;
  /** An element-wise function of a Python number as Python computes it (math.log(n)), where the library's functions take arrays only; undefined: asArray. */
  readonly numberFunction?: (name: ElementwiseFunction, u: string) => string | undefined;
  /** A float64 constant usable as the base of `**` (not a Python float: 0.0 ** -1 must not raise). */
  readonly floatConstant: (literal: string) => string;
  readonly zeros: (rows: string, cols: string) => string;
  readonly ones: (rows: string, cols: string) => string;
  readonly eye: (n: string) => string;
  readonly commutation: (p: string, q: string) => string;
  readonly unit: (n: string, i: number) => string;
  readonly sum: (u: string) => string;
  readonly mean: (u: string) => string;
  readonly trace: (u: string) => string;
  readonly det: (u: string) => string;
  readonly logdet: (u: string) => string;
  readonly diagm: (u: string) => string;
  readonly diagv: (u: string) => string;
  readonly logsumexp: (u: string) => string;
  readonly softmax: (u: string) => string;
  /** softmax and logsumexp of each row (axis 1) or column (axis 0) of a 2-D array, keeping it 2-D. */
  readonly softmaxAlong: (u: string, axis: number) => string;
  readonly logsumexpAlong: (u: string, axis: number) => string;
  /** Column-stacking vec of a 2-D array, as an n×1 column. */
  readonly vec: (u: string) => string;
  readonly kron: (a: string, b: string) => string;
  /** Element-wise max / min of two arrays of one shape (np.maximum, torch.maximum, jnp.maximum). */
  readonly maximum: (a: string, b: string) => string;
  readonly minimum: (a: string, b: string) => string;
  readonly matrixPower: (u: string, k: number) => string;
  readonly inv: (u: string) => string;
  readonly abs: (u: string) => string;
  readonly log: (u: string) => string;
  readonly norm2: (u: string) => string;
  readonly multiDot: (factors: readonly string[]) => string;
  /** A literal 2-D array of scalar entries (floats or 0-d arrays). */
  readonly block: (rows: readonly (readonly string[])[]) => string;
  readonly ravel: (u: string) => string;
  /** Reshape a 2-D array column-major (Fortran order) to a shape tuple. */
  readonly reshapeColumnMajor: (u: string, shape: string) => string;
  /** The contraction of 1-D and 2-D arrays given by an einsum spec. */
  readonly einsum: (spec: string, operands: readonly string[]) => string;
}

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
/**
 * A chain of one left-associative operator (a + b − c, a * b / c) longer than this many operands is
 * accumulated in locals, this many at a time: Python's compiler recurses once per operator of a
 * chain, and the 10,000 factors of the derivative of sin(sin(…x…)) fail with RecursionError.
 */
const MAX_CHAIN = 64;

const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);
/** Names the generated functions use themselves, whatever the library. */
const RESERVED = ['np', 'math', 'float', 'kw', 'range', 'ValueError'];

/** A Python float literal (./pythonNumbers): 3.0, 0.5, 1.0/3.0, negative -2.0, -(1.0/3.0). */
function pyNumber(v: number | Rational): Py {
  const r = typeof v === 'number' ? fromNumber(v) : v;
  const { code, atom } = pythonMagnitude(r);
  if (r.n < 0n) return { code: `-${atom ? code : `(${code})`}`, prec: PY.unary, depth: 0 };
  return { code, prec: atom ? PY.atom : PY.mul, depth: 0 };
}

/** A product's coefficient: its numerator's code (undefined for ±1) and the denominator written after the last `/`. */
function pyCoefficient(c: Rational): { readonly numerator?: Py; readonly denominator?: string } {
  const { numerator, denominator } = pythonCoefficient(c);
  return { numerator: numerator === undefined ? undefined : pyNumber(numerator), denominator };
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
  private readonly reserved: ReadonlySet<string>;

  constructor(vars: readonly Expr[], reserved: readonly string[]) {
    this.reserved = new Set([...RESERVED, ...reserved]);
    for (const v of vars) {
      const name = v.name as string;
      if (this.byName.has(name)) continue;
      let local = this.usable(name) ? name : '';
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
      local = this.usable(symbol) ? symbol : `dim_${this.dims.size + 1}`;
      for (let i = 2; this.taken.has(local); i++) local = `dim_${symbol.replace(/\W/g, '')}${i}`;
      this.taken.add(local);
      this.dims.set(symbol, local);
    }
    return local;
  }

  /** A textbook name (sigma, X_hat) for a local, when no parameter or dimension is called so. */
  named(preferred: string, dimensions: ReadonlySet<string>): boolean {
    return this.usable(preferred) && !this.taken.has(preferred) && !dimensions.has(preferred);
  }

  private usable(name: string): boolean {
    return isAsciiIdentifier(name) && !PYTHON_KEYWORDS.has(name) && !this.reserved.has(name);
  }
}

/** b^(−k) with b not a number or a positive number (x/2 as read; another number's power is kept as a constant). */
const isReciprocal = (f: Expr): boolean =>
  f.op === 'pow' && f.args[1].op === 'num' && (f.args[1].value as number) < 0 && (f.args[0].op !== 'num' || isPositiveNumber(f.args[0]));

/** A number above 0: its reciprocal is a division, x / 2.0 as the reader's x/2 is read (x·2⁻¹); 0.0 ** -1 stays a float64 power (inf, not ZeroDivisionError). */
const isPositiveNumber = (e: Expr): boolean => rationalOf(e).n > 0n;

/**
 * A factor b^(−k) of a Hadamard product, or a scalar one of a product, is written `/ b` or
 * `/ b ** k` (Body.divisor), as a person writes 2.0 * x / n rather than 2.0 * float(n) ** (-1.0) * x.
 */
const writtenAsQuotient = (parent: Expr, f: Expr): boolean =>
  (parent.op === 'hadamard' || (parent.op === 'mul' && isScalar(f.shape))) && isReciprocal(f);

/**
 * The node whose code a parent's code uses for its child: a quotient uses its base, not the power
 * node; a divisor that is a size (n in / n) is written as its dimensions and uses no node.
 */
function usedChild(parent: Expr, child: Expr): Expr | undefined {
  const divisor = writtenAsQuotient(parent, child) ? child.args[0] : isReciprocal(parent) && child === parent.args[0] ? child : undefined;
  if (divisor === undefined) return child;
  return divisor.op === 'size' ? undefined : divisor;
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

/**
 * Operators whose code, on scalar Python numbers, is a Python number: a literal, π, a size, Python's
 * + - * / **, or the number itself (a scalar's sum, trace, transpose, …).
 */
const PYTHON_ARITHMETIC = new Set<string>([
  'num', 'const', 'size', 'add', 'mul', 'hadamard', 'kron', 'inv', 'transpose', 'matpow', 'sum', 'mean', 'tr', 'det',
  'diagm', 'diagv', 'logsumexp', 'vec', 'block', 'entry', 'softmax', 'commutation', 'unit',
]);

/** Emits one function body: statements for locals, and the code of the root. */
class Body {
  readonly lines: string[] = [];
  readonly usedDims = new Set<string>();
  private readonly memo = new Map<Expr, Py>();
  /** Nodes without variables. */
  private readonly constant = new Set<Expr>();
  /** Nodes whose code is a Python number (a literal, a size, Python arithmetic of them), which not every array function takes. */
  private readonly numbers = new Set<Expr>();
  private temps = 0;

  constructor(
    private readonly api: ArrayApi,
    private readonly names: Names,
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
    // Uses are counted from the root down, through the nodes whose code is written: a power
    // written as a quotient (/ b) is not (its base is), so b is not taken for a shared node.
    const uses = new Map<Expr, number>();
    const reached = new Set<Expr>([root]);
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i];
      if (!reached.has(n)) continue;
      for (const a of n.args) {
        const used = usedChild(n, a);
        if (used === undefined) continue;
        uses.set(used, (uses.get(used) ?? 0) + 1);
        reached.add(used);
      }
    }
    // The textbook's names for shared parts (σ, X̂ of a row normalization), where free.
    const pinned = pinnedNames(order);
    const dimensions = new Set(order.flatMap((n) => [n.shape.rows, n.shape.cols].flatMap(symbolsOf)));
    const localNames = new Set<string>();
    for (const n of order) {
      if (n.op !== 'var' && n.args.every((c) => this.constant.has(c))) this.constant.add(n);
      for (const d of dimsOf(n)) for (const s of symbolsOf(d)) this.usedDims.add(s);
      let py = this.render(n);
      if (this.isNumber(n)) this.numbers.add(n);
      const shared = (uses.get(n) ?? 0) > 1 && n.op !== 'var' && n.op !== 'num';
      if (n !== root && reached.has(n) && (shared || py.depth > MAX_INLINE_DEPTH)) {
        const pin = pinned.get(n.id);
        const t = typeof pin === 'string' && !localNames.has(pin) && this.names.named(pin, dimensions) ? pin : `_t${++this.temps}`;
        localNames.add(t);
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

  /** Pieces of one chain (the first operand, then ' op operand' each), in locals past MAX_CHAIN. */
  private chain(pieces: readonly string[], prec: PyPrec, children: readonly Expr[]): Py {
    let head = pieces.slice(0, MAX_CHAIN).join('');
    for (let i = MAX_CHAIN; i < pieces.length; i += MAX_CHAIN) {
      const t = `_t${++this.temps}`;
      this.lines.push(`${t} = ${head}`);
      head = t + pieces.slice(i, i + MAX_CHAIN).join('');
    }
    return this.make(head, prec, children);
  }

  private make(code: string, prec: PyPrec, children: readonly Expr[]): Py {
    let depth = 0;
    for (const c of children) depth = Math.max(depth, this.get(c).depth);
    return { code, prec, depth: depth + 1 };
  }

  /** f(u) of a node whose argument is a Python number, in Python's math (ArrayApi.numberFunction), or undefined. */
  private numberFunction(e: Expr, name: ElementwiseFunction): string | undefined {
    return this.numbers.has(e.args[0]) ? this.api.numberFunction?.(name, this.get(e.args[0]).code) : undefined;
  }

  /** Whether a node's code (rendered) is a Python number: arithmetic of Python numbers, or a function of one computed by Python. */
  private isNumber(e: Expr): boolean {
    if (!isScalar(e.shape) || e.op === 'var' || !e.args.every((c) => this.numbers.has(c))) return false;
    switch (e.op) {
      case 'pow':
        // A number's power is a float64 of the library (ArrayApi.floatConstant): 0.0 ** -1 must not raise.
        return isReciprocal(e) || e.args[0].op !== 'num';
      case 'fn':
        return e.name === 'sqrt' || this.numberFunction(e, e.name as ElementwiseFunction) !== undefined;
      case 'norm1':
      case 'norm2':
        return this.numberFunction(e, 'abs') !== undefined;
      default:
        return PYTHON_ARITHMETIC.has(e.op);
    }
  }

  private render(e: Expr): Py {
    const a = e.args;
    const api = this.api;
    const scalar = isScalar(e.shape);
    const call = (code: string): Py => this.make(code, PY.atom, a);
    const arg = (i: number): string => (this.numbers.has(a[i]) ? api.asArray(this.get(a[i]).code) : this.get(a[i]).code);
    const u = a.length > 0 ? arg(0) : '';
    switch (e.op) {
      case 'var':
        return { code: this.names.local(e), prec: PY.atom, depth: 0 };
      case 'num':
        return pyNumber(rationalOf(e));
      case 'const':
        return { code: api.pi, prec: PY.atom, depth: 0 };
      case 'zeros':
        return call(api.zeros(this.dimCode(e.shape.rows), this.dimCode(e.shape.cols)));
      case 'ones':
        return call(api.ones(this.dimCode(e.shape.rows), this.dimCode(e.shape.cols)));
      case 'eye':
        return call(api.eye(this.dimCode(e.shape.rows)));
      case 'commutation': {
        if (scalar) return pyNumber(1);
        const [p, q] = e.dims ?? [];
        return call(api.commutation(this.dimCode(p), this.dimCode(q)));
      }
      case 'unit':
        if (scalar) return pyNumber(1);
        return call(api.unit(this.dimCode(e.shape.rows), e.value as number));
      case 'size': {
        // The number of entries as Python computes it, an int (m * n), as a person writes / d or d ** 0.5.
        const [r, c] = e.dims ?? [1, 1];
        const code = this.dimCode(mulDim(r, c));
        return this.make(code, code.includes(' ') ? PY.mul : PY.atom, a);
      }
      case 'add':
        return this.sum(e);
      case 'mul':
        return this.product(e);
      case 'hadamard':
        return this.hadamard(e);
      case 'kron':
        if (isScalar(a[0].shape) || isScalar(a[1].shape)) return this.make(`${this.at(a[0], PY.power)} * ${this.at(a[1], PY.power)}`, PY.mul, a);
        return call(api.kron(u, arg(1)));
      case 'maximum':
      case 'minimum':
        return call(api[e.op](u, arg(1)));
      case 'pow': {
        if (isReciprocal(e)) return this.make(`1.0 / ${this.divisor(e)}`, PY.mul, a);
        const base = a[0].op === 'num' ? api.floatConstant(this.get(a[0]).code) : this.at(a[0], PY.atom);
        return this.make(`${base} ** ${this.at(a[1], PY.atom)}`, PY.power, a);
      }
      case 'matpow':
        if (scalar) return this.make(`${this.at(a[0], PY.atom)} ** ${e.value}`, PY.power, a);
        return call(api.matrixPower(u, e.value as number));
      case 'transpose':
        return scalar ? this.get(a[0]) : this.make(`${this.at(a[0], PY.atom)}.T`, PY.atom, a);
      case 'inv':
        // 1.0 / u of a scalar: a Python division is a float also for an int (a size), np.reciprocal(4) is 0.
        return scalar ? this.make(`1.0 / ${this.at(a[0], PY.power)}`, PY.mul, a) : call(api.inv(u));
      case 'fn':
        // The square root of a constant (a size: attention's √d) in plain Python, d ** 0.5, in every library.
        if (e.name === 'sqrt' && scalar && this.constant.has(a[0])) return this.make(`${this.at(a[0], PY.atom)} ** 0.5`, PY.power, a);
        return call(this.numberFunction(e, e.name as ElementwiseFunction) ?? api.elementwise(e.name as ElementwiseFunction, u));
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
        return call(isScalar(a[0].shape) ? this.numberFunction(e, 'abs') ?? api.abs(u) : api.sum(api.abs(u)));
      case 'norm2':
        return call(isScalar(a[0].shape) ? this.numberFunction(e, 'abs') ?? api.abs(u) : api.norm2(u));
      case 'logdet':
        return call(isScalar(a[0].shape) ? api.log(api.abs(u)) : api.logdet(u));
      case 'softmax':
        return scalar ? pyNumber(1) : call(api.softmax(u));
      case 'softmaxAlong':
        return call(api.softmaxAlong(u, (e.value as number) - 1));
      case 'logsumexpAlong':
        return call(api.logsumexpAlong(u, (e.value as number) - 1));
      case 'block': {
        if (scalar) return this.get(a[0]);
        const [rows, cols] = (e.dims ?? [e.shape.rows, e.shape.cols]) as number[];
        const lines: string[][] = [];
        for (let i = 0; i < rows; i++) lines.push(a.slice(i * cols, (i + 1) * cols).map((f) => this.get(f).code));
        return call(api.block(lines));
      }
      case 'entry': {
        if (isScalar(a[0].shape)) return this.get(a[0]);
        const [i, j] = (e.dims ?? [1, 1]) as number[];
        return this.make(`${this.at(a[0], PY.atom)}[${i - 1}, ${j - 1}]`, PY.atom, a);
      }
      case 'contract':
        return this.contraction(e);
    }
  }

  /**
   * A contraction node as one einsum call over 0-d, 1-d and 2-d arrays. Its rows and columns are
   * column-major over their letter groups, so each group is written in reverse and the C-order
   * reshape lays the result out as the node's matrix.
   */
  private contraction(e: Expr): Py {
    const s = contractionSpec(e);
    const operands = e.args.map((x, k) => {
      const code = this.numbers.has(x) ? this.api.asArray(this.get(x).code) : this.get(x).code;
      return s.inputs[k].length === 1 ? this.api.ravel(code) : code;
    });
    const reversed = (g: string): string => [...g].reverse().join('');
    const call = this.api.einsum(`${s.inputs.join(',')}->${reversed(s.rows)}${reversed(s.cols)}`, operands);
    const plain = s.rows.length <= 1 && s.cols.length <= 1;
    const code = plain && s.rows !== '' && s.cols !== '' ? call
      : plain && s.rows === '' && s.cols === '' ? call
        : `${call}.reshape(${s.rows === '' ? '1' : this.dimCode(e.shape.rows)}, ${s.cols === '' ? '1' : this.dimCode(e.shape.cols)})`;
    return this.make(code, PY.atom, e.args);
  }

  private arrayFunction(op: string, u: string): string {
    const api = this.api;
    switch (op) {
      case 'sum':
        return api.sum(u);
      case 'mean':
        return api.mean(u);
      case 'tr':
        return api.trace(u);
      case 'det':
        return api.det(u);
      case 'diagm':
        return api.diagm(u);
      case 'diagv':
        return api.diagv(u);
      case 'logsumexp':
        return api.logsumexp(u);
      default:
        return api.vec(u);
    }
  }

  private sum(e: Expr): Py {
    const parts: string[] = [];
    e.args.forEach((t, i) => {
      const magnitude = i > 0 ? this.withoutSign(t) : undefined;
      if (magnitude !== undefined) parts.push(` - ${this.at(magnitude, PY.mul)}`);
      else if (i === 0) parts.push(this.at(t, PY.add));
      else parts.push(` + ${this.at(t, PY.mul)}`);
    });
    return this.chain(parts, PY.add, e.args);
  }

  /**
   * The code after `/` for a factor b^(−k): b, or b ** k; a size is written as its dimensions (n,
   * (m * n)), which Python divides as numbers.
   */
  private divisor(f: Expr): string {
    const [base, power] = f.args;
    const k = absolute(rationalOf(power));
    const once = equals(k, ONE);
    let b: string;
    if (base.op === 'size') {
      const [r, c] = base.dims ?? [1, 1];
      const dims = this.dimCode(mulDim(r, c));
      b = dims.includes(' ') ? `(${dims})` : dims;
    } else b = this.at(base, once ? PY.power : PY.atom);
    return once ? b : `${b} ** ${this.at(pyNumber(k), PY.atom)}`;
  }

  /** A negative number k or a product with a negative coefficient written as −k, −k times the rest (the sum subtracts it: n - 3.0, a - 2.0 * x); else undefined. */
  private withoutSign(t: Expr): Py | undefined {
    if (t.op === 'num' && rationalOf(t).n < 0n) return pyNumber(absolute(rationalOf(t)));
    if (t.op !== 'mul' || t.args[0].op !== 'num' || (t.args[0].value as number) >= 0) return undefined;
    return this.productOf(t, t.args.slice(1), absolute(rationalOf(t.args[0])));
  }

  private product(e: Expr): Py {
    const a = e.args;
    if (a.length === 2 && a[0].op === 'num' && a[0].value === -1) return this.make(`-${this.at(a[1], PY.power)}`, PY.unary, a);
    const c = a[0].op === 'num' ? rationalOf(a[0]) : undefined;
    // −1 or −1/q: minus the product of the rest (written / q.0), else the coefficient leads it.
    const minus = c !== undefined && c.n === -1n && !('digits' in numberParts(c) && c.d !== 1n);
    if (!minus) return c === undefined ? this.productOf(e, a) : this.productOf(e, a.slice(1), c);
    // −1 times a product: -A @ x, -det(X) * X.T (unary minus binds tighter than * and @: the same value).
    const rest = this.productOf(e, a.slice(1), absolute(c));
    return rest.code.startsWith('-') ? this.make(`-(${rest.code})`, PY.unary, a) : { ...rest, code: `-${rest.code}`, prec: Math.min(rest.prec, PY.unary) as PyPrec };
  }

  /**
   * The code of the product e of `a` (its factors, or those after its coefficient) times `coefficient`
   * when given: 2.0 * (A @ x) / n, and a fraction's denominator last, (A + A.T) / 2.0.
   */
  private productOf(e: Expr, a: readonly Expr[], coefficient?: Rational): Py {
    const c = coefficient === undefined || equals(coefficient, ONE) ? undefined : pyCoefficient(coefficient);
    if (a.length === 1 && c === undefined) return this.get(a[0]);
    // Scalars, then the matrix product, then the divisors: 2.0 * (A @ x) / n. The first scalar
    // may be negative (-2.0 * x): unary minus binds tighter than * and /.
    const factors = [...(c?.numerator === undefined ? [] : [c.numerator]), ...a.filter((f) => isScalar(f.shape) && !writtenAsQuotient(e, f))];
    const scalars = factors.map((f, i) => (i === 0 ? this.at(f, PY.unary) : ` * ${this.at(f, PY.power)}`));
    const divisors = [...a.filter((f) => writtenAsQuotient(e, f)).map((f) => ` / ${this.divisor(f)}`), ...(c?.denominator === undefined ? [] : [` / ${c.denominator}`])];
    const chain = a.filter((f) => !isScalar(f.shape));
    if (chain.length === 0) return this.chain([...(scalars.length === 0 ? ['1.0'] : scalars), ...divisors], PY.mul, a);
    let chainCode: string;
    let chainPrec: PyPrec;
    if (chain.length === 1) {
      chainCode = this.at(chain[0], PY.power);
      chainPrec = PY.power;
    } else if (chain.length === 2) {
      chainCode = `${this.at(chain[0], PY.power)} @ ${this.at(chain[1], PY.power)}`;
      chainPrec = PY.mul;
    } else {
      chainCode = this.api.multiDot(chain.map((f) => this.get(f).code));
      chainPrec = PY.atom;
    }
    if (isScalar(e.shape)) {
      // A 1×1 matrix product becomes a scalar.
      chainCode = `${chainPrec < PY.atom ? `(${chainCode})` : chainCode}[0, 0]`;
      chainPrec = PY.atom;
    }
    if (scalars.length === 0 && divisors.length === 0) return this.make(chainCode, chainPrec, a);
    // Scale after the matrix product: s * (A @ x), not (s * A) @ x; divide after it too: (A + A.T) / 2.0.
    const scaled = chainPrec < PY.power ? `(${chainCode})` : chainCode;
    return this.chain([...scalars, `${scalars.length === 0 ? '' : ' * '}${scaled}`, ...divisors], PY.mul, a);
  }

  private hadamard(e: Expr): Py {
    const parts: string[] = [];
    e.args.forEach((f, i) => {
      if (writtenAsQuotient(e, f)) parts.push(`${i === 0 ? '1.0' : ''} / ${this.divisor(f)}`);
      else parts.push(`${i === 0 ? '' : ' * '}${this.at(f, PY.power)}`);
    });
    return this.chain(parts, PY.mul, e.args);
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
function returned(api: ArrayApi, code: Py, e: Expr, jacobianShape?: readonly string[]): string {
  if (jacobianShape !== undefined) {
    if (jacobianShape.length === 0) return `float(${code.code})`;
    return api.reshapeColumnMajor(code.code, tuple(jacobianShape));
  }
  if (isScalar(e.shape)) return `float(${code.code})`;
  if (isColumn(e.shape) || isRow(e.shape)) return api.ravel(code.code);
  return code.code;
}

/**
 * The dimensions the code of either function uses that no variable's shape gives (n of c·sum(𝟏_n)
 * by c, where n is the dimension of a declared variable f does not use, or m of a vector(m*n)
 * alone): they are parameters of both functions, after the variables, so that the code runs.
 */
function sizeParameters(names: Names, bodies: readonly Body[]): string[] {
  const readable = new Set<string>();
  for (const p of names.params) for (const d of [p.v.shape.rows, p.v.shape.cols]) if (typeof d === 'string' && !d.includes('·')) readable.add(d);
  const used = new Set(bodies.flatMap((b) => [...b.usedDims]));
  return [...used].filter((d) => !readable.has(d));
}

function functionText(api: ArrayApi, name: string, doc: string, names: Names, sizes: readonly string[], body: Body, result: string): string {
  // A size is passed by its own name; one whose Python local differs (a variable has its name) by keyword.
  const keywordsOnly = names.keywordsOnly || sizes.some((d) => names.dim(d) !== d);
  const signature = keywordsOnly ? '**kw' : [...names.params.map((p) => p.name), ...sizes].join(', ');
  const lines: string[] = [`def ${name}(${signature}):`, `    """${doc}"""`];
  for (const p of names.params) {
    const arg = keywordsOnly ? `kw[${JSON.stringify(p.name)}]` : p.name;
    const s = p.v.shape;
    const convert = isScalar(s) ? api.scalarArg(arg) : isColumn(s) ? api.columnArg(arg) : isRow(s) ? api.rowArg(arg) : api.matrixArg(arg);
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
  for (const d of sizes) if (body.usedDims.has(d)) lines.push(`    ${names.dim(d)} = int(${keywordsOnly ? `kw[${JSON.stringify(d)}]` : d})`);
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

/** Python 3 source defining value(**vars) and derivative(**vars) in the library `api`. */
export function toArrayCode(api: ArrayApi, f: Expr, d: Derivative): string {
  const vars: Expr[] = [];
  for (const root of [f, d.expr]) for (const n of postorder(root)) if (n.op === 'var') vars.push(n);
  vars.push(...d.wrt);
  const names = new Names(vars, api.reserved);

  const valueBody = new Body(api, names);
  const fCode = valueBody.emit(f);
  const valueResult = returned(api, fCode, f);

  const derivBody = new Body(api, names);
  // Three or four indices: contractions of the factors (einsum), not a materialized Kronecker product.
  const contraction = d.form === 'jacobian' && tensorOrder(d) >= 3 ? einsumCode(api, d, { emit: (e) => derivBody.emit(e).code, bind: (line) => derivBody.lines.push(line), dim: (n) => derivBody.dimCode(n) }) : undefined;
  const derivResult = contraction ?? emitDerivative(api, f, d, derivBody);

  const wrt = d.wrt.map((v) => v.name).join(', ');
  // The variable's own name in the shape (a stacked vector is called x here, and said so).
  const xDoc = d.wrt.length > 1 ? `the stacked vector x = (${wrt})` : wrt;
  const x = d.wrt.length > 1 ? 'x' : wrt;
  const order = d.order === 2 ? 'second derivative' : 'derivative';
  const sizes = sizeParameters(names, [valueBody, derivBody]);
  const functions = [
    functionText(api, 'value', 'f at the given arrays.', names, sizes, valueBody, valueResult),
    functionText(
      api,
      'derivative',
      `The ${order} of f with respect to ${xDoc}, of shape f.shape + ${d.order === 2 ? `${x}.shape + ${x}.shape` : `${x}.shape`}.`,
      names,
      sizes,
      derivBody,
      derivResult,
    ),
  ];
  // The helpers the functions call, and those these call.
  const used = Object.keys(api.helpers)
    .filter((h) => functions.some((fn) => fn.includes(`${h}(`)) || Object.entries(api.helpers).some(([other, src]) => other !== h && src.includes(`${h}(`) && functions.some((fn) => fn.includes(`${other}(`))))
    .sort();
  const parts = [
    `# Generated by Matrix Calculus${api.library === undefined ? '' : ` (${api.library})`}.`,
    `# f = ${comment(f)}`,
    `# ${order} with respect to ${xDoc}: ${comment(d.expr)} (${d.form})`,
    ...(functions.some(usesMath) ? [MATH_IMPORT] : []),
    ...api.imports,
    ...used.map((h) => `\n\n${api.helpers[h]}`),
    '',
    '',
    functions[0],
    '',
    '',
    functions[1],
    '',
  ];
  return parts.join('\n');
}

/** The return expression of derivative(): the canonical derivative, reshaped to f.shape + x.shape. */
function emitDerivative(api: ArrayApi, f: Expr, d: Derivative, derivBody: Body): string {
  const dCode = derivBody.emit(d.expr);
  switch (d.form) {
    case 'scalar':
      return returned(api, dCode, d.expr, []);
    case 'gradient':
    case 'tangent':
      // Already in x's (gradient) or f's (tangent) shape.
      return returned(api, dCode, d.expr);
    case 'jacobian': {
      // The shapes only here: their dimensions are read from the arguments only when used.
      const fShape = outputShape(f, derivBody);
      const xShape = d.wrt.length > 1 ? [String(d.wrt.length)] : outputShape(d.wrt[0], derivBody);
      return returned(api, dCode, d.expr, d.order === 2 ? [...fShape, ...xShape, ...xShape] : [...fShape, ...xShape]);
    }
  }
}
