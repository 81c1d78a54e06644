/**
 * Notation for derivation displays, in LaTeX and Unicode: derivative fractions (d for a total
 * derivative of one scalar variable, ∂ otherwise, vec for matrices, as in the paper), lists of
 * definitions, equations. The expressions in them are written by the derivation's Writer (writer.ts:
 * for the reader of the answer, as the steps' displays are).
 */
import type { Expr } from '../model/expr';
import { isMatrix, isScalar, shapeText } from '../model/shape';
import { isReciprocal } from '../write/mathWriter';
import type { Display, Notation, Part } from './step';
import type { Writer } from './writer';

export const note = (tex: string, text: string = tex): Notation => ({ tex, text });

export const EQUALS = note(' = ', ' = ');
export const NOT_EQUALS = note(' \\ne ', ' ≠ ');
export const SEPARATOR = note(',\\quad ', ',  ');
export const PLUS = note(' + ', ' + ');

/** The name of a variable (or a small expression) as notation. */
export function nameOf(w: Writer, e: Expr): Notation {
  return note(w.latex(e), w.unicode(e));
}

/** The most nodes (of the written-out tree) an expression may have to be written inside a sentence. */
export const MENTION_SIZE = 24;

/**
 * Expressions written inside an explanation's sentence, joined with "and" — or undefined when one is
 * too large to write there: an argument can be a tree exponentially larger than the DAG that stores it.
 */
export function mention(w: Writer, es: readonly Expr[]): string | undefined {
  return es.every((e) => e.size <= MENTION_SIZE) ? es.map(w.unicode).join(' and ') : undefined;
}

export interface FractionOptions {
  /** d instead of ∂ (a total derivative with respect to one scalar). */
  readonly total?: boolean;
  /** Derivatives in gradient form have the variable's shape: no vec even for matrices. */
  readonly gradientForm?: boolean;
}

/** An expression as the numerator of ∂(·)/∂x: in parentheses, ∂(xᵀAx)/∂x. */
const parenthesized = (w: Writer, e: Expr): Notation => note(`\\left(${w.latex(e)}\\right)`, `(${w.unicode(e)})`);

/** ∂y/∂x as notation: dy/dx, ∂𝐲/∂𝐱, ∂vec Y/∂(vec X)ᵀ; an expression on top in parentheses, ∂(xᵀAx)/∂x. */
export function fraction(w: Writer, y: Expr | Notation, x: Expr | Notation, opts: FractionOptions = {}): Notation {
  const yn = isNotation(y) ? y : y.args.length > 0 ? parenthesized(w, y) : nameOf(w, y);
  const xn = isNotation(x) ? x : nameOf(w, x);
  const yMatrix = !isNotation(y) && isMatrix(y.shape);
  const xMatrix = !isNotation(x) && isMatrix(x.shape);
  const vecForm = !opts.gradientForm && (yMatrix || xMatrix);
  if (opts.total) return note(`\\frac{d${space(yn.tex)}${yn.tex}}{d${space(xn.tex)}${xn.tex}}`, `d${yn.text}/d${xn.text}`);
  if (vecForm) {
    const num = yMatrix ? `\\partial \\operatorname{vec} ${yn.tex}` : `\\partial ${yn.tex}`;
    const den = xMatrix ? `\\partial (\\operatorname{vec} ${xn.tex})^{\\top}` : `\\partial ${xn.tex}`;
    const numText = yMatrix ? `∂vec${yn.text.startsWith('(') ? '' : ' '}${yn.text}` : `∂${yn.text}`;
    const denText = xMatrix ? `∂(vec ${xn.text})ᵀ` : `∂${xn.text}`;
    return note(`\\frac{${num}}{${den}}`, `${numText}/${denText}`);
  }
  return note(`\\frac{\\partial ${yn.tex}}{\\partial ${xn.tex}}`, `∂${yn.text}/∂${xn.text}`);
}

/** A space after d when the name starts with a letter (d u, not du read as a name). */
const space = (tex: string): string => (/^[A-Za-z]/.test(tex) ? '' : ' ');

function isNotation(p: unknown): p is Notation {
  return typeof p === 'object' && p !== null && 'tex' in p && 'text' in p;
}

export { isNotation };

/** `name = expr` items separated by commas. */
export function definitionList(w: Writer, items: readonly (readonly [Expr, Expr | Part])[]): Display {
  const out: Part[] = [];
  items.forEach(([v, e], i) => {
    if (i > 0) out.push(SEPARATOR);
    out.push(nameOf(w, v), EQUALS, e);
  });
  return out;
}

/** lhs = a = b = …, skipping a repeated right-hand side. */
export function equation(lhs: Part, ...rhs: Part[]): Display {
  const out: Part[] = [lhs];
  let last: Part | undefined;
  for (const r of rhs) {
    if (r === last) continue;
    out.push(EQUALS, r);
    last = r;
  }
  return out;
}

/** Juxtaposed notation pieces (a product of fractions). */
export function product(parts: readonly Notation[], sep = ''): Notation {
  return note(parts.map((p) => p.tex).join(sep === '' ? ' ' : sep), parts.map((p) => p.text).join(sep === '' ? ' ' : sep));
}

export function sum(parts: readonly Notation[]): Notation {
  return note(parts.map((p) => p.tex).join(' + '), parts.map((p) => p.text).join(' + '));
}

/**
 * A factor of a displayed product: sums, negative terms and the products that bind less tightly
 * than juxtaposition (A ⊗ B, a ⊙ b) in parentheses — (…)(I ⊗ 𝟏), not (…) I ⊗ 𝟏.
 */
export function factorNote(w: Writer, e: Expr): Notation {
  const tex = w.latex(e);
  const text = w.unicode(e);
  const wrap = e.op === 'add' || e.op === 'kron' || e.op === 'hadamard' || tex.startsWith('-');
  return wrap ? note(`\\left(${tex}\\right)`, `(${text})`) : note(tex, text);
}

/** A product shown factor by factor, as the chain rule writes it: cos(u) · 2x, (1/u₃) · 2u₂ · …. */
export function productNote(w: Writer, all: readonly Expr[]): Notation {
  // A factor 1 is shown between scalars (1 · 2x, as the paper does), and before an array where it
  // is one of two (1 · xᵀ: the chain multiplies two derivatives), but not in a longer chain of arrays.
  const ones = all.filter((f) => f.op === 'num' && f.value === 1).length;
  const factors = all.some((f) => !isScalar(f.shape)) && all.length - ones > 1 ? all.filter((f) => !(f.op === 'num' && f.value === 1)) : all;
  let tex = '';
  let text = '';
  factors.forEach((f, i) => {
    const n = factorNote(w, f);
    if (i > 0) {
      // A number times what follows is written with a dot, as between scalars: (−1) · σ(u)xᵀ.
      const dot = isScalar(factors[i - 1].shape) && (isScalar(f.shape) || factors[i - 1].op === 'num');
      tex += dot ? ' \\cdot ' : ' ';
      text += dot ? ' · ' : ' ';
    }
    tex += n.tex;
    // In text a quotient before another factor is bracketed: (2uᵀ/m) X, not 2uᵀ/m X.
    text += i < factors.length - 1 && f.op === 'mul' && f.args.some(isReciprocal) && !n.tex.startsWith('\\left(') ? `(${n.text})` : n.text;
  });
  return note(tex, text);
}

export const shapeNote = (e: Expr): string => shapeText(e.shape);
