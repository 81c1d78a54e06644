/**
 * What the two writers of mathematical notation (LaTeX in ./latex, Unicode in ./unicode) share:
 * the signs of sums and products (a + (−2)·b is a − 2b, (−1)·A·x is −Ax), a product's numeric
 * coefficient, its factors and its denominators, and element-wise products and quotients (⊙, ⊘).
 * The notation itself (the minus sign, ⊙ or \odot, juxtaposition, fractions) is the writer's.
 */
import { Expr, freeVariables, ones as onesOf, rationalOf } from '../model/expr';
import { constantsUnderSizeless } from './constantSizes';
import { absolute, neg, numberParts, rational, type Rational } from '../model/rational';
import { isScalar, isColumn, isRow } from '../model/shape';
import { Piece, cat, catList, join, piece } from './piece';
import { PREC, Prec, OPERAND } from './precedence';
import { DagWriter, Rendered } from './dagWriter';
import { NUMBERED_NAME } from '../syntax/names';

export interface MathRendered extends Rendered {
  /** Ends with a superscript (or is a fraction): a further superscript needs parentheses. */
  readonly noSup: boolean;
  /** Ends with a subscript: a further subscript needs parentheses. */
  readonly noSub: boolean;
}

/** How a notation writes signs, numbers and element-wise products. */
export interface MathNotation<O extends MathRendered> {
  readonly minus: string;
  /** The separators of element-wise products and quotients, with their spaces: ' ⊙ ', ' ⊘ '. */
  readonly hadamard: string;
  readonly elementwiseQuotient: string;
  /** A number (a negative one with its sign; a fraction as ½, \frac{1}{2}). */
  readonly number: (r: Rational) => O;
  /** Factors written side by side (Ax, 2x). */
  /** `spellsName`: whether a word is a name of the expression or of the declarations (Unicode sets letters apart that would spell one). */
  readonly juxtapose: (pieces: readonly Piece[], spellsName?: (word: string) => boolean) => Piece;
  /** A rendering made of pieces of `children` (which may carry properties such as height). */
  readonly make: (p: Piece, prec: Prec, children: readonly O[]) => O;
}

/** An empty list never added to (a product without numbers or denominators). */
const NONE: never[] = Object.freeze([]) as never[];

/** A scalar power with a negative numeric exponent: a denominator in a product. */
export const isReciprocal = (f: Expr): boolean =>
  f.op === 'pow' && isScalar(f.shape) && f.args[1].op === 'num' && rationalOf(f.args[1]).n < 0n;

/** An element-wise reciprocal b.^(−1) of an array: a divisor in a Hadamard product. */
export const isElementwiseReciprocal = (f: Expr): boolean =>
  f.op === 'pow' && !isScalar(f.shape) && f.args[1].op === 'num' && f.args[1].value === -1;

/**
 * An inverse whose power is written as a negative power, M⁻ᵏ for (M⁻¹)ᵏ: not the inverse of a transpose, which is
 * written M⁻ᵀ and keeps its brackets, (M⁻ᵀ)ᵏ. Every reader reads M^-k as the k-th power of the inverse.
 */
export const isPlainInverse = (f: Expr): boolean => f.op === 'inv' && f.args[0].op !== 'transpose';

/** Products written with an operator (⊗, ⊙, ⊘) rather than by juxtaposition. */
const isInfixProduct = (e: Expr): boolean => e.op === 'kron' || e.op === 'hadamard';

/** The sign of a product's numeric factors. */
function negativeProduct(e: Expr): boolean {
  let neg = false;
  for (const f of e.args) if (f.op === 'num' && rationalOf(f).n < 0n) neg = !neg;
  return neg;
}

/** The subscript of an entry (i, j): i of a column, j of a row, ij (i,j past 9) of a matrix. */
export function entryIndex(e: Expr): string {
  const a = e.args[0];
  const [i, j] = (e.dims ?? [1, 1]) as number[];
  if (isColumn(a.shape)) return String(i);
  if (isRow(a.shape)) return String(j);
  return i < 10 && j < 10 ? `${i}${j}` : `${i},${j}`;
}

/** A writer of several expressions in a math notation (./latex latexWriter, ./unicode unicodeWriter): a node they share is rendered once. */
export interface MathWriting {
  write(e: Expr): Piece;
  sizesFrom(whole: Expr): this;
}

export abstract class MathWriter<O extends MathRendered> extends DagWriter<O> {
  /** Products rendered with their sign flipped, for subtraction (made at the first subtraction: most writers never flip one). */
  private flipped: Map<Expr, O> | undefined;
  /** Sums written after a minus (negatedSum). */
  private negated: Map<Expr, O | undefined> | undefined;

  constructor(
    name: string,
    protected readonly notation: MathNotation<O>,
  ) {
    super(name);
  }

  /** The expression whose contexts decide the sizes of constants for every write (sizesFrom), if one was given. */
  private decider: Expr | undefined;

  /** The expression whose contexts decide them in the current write: the decider, else the expression written. */
  private sizesBy: Expr | undefined;

  /** Constants (𝟏, 𝟎, I) written with their size in the current write (see `sized`): found at the first constant written. */
  private sizedConstants: ReadonlySet<Expr> | undefined;

  /** Whether some rendering kept depends on which constants carry their size (a constant was rendered). */
  private sizesDecided = false;

  /** The variables' names of the expression that decides (sizesBy), found at the first component written (componentIsName). */
  private namesIn: { readonly root: Expr; readonly names: ReadonlySet<string> } | undefined;

  /**
   * Decide which constants carry their size from `whole` (the unnamed expression) for every later
   * write. The renderings already made are kept — a node shared with an expression written before
   * (an answer's input and its result: x, Wx) is rendered once — unless one of them rendered a
   * constant under another decision: then they are all forgotten, and rendered again as asked.
   */
  sizesFrom(whole: Expr): this {
    if (this.namesIn !== undefined && whole !== this.decider) {
      // A component was written as its names decided (componentIsName): written again for the next.
      this.forgetRenderings();
      this.flipped = undefined;
      this.namesIn = undefined;
      this.sizesDecided = false;
    }
    if (this.sizesDecided && whole !== this.decider) {
      const before = this.decider === undefined ? undefined : constantsUnderSizeless(this.decider);
      const next = constantsUnderSizeless(whole);
      if (!(before !== undefined && (next === before || (next.size === 0 && before.size === 0)))) {
        this.forgetRenderings();
        this.flipped = undefined;
        this.sizesDecided = false;
      }
    }
    this.decider = whole;
    return this;
  }

  override write(e: Expr): Piece {
    const by = this.decider ?? e;
    if (by !== this.sizesBy) {
      this.sizesBy = by;
      this.sizedConstants = undefined;
    }
    return super.write(e);
  }

  /**
   * Whether a constant is written with its size (𝟏ₙ as 𝟏_n, \mathbf{1}_{n}; I as I_n, I_{n}): where
   * nothing in the text gives its size, so that it reads back (./constantSizes: inside an operand of
   * vec, ⊗, a reduction, …). Elsewhere the context gives the size and the constant is written bare (𝟏xᵀ, A + I).
   * The whole expression is searched for them only when it has a constant to write (most have none).
   */
  protected sized(e: Expr): boolean {
    this.sizesDecided = true;
    this.sizedConstants ??= constantsUnderSizeless(this.sizesBy as Expr);
    return this.sizedConstants.has(e);
  }

  /**
   * Whether the component `base` with the subscript `index` (x_{1}, A_{12}, A_{1,12}) would read as a
   * variable of its own: the readers read x_{1} (x₁) as x_1 or x1 where that name is declared (latex/
   * variables.ts numberedComponent), and the reader of the text is given the declarations of the
   * expression's variables (and of those `knowing` names). Then the component is written as an entry
   * of a bracketed array, (\mathbf{x})_{1}, (x)₁.
   */
  protected componentIsName(base: string, index: string): boolean {
    return [base + index.replace(',', '_'), `${base}_${index}`].some(this.isVariableName);
  }

  /**
   * Whether the numbered name x1 would read as a component if written x_{1} (x₁): where x is a variable
   * of the expression or one the reader is given, whose numbered subscript the readers read as its
   * component. Then x1 is written as the one name it is, \mathbf{x1} (\mathit{x1}), x1 in Unicode math.
   */
  protected numberedNameIsComponent(name: string): boolean {
    const m = NUMBERED_NAME.exec(name);
    return m !== null && this.isVariableName(m[1]);
  }

  /** Whether `name` is a variable's name of the expression or of the reader's declarations. */
  private readonly isVariableName = (name: string): boolean => this.variableNames().has(name) || this.knownVariable(name);

  /** Whether a word of several characters is a variable's name of the expression or of the reader's declarations. */
  private readonly spellsName = (word: string): boolean => word.length > 1 && this.isVariableName(word);

  /** The variables' names of the expression that decides (namesIn: the renderings depend on them from then on). */
  private variableNames(): ReadonlySet<string> {
    const root = this.sizesBy as Expr;
    if (this.namesIn?.root !== root) {
      const names = new Set<string>();
      for (const v of freeVariables(root)) names.add(v.name as string);
      this.namesIn = { root, names };
    }
    return this.namesIn.names;
  }

  /** A factor of a matrix or scalar product (nested products are flattened where that reads the same). */
  /** A factor of a matrix or scalar product: nested products are flattened, except inner products among matrices. */
  protected factor(f: Expr, parent: Expr): O {
    const o = this.get(f);
    if (f.op === 'mul' && o.prec === PREC.product) {
      const otherArrays = parent.args.some((g) => g !== f && !isScalar(g.shape));
      if (!(this.isInnerProduct(f) && otherArrays)) return o;
    }
    return this.operand(o, OPERAND.factor);
  }

  /**
   * Scalar products written as a matrix chain (xᵀy), directly or through an unparenthesized scalar
   * factor. Only scalars are ever asked about (isInnerProduct, and noteChain of a scalar factor), so
   * only scalars are kept: most products are arrays.
   */
  private chains: Set<Expr> | undefined;

  /** Call first in render(): children are rendered before parents, so this is linear and iterative. */
  protected noteChain(e: Expr): void {
    if (e.op !== 'mul' || !isScalar(e.shape)) return;
    for (const g of e.args) {
      if (!isScalar(g.shape) || this.chains?.has(g) === true) {
        (this.chains ??= new Set()).add(e);
        return;
      }
    }
  }

  /** A 1×1 factor that writes a chain must be parenthesized beside other arrays: A(xᵀy)B, not AxᵀyB. */
  protected isInnerProduct(f: Expr): boolean {
    return isScalar(f.shape) && this.chains?.has(f) === true;
  }

  /**
   * The unsigned body of a product with scalar denominators (s^(−k)) and the denominators of its
   * numeric fractions (the 2 of x/2).
   */
  protected abstract quotient(
    e: Expr, coefficient: readonly Piece[], factors: readonly Expr[], rendered: readonly O[], denominators: readonly Expr[], numberDenominators: readonly O[],
  ): O;

  /** The base of a superscript. */
  protected base(e: Expr): O {
    const o = this.get(e);
    return o.prec < PREC.atom || o.noSup ? this.paren(o) : o;
  }

  /** A sum: a negative number or product after the first term is subtracted. */
  protected sum(e: Expr): O {
    return this.sumOf(e, false) as O;
  }

  /**
   * A sum kept whole whose first term is a negative number or product, written with that term's
   * magnitude (a + b for −a + b), for the sum that subtracts it; else undefined. Once per node, from
   * the terms: a chain of such sums, each subtracted in the next, is written in time linear in its
   * text (slicing each sum's text was quadratic: 8,000 levels 815 ms, twice 4,000's).
   */
  private negatedSum(e: Expr): O | undefined {
    const negated = (this.negated ??= new Map());
    if (!negated.has(e)) negated.set(e, this.sumOf(e, true));
    return negated.get(e);
  }

  /** The sum e, or with `negateFirst` its first term's magnitude in its place (undefined when that is no negative number or product). */
  private sumOf(e: Expr, negateFirst: boolean): O | undefined {
    const { minus } = this.notation;
    const n = e.args.length;
    const parts: (Piece | string)[] = new Array<Piece | string>(n > 0 ? 2 * n - 1 : 0);
    const terms: O[] = new Array<O>(n);
    for (let i = 0; i < n; i++) {
      const t = e.args[i];
      let sign = '+';
      let o: O;
      const subtracted = i > 0 || negateFirst;
      if (subtracted && t.op === 'num' && rationalOf(t).n < 0n) {
        sign = minus;
        o = this.notation.number(neg(rationalOf(t)));
      } else if (subtracted && t.op === 'mul' && negativeProduct(t)) {
        sign = minus;
        o = this.flippedProduct(t);
      } else if (i === 0 && negateFirst) return undefined;
      else o = this.get(t);
      let startsWithMinus = o.p.head.startsWith(minus);
      if (i > 0 && t.op === 'add' && startsWithMinus) {
        // A sum kept whole inside this one (simplify/build.ts largeSumKept), its first term negative:
        // subtracted, z − a + b, as a textbook writes it (not z + (−a + b)); it reads back the same.
        sign = minus;
        o = this.negatedSum(t) ?? this.notation.make(piece(o.p.text.slice(minus.length)), PREC.sum, [o]);
        startsWithMinus = false;
      }
      if (i > 0 && (o.prec === PREC.negation || startsWithMinus)) o = this.paren(o);
      // A sum kept whole is flat, also as the first term (−a + b + z, as a textbook writes it).
      else if (!(t.op === 'add' && (i === 0 || !startsWithMinus))) o = this.operand(o, OPERAND.term);
      terms[i] = o;
      if (i > 0) parts[2 * i - 1] = ` ${sign} `;
      parts[2 * i] = o.p;
    }
    return this.notation.make(catList(parts), PREC.sum, terms);
  }

  private flippedProduct(e: Expr): O {
    const flipped = (this.flipped ??= new Map());
    let o = flipped.get(e);
    if (o === undefined) {
      o = this.product(e, true);
      flipped.set(e, o);
    }
    return o;
  }

  /** A product: its sign (flipped for subtraction), the magnitudes of its numbers, its factors, its denominators. */
  protected product(e: Expr, flip: boolean): O {
    const { minus, juxtapose, make } = this.notation;
    // The lists are made only when the product has numbers or denominators (most have neither), at
    // their sizes (a list grown by push from empty reserves 17 places).
    let numbers = 0;
    let reciprocals = 0;
    for (const f of e.args) {
      if (f.op === 'num') numbers++;
      else if (isReciprocal(f)) reciprocals++;
    }
    const plain = numbers === 0 && reciprocals === 0;
    const coefficient: Piece[] = numbers === 0 ? NONE : [];
    const numberDenominators: O[] = numbers === 0 ? NONE : [];
    const denominators: Expr[] = reciprocals === 0 ? NONE : new Array<Expr>(reciprocals);
    const factors: readonly Expr[] = plain ? e.args : new Array<Expr>(e.args.length - numbers - reciprocals);
    if (!plain) {
      let d = 0;
      let k = 0;
      for (const f of e.args) {
        if (f.op === 'num') this.coefficientOf(absolute(rationalOf(f)), coefficient, numberDenominators);
        else if (isReciprocal(f)) denominators[d++] = f;
        else (factors as Expr[])[k++] = f;
      }
    }
    const negative = negativeProduct(e) !== flip;
    const rendered = new Array<O>(factors.length);
    for (let i = 0; i < factors.length; i++) rendered[i] = this.factor(factors[i], e);
    let body: O;
    if (denominators.length > 0 || numberDenominators.length > 0) body = this.quotient(e, coefficient, factors, rendered, denominators, numberDenominators);
    else if (coefficient.length === 0 && rendered.length === 0) body = make(piece('1'), PREC.atom, []);
    else if (coefficient.length === 0 && rendered.length === 1) body = this.get(factors[0]);
    else {
      // The coefficient's pieces, then the factors' (a list made at its size: piece.ts join).
      const c = coefficient.length;
      const pieces = new Array<Piece>(c + rendered.length);
      for (let i = 0; i < c; i++) pieces[i] = coefficient[i];
      for (let i = 0; i < rendered.length; i++) pieces[c + i] = rendered[i].p;
      body = make(juxtapose(pieces, this.spellsName), PREC.product, rendered);
    }
    if (!negative) return body;
    // −(A ⊗ B) and −(a ⊙ b) keep their parentheses, as in the literature; −Ax needs none.
    const signed = body.prec === PREC.negation || body.p.head.startsWith(minus);
    const infix = factors.length === 1 && coefficient.length === 0 && denominators.length === 0 && isInfixProduct(factors[0]);
    const operand = signed || infix ? this.paren(body) : this.operand(body, OPERAND.negated);
    return make(cat(minus, operand.p), PREC.negation, [operand]);
  }

  /** A positive number in a product: a coefficient (2, 0.5), or a fraction's numerator and denominator (x/2, 3x/4). */
  private coefficientOf(m: Rational, coefficient: Piece[], denominators: O[]): void {
    if (m.n === 1n && m.d === 1n) return;
    const parts = numberParts(m);
    if ('digits' in parts) {
      coefficient.push(this.notation.number(m).p);
      return;
    }
    if (m.n !== 1n) coefficient.push(this.notation.number(rational(m.n)).p);
    denominators.push(this.notation.number(rational(m.d)));
  }

  /** An element-wise product a ⊙ b, with divisors b.^(−1) as a quotient (a ⊙ b) ⊘ c. */
  protected hadamard(e: Expr): O {
    const { hadamard, elementwiseQuotient, make } = this.notation;
    const num: O[] = [];
    const den: O[] = [];
    for (const f of e.args) {
      if (isElementwiseReciprocal(f)) den.push(this.operand(this.get(f.args[0]), OPERAND.factor));
      else {
        const o = this.get(f);
        const flat = f.op === 'hadamard' && !f.args.some(isElementwiseReciprocal) && o.prec === PREC.product;
        num.push(flat ? o : this.operand(o, OPERAND.factor));
      }
    }
    const all = [...num, ...den];
    const product = (os: readonly O[]): O => make(join(os.map((o) => o.p), hadamard), PREC.product, all);
    if (den.length === 0) return product(num);
    let n: O;
    // 𝟏 ⊘ x: the ones of the product's shape, as the writer writes them (𝟏ᵀ ⊘ xᵀ for a row, not 𝟏, a column).
    if (num.length === 0) n = this.operand(this.render(onesOf(e.shape)), OPERAND.factor);
    else if (num.length === 1) n = num[0];
    else n = this.paren(product(num));
    const d = den.length === 1 ? den[0] : this.paren(product(den));
    return make(cat(n.p, elementwiseQuotient, d.p), PREC.product, all);
  }
}
