/**
 * The index formula written out, in LaTeX and in Unicode:
 *   ∂(X⁻¹)ᵢⱼ/∂Xₖₗ = −(X⁻¹)ᵢₖ(X⁻¹)ₗⱼ   (i, j, k, l = 1…n)
 * Components of a variable are written as scalars (xᵢ, Aᵢₖ), of anything else in parentheses
 * ((X⁻¹)ᵢₖ); summation indices are summed explicitly (Σₚ, \sum_{p=1}^{n}); ranges close the line.
 */
import { type Expr, freeVariables, variable, walkUnvisited } from '../model/expr';
import { replaceNode } from '../derivation/substitute';
import { writerFor } from '../derivation/writer';
import { dimFactors, dimText, type Dim } from '../model/shape';
import { absolute, equals, numberParts, ONE, sign, type Rational } from '../model/rational';
import type { KnownDimensions } from '../write/index';
import { latexDim, latexName, splitName } from '../write/names';
import { NoIndexForm, type Factor, type IndexTerm, type Ix } from './components';
import type { IndexFormula } from './formula';
import { denominatorOf, isCompoundDenominator } from './denominator';

export interface WrittenIndexForm {
  readonly latex: string;
  readonly unicode: string;
}

const SUBSCRIPTS: Readonly<Record<string, string>> = {
  a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
  0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉',
};

/** Subscript letters (ᵢⱼ), or _ and the letters when one has no subscript form. One pass, no lists: the index form writes one per entry. */
function sub(letters: string): string {
  let out = '';
  for (let i = 0; i < letters.length; i++) {
    // A code unit of a pair (outside the BMP) has no entry either: the same as looking its code point up.
    const s = SUBSCRIPTS[letters[i]];
    if (s === undefined) return `_${letters}`;
    out += s;
  }
  return out;
}
const letters = (r: Ix, c: Ix): string => (r === null ? (c ?? '') : c === null ? r : r + c);

interface Style {
  entry(of: Expr, ix: string): string;
  delta(ix: string): string;
  sum(letter: string, range: Dim): string;
  /** A positive coefficient. */
  number(k: Rational): string;
  /** The numerator over the denominators: 2xᵢ/n, \\frac{2 x_{i}}{n}. */
  quotient(numerator: string, denominators: readonly Expr[]): string;
  minus: string;
}

/** The Unicode style, its expressions written by `write` (for the reader of the answer: writeIndexForm). */
const unicodeStyle = (write: (e: Expr) => string): Style => ({
  entry: (of, ix) => {
    const text = write(of);
    if (ix === '') return of.op === 'add' ? `(${text})` : text;
    return of.op === 'var' ? `${text}${sub(ix)}` : `(${text})${sub(ix)}`;
  },
  delta: (ix) => `δ${sub(ix)}`,
  sum: (letter) => `Σ${sub(letter)} `,
  number: (k) => fraction(k, (p, q) => FRACTIONS[`${p}/${q}`] ?? `(${p}/${q})`),
  quotient: (numerator, denominators) => {
    const single = denominators.length === 1 && !isCompoundDenominator(denominators[0]);
    const text = denominators.map(write).join('');
    return `${numerator}/${single ? text : `(${text})`}`;
  },
  minus: '−',
});

/**
 * A variable's name before its components' subscript in LaTeX: as the expressions write a scalar's
 * name (x, \\alpha, \\mathit{Wx}: Wx_{i} reads as W·x_{i}, alpha as a·l·p·h·a); a name with a
 * subscript of its own (W1, w_out) as it is, since a second subscript cannot follow the first.
 */
const componentName = (name: string): string => (splitName(name).sub === undefined ? latexName(name, 'scalar') : name);

/** The LaTeX style, its expressions written by `write`. */
const latexStyle = (write: (e: Expr) => string): Style => ({
  entry: (of, ix) => {
    const text = of.op === 'var' ? componentName(of.name as string) : write(of);
    if (ix === '') return of.op === 'add' ? `\\left(${text}\\right)` : text;
    return of.op === 'var' ? `${text}_{${ix}}` : `\\left(${text}\\right)_{${ix}}`;
  },
  delta: (ix) => `\\delta_{${ix}}`,
  sum: (letter, range) => `\\sum_{${letter}=1}^{${latexRange(range)}} `,
  number: (k) => fraction(k, (p, q) => `\\frac{${p}}{${q}}`),
  quotient: (numerator, denominators) => `\\frac{${numerator}}{${denominators.map(write).join(' ')}}`,
  minus: '-',
});

const FRACTIONS: Readonly<Record<string, string>> = { '1/2': '½', '1/3': '⅓', '2/3': '⅔', '1/4': '¼', '3/4': '¾' };

/** A positive coefficient: an integer or a decimal as digits, any other rational as `write(p, q)`. */
function fraction(k: Rational, write: (p: string, q: string) => string): string {
  const parts = numberParts(k);
  return 'digits' in parts ? parts.digits : write(parts.numerator, parts.denominator);
}

function writeFactor(f: Factor, style: Style): string {
  return f.kind === 'delta' ? style.delta(f.a + f.b) : style.entry(f.of, letters(f.r, f.c));
}

function writeTerms(terms: readonly IndexTerm[], style: Style, separator: string): string {
  if (terms.length === 0) return '0';
  return terms
    .map((t, n) => {
      const negative = sign(t.coef) < 0;
      const size = absolute(t.coef);
      // A scalar b^(−k) without an index is a denominator: 2xᵢ/n, as the matrix form writes 2x/n.
      const denominators: Expr[] = [];
      const numerators: string[] = [];
      for (const f of t.factors) {
        const d = denominatorOf(f);
        if (d === undefined) numerators.push(writeFactor(f, style));
        else denominators.push(d);
      }
      const factors = numerators.join(separator);
      const coefficient = equals(size, ONE) && factors !== '' ? '' : style.number(size) + (factors !== '' ? separator : '');
      const sums = t.sums.map((s, k) => style.sum(s, t.ranges?.[k] ?? 1)).join('');
      const numerator = `${coefficient}${factors}`;
      const body = `${sums}${denominators.length === 0 ? numerator : style.quotient(numerator, denominators)}`;
      if (n === 0) return negative ? `${style.minus}${body}` : body;
      return negative ? ` ${style.minus} ${body}` : ` + ${body}`;
    })
    .join('');
}

/**
 * A range in LaTeX: n, mn, n^{2} (n·n), \\mathit{batch} \\cdot d — the factors of dimFactors, each
 * symbol as latexDim writes it, single letters juxtaposed as dimText does.
 */
function latexRange(d: Dim): string {
  if (typeof d === 'number' || !d.includes('·')) return latexDim(d);
  const { coefficient, symbols } = dimFactors(d);
  const juxtaposed = symbols.every(([s]) => /^[A-Za-z]$/.test(s));
  const parts = symbols.map(([s, k]) => (k === 1 ? latexDim(s) : `${latexDim(s)}^{${k}}`));
  return [...(coefficient === 1 && parts.length > 0 ? [] : [String(coefficient)]), ...parts].join(juxtaposed ? '' : ' \\cdot ');
}

/**
 * "i, k = 1…n; j, l = 1…m": the free letters grouped by range, each written by `dim`, with the
 * summation letters when `sums` (Unicode writes Σₚ without limits; each summation letter has one
 * range, formula.ts oneRangePerLetter).
 */
function rangesText(formula: IndexFormula, dots: string, dim: (d: Dim) => string, join: (names: string, range: string) => string, sums = false): string {
  const byRange = new Map<string, string[]>();
  const add = (letter: string, d: Dim): void => {
    const key = dim(d);
    const names = byRange.get(key);
    if (names) names.push(letter);
    else byRange.set(key, [letter]);
  };
  for (const [letter, d] of formula.ranges) add(letter, d);
  if (sums) {
    const summed = new Set<string>();
    for (const t of formula.terms) {
      t.sums.forEach((s, k) => {
        if (summed.has(s)) return;
        summed.add(s);
        add(s, t.ranges?.[k] ?? 1);
      });
    }
  }
  const text = [...byRange].map(([range, names]) => join(names.join(', '), `1${dots}${range}`));
  return text.join('; ');
}

/**
 * The textbook's name for a softmax whose entries the formula uses — Pᵢⱼ for softmax(Z, d), pᵢ for
 * softmax(z), as the result's named form defines P — with the formula written in it, or undefined
 * (none, several different ones, or the name taken by a variable).
 */
function namedSoftmax(formula: IndexFormula): { readonly name: Expr; readonly value: Expr; readonly formula: IndexFormula } | undefined {
  const isSoftmax = (e: Expr): boolean => e.op === 'softmax' || e.op === 'softmaxAlong';
  const found = new Set<Expr>();
  // One walk of the entries' nodes, each node once however many entries share it.
  const seen = new Set<Expr>();
  const visit = (e: Expr): void => {
    seen.add(e);
    if (isSoftmax(e)) found.add(e);
  };
  for (const t of formula.terms) for (const f of t.factors) if (f.kind === 'entry') walkUnvisited(f.of, (e) => seen.has(e), visit);
  if (isSoftmax(formula.f)) found.add(formula.f);
  if (found.size !== 1) return undefined;
  const [value] = found;
  const name = variable(value.op === 'softmax' ? 'p' : 'P', value.shape);
  const taken = new Set([...freeVariables(formula.f), formula.x].map((v) => v.name as string));
  if (taken.has(name.name as string)) return undefined;
  const rename = (e: Expr): Expr => replaceNode(e, value, name);
  return {
    name,
    value,
    formula: {
      ...formula,
      f: rename(formula.f),
      terms: formula.terms.map((t) => ({ ...t, factors: t.factors.map((f) => (f.kind === 'entry' ? { ...f, of: rename(f.of) } : f)) })),
    },
  };
}

/**
 * The most nodes the index form may write: f and every entry of every term, each written out as a
 * tree. The entries share subexpressions that the formula repeats — in ∂(exp(exp(…exp(p)…)))ᵢ/∂Wⱼₖ
 * the term for k levels has the entries (exp(p))ᵢ, (exp(exp(p)))ᵢ, … up to depth k — so the formula
 * can be quadratic (or worse) in the derivative's DAG even within MAX_INDEX_TERMS: 1,000 levels wrote
 * 6 MB of LaTeX in 4 s. The corpus's largest index form writes 51 nodes; past this bound there is no
 * index form (NoIndexForm), decided from the nodes' sizes before anything is written.
 */
export const MAX_INDEX_NODES = 4_096;

/** The nodes the index form writes (a node's size is its tree's node count). */
function writtenNodes(formula: IndexFormula): number {
  let nodes = formula.f.size;
  for (const t of formula.terms) for (const f of t.factors) if (f.kind === 'entry') nodes += f.of.size;
  return nodes;
}

/** The formula as both lines write it: the softmax it names, if any (namedSoftmax), and its letters. */
interface Prepared {
  readonly formula: IndexFormula;
  readonly named: ReturnType<typeof namedSoftmax>;
  readonly fIx: string;
  readonly xIxs: readonly string[];
}

/** Throws NoIndexForm when the formula would write too many nodes (MAX_INDEX_NODES): the one reason writing it refuses. */
export function assertWritable(written: IndexFormula): void {
  if (writtenNodes(written) > MAX_INDEX_NODES) {
    throw new NoIndexForm(`the formula in components would write more than ${MAX_INDEX_NODES.toLocaleString('en-US')} nodes (its entries repeat shared subexpressions)`);
  }
}

function prepared(written: IndexFormula): Prepared {
  assertWritable(written);
  const named = namedSoftmax(written);
  const formula = named?.formula ?? written;
  return { formula, named, fIx: letters(...formula.fIx), xIxs: formula.xIx.map(([r, c]) => letters(r, c)) };
}

/** The Unicode line, its expressions written by `unicodeOf`. */
function unicodeLine({ formula, named, fIx, xIxs }: Prepared, unicodeOf: (e: Expr) => string): string {
  const UNICODE = unicodeStyle(unicodeOf);
  const whereU = named ? `, where ${unicodeOf(named.name)} = ${unicodeOf(named.value)}` : '';
  const fU = UNICODE.entry(formula.f, fIx);
  const fHead = formula.f.op === 'var' || fIx === '' ? (formula.f.op === 'var' ? fU : `(${unicodeOf(formula.f)})`) : fU;
  const xName = unicodeOf(formula.x);
  const dxU = xIxs.map((ix) => `∂${xName}${ix === '' ? '' : sub(ix)}`).join('');
  const headU = formula.order === 2 ? `∂²${fHead}/${dxU}` : `∂${fHead}/${dxU}`;
  const rangesU = rangesText(formula, '…', dimText, (names, range) => `${names} = ${range}`, true);
  return `${headU} = ${writeTerms(formula.terms, UNICODE, '')}${rangesU ? `   (${rangesU})` : ''}${whereU}`;
}

/** The LaTeX line, its expressions written by `latexOf`. */
function latexLine({ formula, named, fIx, xIxs }: Prepared, latexOf: (e: Expr) => string): string {
  const LATEX = latexStyle(latexOf);
  const whereL = named ? `,\\quad \\text{where } ${named.name.name as string} = ${latexOf(named.value)}` : '';
  const fL = formula.f.op === 'var' ? LATEX.entry(formula.f, fIx) : fIx === '' ? `\\left(${latexOf(formula.f)}\\right)` : LATEX.entry(formula.f, fIx);
  const xL = formula.x.name as string;
  const dxL = xIxs.map((ix) => `\\partial ${xL}${ix === '' ? '' : `_{${ix}}`}`).join('\\,');
  const headL = formula.order === 2 ? `\\frac{\\partial^{2} ${fL}}{${dxL}}` : `\\frac{\\partial ${fL}}{${dxL}}`;
  const rangesL = rangesText(formula, ', \\dots, ', latexRange, (names, range) => `${names} = ${range}`);
  return `${headL} = ${writeTerms(formula.terms, LATEX, ' ')}${rangesL ? `\\qquad (${rangesL})` : ''}${whereL}`;
}

/**
 * The formula in LaTeX and Unicode, written for a reader given `dimensions` (service.ts dimensionsOf:
 * the request's declarations, used or not), as the result is: (cos(W·x))ᵢ beside a declared Wx.
 */
export function writeIndexForm(written: IndexFormula, dimensions?: KnownDimensions): WrittenIndexForm {
  const p = prepared(written);
  // The derivation's writer for that reader (derivation/writer.ts), its writings remembered: entries repeat.
  const w = writerFor(dimensions);
  const unicode = unicodeLine(p, w.unicode);
  return { latex: latexLine(p, w.latex), unicode };
}

/**
 * The formula's Unicode line alone, writeIndexForm's `unicode` (the LaTeX line is not written: what
 * `matcalc derive` prints for a person, service.ts deriveReadable).
 */
export function writeIndexFormUnicode(written: IndexFormula, dimensions?: KnownDimensions): Pick<WrittenIndexForm, 'unicode'> {
  return { unicode: unicodeLine(prepared(written), writerFor(dimensions).unicode) };
}
