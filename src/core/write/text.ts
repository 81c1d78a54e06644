/**
 * The plain syntax (the input language), written so that the plain reader reads it back:
 * `x'`, `A*x`, `x .* y`, `x ./ y`, `x.^2`, `s^-1`, `a/s`, `exp(x)`, `max(0, u)`, `min(0, u)`,
 * `step(u)`, `tr(X)`, `inv(X)`, `diag(x)`, `eye(n)`, `ones(n)`, `zeros(m, n)`, `kron(A, B)`,
 * `vec(X)`, `[a, b]`; and, for nodes the differentiator makes, `commutation(m, n)`, `unit(n, i)`,
 * `entry(A, i, j)`; the number of entries of an m×n array is written m*n (a dimension name used as
 * a value reads as that size).
 *
 * Reading the text back gives the same expression (the same hash-consed node), except:
 * - a negative coefficient in a sum is written as a subtraction: a + (−2)·b prints as `a - 2*b`,
 *   which reads as a + (−1)·(2·b); a scaled expansion c·z·𝟏 prints as `c*z`, read as (c·z)·𝟏
 *   (equal up to the association of numeric factors);
 * - a row literal prints as the transpose of a column, `[a, b]'`;
 * - an element-wise product with a 1×1 factor reads back as a scaling (the reader's convention);
 * - a matrix power with a negative exponent (`X^-2`), NaN and ±Infinity have no plain spelling.
 * A scalar added to an array is written without its expansion (x + z·𝟏 prints as `x + z`), which
 * the reader expands back exactly. Unicode-free. Parentheses come from the shared table in ./precedence; nested sums and products
 * keep theirs, so the grouping reads back as written. Linear in the DAG size, iterative (./dagWriter).
 */
import { rationalOf, type Expr } from '../model/expr';
import { fromNumber, neg, numberParts, rational, type Rational } from '../model/rational';
import { functionRecord } from '../functions/index';
import { Dim, isScalar, isColumn, mulDim, sameShape } from '../model/shape';
import { Piece, piece, cat, catList, join } from './piece';
import { PREC, Prec, OPERAND } from './precedence';
import { DagWriter, type Rendered as Out } from './dagWriter';
import { isElementwiseReciprocal } from './mathWriter';
import type { KnownDimensions } from './declarations';

const out = (p: Piece | string, prec: Prec): Out => ({ p: typeof p === 'string' ? piece(p) : p, prec });

/** The operators of a product chain (pieces are immutable: one of each serves every product). */
const STAR = piece('*');
const SLASH = piece('/');

/** `dimensions`: those the reader is given (DagWriter.knowing); without them every size is written as its name. */
export function toText(e: Expr, dimensions?: KnownDimensions): string {
  return new TextWriter().knowing(dimensions).write(e).text;
}

/** One writer for several expressions (a named form's parts): a node they share is rendered once. */
export function textWriting(dimensions?: KnownDimensions): (e: Expr) => string {
  const w = new TextWriter().knowing(dimensions);
  return (e) => w.write(e).text;
}

/** The written length of every node of e, from one rendering of e (linear in the DAG). */
export function textLengths(e: Expr): (node: Expr) => number {
  const w = new TextWriter();
  w.write(e);
  return (node) => w.renderedLength(node) ?? 0;
}

/**
 * A measure of written lengths for nodes visited bottom-up (children before parents): each node is
 * rendered once, from its children's renderings, so measuring a whole DAG is linear in its size.
 * `write` writes with the same renderings: what was measured is not rendered again.
 */
export function textMeasure(dimensions?: KnownDimensions): { readonly length: (node: Expr) => number; readonly write: (e: Expr) => string } {
  const w = new TextWriter().knowing(dimensions);
  return { length: (node) => w.lengthOf(node), write: (e) => w.write(e).text };
}

/** A number in the plain syntax (1.5, 1e-7, -2, 1/3). */
export function textNumber(r: Rational): Out {
  const parts = numberParts(r);
  if ('digits' in parts) return r.n < 0n ? out(`-${parts.digits}`, PREC.negation) : out(parts.digits, PREC.atom);
  return out(`${r.n < 0n ? '-' : ''}${parts.numerator}/${parts.denominator}`, PREC.product);
}

/** A fraction's denominator (3 of ⅔), or undefined for integers and decimals. */
function fractionDenominator(r: Rational): string | undefined {
  const parts = numberParts(r);
  return 'digits' in parts ? undefined : parts.denominator;
}

/** A dimension in the plain syntax: n, 3, m*n. */
export const textDim = (d: Dim): string => String(d).replace(/·/g, '*');

const isNegativeNumber = (e: Expr): boolean => e.op === 'num' && rationalOf(e).n < 0n;

/** A scalar reciprocal s^(−1): written as a division after the first factor. */
const isScalarReciprocal = (f: Expr): boolean =>
  f.op === 'pow' && isScalar(f.shape) && f.args[1].op === 'num' && f.args[1].value === -1;

class TextWriter extends DagWriter<Out> {
  /** Magnitudes of negative terms, made at the first one (most writers write none). */
  private magnitude: Map<Expr, Out> | undefined;

  constructor() {
    super('text');
  }

  protected paren(o: Out): Out {
    return out(cat('(', o.p, ')'), PREC.atom);
  }

  private call(name: string, ...args: (Out | string)[]): Out {
    // One argument (most calls): its piece between the brackets, without a list of one.
    if (args.length === 1) {
      const a = args[0];
      return out(cat(`${name}(`, typeof a === 'string' ? a : a.p, ')'), PREC.atom);
    }
    return out(cat(`${name}(`, join(args.map((a) => (typeof a === 'string' ? piece(a) : a.p)), ', '), ')'), PREC.atom);
  }

  protected render(e: Expr): Out {
    const a = e.args;
    switch (e.op) {
      case 'var':
        return out(e.name as string, PREC.atom);
      case 'num':
        return textNumber(rationalOf(e));
      case 'const':
        return out(e.name as string, PREC.atom);
      case 'zeros':
      case 'ones':
        return this.call(e.op, ...this.shapeArgs(e));
      case 'eye':
        return this.call('eye', textDim(e.shape.rows));
      case 'commutation': {
        const [p, q] = e.dims ?? [];
        return this.call('commutation', textDim(p), textDim(q));
      }
      case 'unit':
        return this.call('unit', textDim(e.shape.rows), String(e.value));
      case 'size': {
        // The number of entries, as a textbook writes it: N, n*k (a dimension name reads back as its
        // size) — or sum(ones(n)) for a size of no declared variable (DagWriter.declaredDimension).
        const [r, c] = e.dims ?? [1, 1];
        const d = mulDim(r, c);
        if (!this.declaredDimension(d)) return this.call('sum', this.call('ones', textDim(d)));
        return out(textDim(d), typeof d === 'string' && d.includes('·') ? PREC.product : PREC.atom);
      }
      case 'add':
        return this.sum(e);
      case 'mul':
        return this.product(e);
      case 'hadamard':
        return this.hadamard(e);
      case 'pow':
        return this.power(a[0], a[1], isScalar(e.shape) ? '^' : '.^');
      case 'matpow':
        return out(cat(this.operand(this.get(a[0]), OPERAND.base).p, '^', textNumber(fromNumber(e.value as number)).p), PREC.power);
      case 'transpose':
        return out(cat(this.operand(this.get(a[0]), OPERAND.base).p, "'"), PREC.power);
      case 'fn': {
        const r = functionRecord(e.name);
        if (r.form === 'zero-first') return this.call(r.plain.write, '0', this.get(a[0]));
        return this.call(r.plain.write, this.get(a[0]));
      }
      case 'sum':
      case 'mean':
      case 'norm1':
      case 'norm2':
      case 'tr':
      case 'det':
      case 'logdet':
      case 'inv':
      case 'softmax':
      case 'logsumexp':
      case 'vec':
        return this.call(e.op, this.get(a[0]));
      case 'diagm':
      case 'diagv':
        return this.call('diag', this.get(a[0]));
      case 'softmaxAlong':
        return this.call('softmax', this.get(a[0]), String(e.value));
      case 'logsumexpAlong':
        return this.call('logsumexp', this.get(a[0]), String(e.value));
      case 'kron':
        return this.call('kron', this.get(a[0]), this.get(a[1]));
      case 'maximum':
      case 'minimum':
        return this.call(e.op === 'maximum' ? 'max' : 'min', this.get(a[0]), this.get(a[1]));
      case 'block':
        return this.block(e);
      case 'entry': {
        const [i, j] = e.dims ?? [1, 1];
        return this.call('entry', this.get(a[0]), String(i), String(j));
      }
      case 'contract':
        return this.call('einsum', `"${e.name as string}"`, ...a.map((x) => this.get(x)));
    }
  }

  /** ones(n) for a column, ones(1, n) for a row, ones(m, n) for a matrix. */
  private shapeArgs(e: Expr): string[] {
    if (isColumn(e.shape)) return [textDim(e.shape.rows)];
    return [textDim(e.shape.rows), textDim(e.shape.cols)];
  }

  /**
   * A sum. A scalar expansion z·𝟏 (𝟏 for z = 1) of the sum's shape prints as z once an array term
   * precedes it, or as the first term when the second is an array: the reader expands it back
   * (x + z, z + x, x - z).
   */
  private sum(e: Expr): Out {
    const arrays = !isScalar(e.shape);
    /** The scalar factors of an expansion c·z·𝟏 (none for 𝟏 itself), or undefined. */
    const expansion = (t: Expr): Expr[] | undefined => {
      if (!arrays) return undefined;
      if (t.op === 'ones' && sameShape(t.shape, e.shape)) return [];
      if (t.op !== 'mul' || t.args.length < 2) return undefined;
      const last = t.args[t.args.length - 1];
      const scalars = t.args.slice(0, -1);
      return last.op === 'ones' && sameShape(last.shape, e.shape) && scalars.every((f) => isScalar(f.shape)) ? scalars : undefined;
    };
    /** −(z·𝟏), as the reader builds x − z: the scalar factors of the expansion. */
    const negatedExpansion = (t: Expr): Expr[] | undefined =>
      t.op === 'mul' && t.args.length === 2 && t.args[0].op === 'num' && t.args[0].value === -1 ? expansion(t.args[1]) : undefined;
    const plainArray = (t: Expr): boolean => expansion(t) === undefined && negatedExpansion(t) === undefined;

    const parts: Piece[] = [];
    const [first, second] = e.args;
    const firstScalar = e.args.length > 1 && plainArray(second) ? expansion(first) : undefined;
    if (firstScalar !== undefined) parts.push(this.termOperand(this.scalars(firstScalar), true).p);
    else parts.push((first.op === 'add' ? this.paren(this.get(first)) : this.get(first)).p);
    let arraySoFar = firstScalar === undefined;
    for (const t of e.args.slice(1)) {
      const z = arraySoFar ? expansion(t) : undefined;
      const minusZ = arraySoFar ? negatedExpansion(t) : undefined;
      let negative: Out | undefined;
      let positive: Out | undefined;
      if (minusZ !== undefined) negative = this.scalars(minusZ);
      else if (z !== undefined) {
        negative = this.negativeScalars(z);
        if (negative === undefined) positive = this.scalars(z);
      } else {
        negative = this.negativeTerm(t);
        if (negative === undefined) positive = this.get(t);
      }
      if (negative !== undefined) parts.push(piece(' - '), this.termOperand(negative).p);
      else parts.push(piece(' + '), this.termOperand(positive as Out).p);
      arraySoFar ||= z === undefined && minusZ === undefined;
    }
    return out(cat(...parts), PREC.sum);
  }

  /** A product of scalar factors: 1 for none. */
  private scalars(factors: readonly Expr[]): Out {
    if (factors.length === 0) return textNumber(fromNumber(1));
    if (factors.length === 1) return this.get(factors[0]);
    return this.chain(factors.map((f) => this.get(f)), factors, 0);
  }

  /** The magnitude of scalar factors led by a negative number (−2·z → 2*z), or undefined. */
  private negativeScalars(factors: readonly Expr[]): Out | undefined {
    const [c, ...rest] = factors;
    if (c === undefined || !isNegativeNumber(c)) return undefined;
    const m = neg(rationalOf(c));
    if (rest.length === 0) return textNumber(m);
    return this.scaled(m, rest);
  }

  /**
   * c·f1·f2… for a positive number c: 2*x, x (c = 1), x/2 and 3*x/2 (a fraction's denominator
   * goes last, so ½x is x/2 rather than (1/2)*x).
   */
  private scaled(c: Rational, rest: readonly Expr[]): Out {
    const q = fractionDenominator(c);
    const numerator = q === undefined ? c : rational(c.n);
    const lead = numerator.n === 1n && numerator.d === 1n ? [] : [textNumber(numerator)];
    const outs = [...lead, ...rest.map((f) => this.get(f))];
    const body = lead.length > 0 ? this.chain(outs, rest, 1) : rest.length === 1 ? this.get(rest[0]) : this.factors(rest);
    if (q === undefined) return body;
    return out(cat(this.operand(body, PREC.product).p, '/', q), PREC.product);
  }


  /** A term after + or − (no sums, no leading sign), or a leading term (no sums). */
  private termOperand(o: Out, leading = false): Out {
    return (o.prec === PREC.negation && !leading) || o.prec === PREC.sum ? this.paren(o) : o;
  }

  /** The magnitude of a negative term (−b → b, −2·b → 2*b, −3 → 3), or undefined. */
  private negativeTerm(t: Expr): Out | undefined {
    if (isNegativeNumber(t)) return textNumber(neg(rationalOf(t)));
    if (t.op !== 'mul' || !isNegativeNumber(t.args[0])) return undefined;
    const magnitude = (this.magnitude ??= new Map());
    let o = magnitude.get(t);
    if (o === undefined) {
      o = this.scaled(neg(rationalOf(t.args[0])), t.args.slice(1));
      magnitude.set(t, o);
    }
    return o;
  }

  private product(e: Expr): Out {
    const first = e.args[0];
    // Without a leading number (most products): no list of the other factors is made.
    if (first.op !== 'num') return this.factors(e.args);
    const rest = e.args.slice(1);
    if (first.value === -1 && rest.length === 1) {
      return out(cat('-', this.operand(this.get(rest[0]), OPERAND.negatedExact).p), PREC.negation);
    }
    // −A·B is written -A*B, never -1*A*B.
    if (first.value === -1) return out(cat('-', this.factors(rest).p), PREC.negation);
    // ⅔·x is written 2*x/3, −⅔·x -(2*x/3)
    if (rest.length > 0 && fractionDenominator(rationalOf(first)) !== undefined) {
      const c = rationalOf(first);
      const body = this.scaled(c.n < 0n ? neg(c) : c, rest);
      return c.n < 0n ? out(cat('-', this.paren(body).p), PREC.negation) : body;
    }
    // A positive whole number over an array is the reader's c ./ v: 1 ./ (1 + exp(-x)), not 1*(1 + exp(-x)).^-1.
    if (rest.length === 1 && isElementwiseReciprocal(rest[0]) && rationalOf(first).n > 0n) {
      return out(cat(this.get(first).p, ' ./ ', this.operand(this.get(rest[0].args[0]), OPERAND.factor).p), PREC.product);
    }
    return this.factors(e.args);
  }

  /**
   * Factors as a chain; a leading scalar reciprocal goes behind the others as a division, as a
   * textbook writes it: (x - a)/norm2(x - a), ones(n)*ones(1, n)/n, never n^-1*ones(n)*….
   */
  private factors(fs: readonly Expr[]): Out {
    const ordered = fs.length > 1 && isScalarReciprocal(fs[0]) && !isScalarReciprocal(fs[1]) ? [...fs.slice(1), fs[0]] : fs;
    return this.chain(ordered.map((f) => this.get(f)), ordered, 0);
  }

  /**
   * A product chain f0*f1/f2…: the first factor may carry a sign; later factors are powers or
   * atoms; nested products keep their parentheses so the grouping reads back as written.
   * `outs[i]` renders `factors[i - offset]` (for i ≥ offset).
   */
  private chain(outs: readonly Out[], factors: readonly Expr[], offset: number): Out {
    // The first factor, then an operator and a factor for each other: a list made at its size.
    const n = outs.length;
    const parts = new Array<Piece>(n > 0 ? 2 * n - 1 : 0);
    for (let i = 0; i < n; i++) {
      const o = outs[i];
      const f = i >= offset ? factors[i - offset] : undefined;
      if (i === 0) {
        const nested = f !== undefined && (f.op === 'mul' || f.op === 'hadamard');
        parts[0] = (nested || o.prec < PREC.negation ? this.paren(o) : o).p;
      } else if (f !== undefined && isScalarReciprocal(f)) {
        parts[2 * i - 1] = SLASH;
        parts[2 * i] = this.operand(this.get(f.args[0]), OPERAND.factor).p;
      } else {
        parts[2 * i - 1] = STAR;
        parts[2 * i] = this.operand(o, OPERAND.factor).p;
      }
    }
    return out(catList(parts), PREC.product);
  }

  private hadamard(e: Expr): Out {
    // The first factor, then an operator and a factor for each other: a list made at its size.
    const n = e.args.length;
    const parts = new Array<Piece | string>(n > 0 ? 2 * n - 1 : 0);
    for (let i = 0; i < n; i++) {
      const f = e.args[i];
      if (i === 0) {
        const o = this.get(f);
        parts[0] = (f.op === 'mul' || f.op === 'hadamard' || o.prec < PREC.negation ? this.paren(o) : o).p;
      } else if (isElementwiseReciprocal(f)) {
        parts[2 * i - 1] = ' ./ ';
        parts[2 * i] = this.operand(this.get(f.args[0]), OPERAND.factor).p;
      } else {
        parts[2 * i - 1] = ' .* ';
        parts[2 * i] = this.operand(this.get(f), OPERAND.factor).p;
      }
    }
    return out(catList(parts), PREC.product);
  }

  private power(b: Expr, k: Expr, op: '^' | '.^'): Out {
    const base = this.operand(this.get(b), OPERAND.base);
    // x^-1 reads back as written; a fraction needs its parentheses: x^(1/2), x^(-1/2).
    const exponent = k.op === 'num' && this.get(k).prec >= PREC.negation ? this.get(k) : this.operand(this.get(k), OPERAND.base);
    return out(cat(base.p, op, exponent.p), PREC.power);
  }

  /** [a, b, c] for a column; a row is the transpose of a column; a matrix as MATLAB rows. */
  private block(e: Expr): Out {
    const [rows, cols] = (e.dims ?? [e.shape.rows, e.shape.cols]) as number[];
    const entries = e.args.map((f) => this.get(f).p);
    if (cols === 1) return out(cat('[', join(entries, ', '), ']'), PREC.atom);
    if (rows === 1) return out(cat('[', join(entries, ', '), "]'"), PREC.power);
    const lines: Piece[] = [];
    for (let i = 0; i < rows; i++) lines.push(join(entries.slice(i * cols, (i + 1) * cols), ', '));
    return out(cat('[', join(lines, '; '), ']'), PREC.atom);
  }
}
