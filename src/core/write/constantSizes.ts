/**
 * Which constants (𝟏, 𝟎, I) the math writers (./mathWriter) write with their size. A bare 𝟏 or I
 * takes its size from its context when read back (𝟏xᵀ, A + I); where nothing in the text gives a
 * size, the reader would make up a fresh one, so the constant is written sized (𝟏_n, I_n):
 * - below an operand of an operation whose result does not give its operands' sizes (vec, ⊗,
 *   sum, tr, …: SIZE_LOSING);
 * - between factors of a product where the size between them is given by neither ((𝟏𝟏ᵀ)(𝟏𝟏ᵀ),
 *   𝟏ᵀ(𝟏𝟏ᵀ ⊘ σ(𝟏xᵀ))x: constantNeighbours);
 * - below the operand of logsumexp along an axis whose reduced size nothing in the operand gives
 *   (logsumexp(𝟏_m×n, 1), whose value is log m + 1; logsumexp(Z − 𝟏𝟏ᵀ, 1) stays bare: Z gives m).
 * Whether the text of a subexpression gives a size is decided from the subexpression alone
 * (givenSizes), the same wherever a shared node is written.
 */
import { postorder, type Expr } from '../model/expr';
import { memoRecent } from '../model/memo';
import { isScalar } from '../model/shape';

/** Operations whose result's shape does not give their operands' sizes (a sum of 𝟏 is its length). */
const SIZE_LOSING = new Set<Expr['op']>(['vec', 'kron', 'sum', 'mean', 'norm1', 'norm2', 'tr', 'det', 'logdet', 'logsumexp']);

/**
 * The constants (ones, zeros, eye) of e that are written with their size: one pass for the
 * variables and the sizes they give (children first), one for the marks (parents first).
 */
export const constantsUnderSizeless: (e: Expr) => ReadonlySet<Expr> =
  // The LaTeX and Unicode writers of one expression both ask (a pure function of the node); of an
  // answer's input and its result both, when the result's writing decides anew (MathWriter.sizesFrom).
  memoRecent(findConstantsUnderSizeless, 2);

const NONE_SIZED: ReadonlySet<Expr> = new Set();
const isSizedConstant = (n: Expr): boolean => n.op === 'ones' || n.op === 'zeros' || n.op === 'eye';

function findConstantsUnderSizeless(e: Expr): ReadonlySet<Expr> {
  const order = postorder(e);
  // Only these constants are ever marked: without one (most expressions) there is nothing to find.
  if (!order.some(isSizedConstant)) return NONE_SIZED;
  const variable = new Set<Expr>();
  for (const n of order) {
    if (n.op === 'var') variable.add(n);
    else for (const a of n.args) if (variable.has(a)) {
      variable.add(n);
      break;
    }
  }
  const given = givenSizes(order);
  const under = new Set<Expr>();
  const out = new Set<Expr>();
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    const inside = under.has(n);
    if (inside && isSizedConstant(n)) out.add(n);
    if (inside || SIZE_LOSING.has(n.op)) for (const a of n.args) under.add(a);
    else if (n.op === 'mul') for (const a of constantNeighbours(n.args, variable, given)) under.add(a);
    else if (n.op === 'logsumexpAlong') {
      const g = given.get(n.args[0]) as Given;
      if (!(n.value === 1 ? hasRows(g) : hasCols(g))) under.add(n.args[0]);
    }
  }
  return out;
}

/**
 * The array factors of a product to write with their constants sized: those without variables
 * that stand next to another such factor across a size other than 1 ((𝟏𝟏ᵀ)(𝟏𝟏ᵀ); 𝟏𝟏ᵀ itself,
 * across 1, is fine), and where the size between two factors is given by neither (𝟏ᵀ(𝟏𝟏ᵀ ⊘ σ(𝟏xᵀ))x:
 * the length of the first 𝟏ᵀ) one of them — a lone constant if either is one (𝟏_nᵀ), else both.
 */
function constantNeighbours(factors: readonly Expr[], variable: ReadonlySet<Expr>, given: ReadonlyMap<Expr, Given>): Expr[] {
  const arrays = factors.filter((f) => !isScalar(f.shape));
  if (arrays.length < 2) return [];
  const inner = chain(arrays.map((f) => given.get(f) as Given)).inner;
  const out: Expr[] = [];
  for (let i = 0; i + 1 < arrays.length; i++) {
    const [p, q] = [arrays[i], arrays[i + 1]];
    if (!variable.has(p) && !variable.has(q) && p.shape.cols !== 1) out.push(p, q);
    else if (!inner[i]) {
      if (isConstant(p)) out.push(p);
      else if (isConstant(q)) out.push(q);
      else out.push(p, q);
    }
  }
  return out;
}

/** 𝟏, 𝟎, I or a transpose of one. */
const isConstant = (e: Expr): boolean => {
  const c = e.op === 'transpose' ? e.args[0] : e;
  return c.op === 'ones' || c.op === 'zeros' || c.op === 'eye';
};

/**
 * Whether a subexpression's text gives its rows and its columns without context (by a variable, a
 * literal 1 or a written size), and whether its rows and columns are one size (I, X⁻¹, A + I: one
 * given, both are): bits ROWS, COLS and SQUARE of a small number (one per node, no object).
 */
type Given = number;

const ROWS = 1;
const COLS = 2;
const SQUARE = 4;
const NONE: Given = 0;
const ALL: Given = ROWS | COLS;

const hasRows = (g: Given): boolean => (g & ROWS) !== 0;
const hasCols = (g: Given): boolean => (g & COLS) !== 0;
const isSquare = (g: Given): boolean => (g & SQUARE) !== 0;
const given3 = (rows: boolean, cols: boolean, square: boolean): Given => (rows ? ROWS : 0) | (cols ? COLS : 0) | (square ? SQUARE : 0);

/**
 * A matrix product's factors: which sizes between them (inner[i]: between factor i and i + 1) and
 * which outer sizes the factors give — each by itself or through a square factor beside a given size.
 */
function chain(fs: readonly Given[]): { inner: boolean[]; rows: boolean; cols: boolean } {
  const k = fs.length;
  // sizes[i]: the size before factor i (sizes[0] the rows, sizes[k] the columns).
  const sizes: boolean[] = [hasRows(fs[0])];
  for (let i = 0; i < k; i++) sizes.push(hasCols(fs[i]) || (i + 1 < k && hasRows(fs[i + 1])) || (isSquare(fs[i]) && sizes[i]));
  for (let i = k - 1; i >= 0; i--) if (isSquare(fs[i]) && sizes[i + 1]) sizes[i] = true;
  return { inner: sizes.slice(1, k), rows: sizes[0], cols: sizes[k] };
}

/** Given for every node of `order` (children first). Where unsure, not given: a constant is then sized needlessly, never wrongly. */
function givenSizes(order: readonly Expr[]): Map<Expr, Given> {
  const given = new Map<Expr, Given>();
  const of = (a: Expr): Given => given.get(a) as Given;
  const square = (rows: boolean, cols: boolean): Given => (rows || cols ? ROWS | COLS | SQUARE : SQUARE);
  for (const n of order) {
    const a = n.args.length > 0 ? of(n.args[0]) : NONE;
    let g: Given;
    switch (n.op) {
      case 'var':
      case 'commutation':
      case 'block':
        g = ALL;
        break;
      case 'eye':
        g = square(false, false);
        break;
      case 'transpose':
        g = given3(hasCols(a), hasRows(a), isSquare(a));
        break;
      case 'add':
      case 'hadamard':
      case 'maximum':
      case 'minimum': {
        let any = 0;
        for (const x of n.args) any |= of(x);
        g = isSquare(any) ? square(hasRows(any), hasCols(any)) : any & ALL;
        break;
      }
      case 'pow':
      case 'fn':
      case 'softmax':
      case 'softmaxAlong':
        g = a;
        break;
      case 'inv':
      case 'matpow':
        g = square(hasRows(a), hasCols(a));
        break;
      case 'mul': {
        const arrays: Given[] = [];
        for (const x of n.args) if (!isScalar(x.shape)) arrays.push(of(x));
        if (arrays.length === 0) g = ALL;
        else if (arrays.length === 1) g = arrays[0];
        else {
          const c = chain(arrays);
          g = given3(c.rows, c.cols, false);
        }
        break;
      }
      case 'diagm': {
        const v = n.args[0].shape.cols === 1 ? hasRows(a) : hasCols(a);
        g = square(v, v);
        break;
      }
      case 'diagv':
        g = given3(hasRows(a) || hasCols(a), true, false);
        break;
      case 'logsumexpAlong':
        g = n.value === 1 ? given3(true, hasCols(a), false) : given3(hasRows(a), true, false);
        break;
      case 'vec':
        g = given3(hasRows(a) && hasCols(a), true, false);
        break;
      case 'kron': {
        const b = of(n.args[1]);
        g = given3(hasRows(a) && hasRows(b), hasCols(a) && hasCols(b), false);
        break;
      }
      default:
        // Leaves (𝟏, 𝟎, 𝐞ₖ, numbers) and the rest: only a size of 1 is given (by the notation: 𝟏 is a column).
        g = NONE;
    }
    given.set(n, g | (n.shape.rows === 1 ? ROWS : 0) | (n.shape.cols === 1 ? COLS : 0));
  }
  return given;
}
