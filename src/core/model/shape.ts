/**
 * Shapes. Every expression is a rows×cols array: scalars are 1×1, (column) vectors n×1, row vectors
 * 1×n, matrices m×n. A dimension is a positive integer or a symbol (a name such as "n").
 * Symbolic dimensions are distinct from 1 unless the shape checker unified them with 1.
 */
export type Dim = number | string;

export interface Shape {
  readonly rows: Dim;
  readonly cols: Dim;
}

export const SCALAR: Shape = Object.freeze({ rows: 1, cols: 1 });

export function shape(rows: Dim, cols: Dim): Shape {
  return rows === 1 && cols === 1 ? SCALAR : { rows, cols };
}

export const isScalar = (s: Shape): boolean => s.rows === 1 && s.cols === 1;
export const isColumn = (s: Shape): boolean => s.cols === 1 && s.rows !== 1;
export const isRow = (s: Shape): boolean => s.rows === 1 && s.cols !== 1;
export const isVectorLike = (s: Shape): boolean => isColumn(s) || isRow(s);
export const isMatrix = (s: Shape): boolean => s.rows !== 1 && s.cols !== 1;
export const isSquare = (s: Shape): boolean => s.rows === s.cols;
export const sameShape = (a: Shape, b: Shape): boolean => a.rows === b.rows && a.cols === b.cols;
export const transposeShape = (s: Shape): Shape => shape(s.cols, s.rows);

/** The number of entries as a dimension: n for vectors, a product "m·n" for matrices. */
export function sizeOf(s: Shape): Dim {
  if (s.rows === 1) return s.cols;
  if (s.cols === 1) return s.rows;
  return mulDim(s.rows, s.cols);
}

/**
 * The product of two dimensions in one canonical spelling: numbers multiplied, symbols sorted, so
 * that m·n and n·m (the sizes of an m×n matrix and of its transpose) are the same dimension.
 */
export function mulDim(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  // The common cases without splitting: a symbol times a symbol (m·n) or times a whole number (2·n).
  const x = simplePart(a);
  const y = simplePart(b);
  if (x !== undefined && y !== undefined) {
    if (typeof x === 'string' && typeof y === 'string') return x <= y ? `${x}·${y}` : `${y}·${x}`;
    if (typeof x === 'number' && typeof y === 'string') return x === 0 ? 0 : x === 1 ? y : `${x}·${y}`;
    if (typeof x === 'string' && typeof y === 'number') return y === 0 ? 0 : y === 1 ? x : `${y}·${x}`;
  }
  let k = 1;
  const symbols: string[] = [];
  for (const part of [...String(a).split('·'), ...String(b).split('·')]) {
    if (/^\d+$/.test(part)) k *= Number(part);
    else symbols.push(part);
  }
  if (k === 0) return 0;
  symbols.sort();
  return [...(k !== 1 ? [String(k)] : []), ...symbols].join('·');
}

/**
 * A dimension that is one part of a product as mulDim splits it: a symbol (a name, no '·') or a
 * whole number (written as digits); undefined for a product or any other spelling.
 */
function simplePart(d: Dim): Dim | undefined {
  if (typeof d === 'number') return Number.isSafeInteger(d) && d >= 0 ? d : undefined;
  if (d.length === 0 || d.includes('·')) return undefined;
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (c < 48 || c > 57) return d;
  }
  return undefined;
}

/**
 * A dimension's whole-number coefficient and its symbols with their powers, in order of first
 * appearance (mulDim sorts them): 2·m·n·n → 2 and [m, 1], [n, 2]; a number → it and none.
 */
export function dimFactors(d: Dim): { readonly coefficient: number; readonly symbols: readonly (readonly [string, number])[] } {
  if (typeof d === 'number') return { coefficient: d, symbols: [] };
  // One symbol (n), as split below would find it, without the split, the test and the table.
  const simple = simplePart(d);
  if (typeof simple === 'string') return { coefficient: 1, symbols: [[simple, 1]] };
  let coefficient = 1;
  const powers = new Map<string, number>();
  for (const part of d.split('·')) {
    if (/^\d+$/.test(part)) coefficient *= Number(part);
    else powers.set(part, (powers.get(part) ?? 0) + 1);
  }
  return { coefficient, symbols: [...powers] };
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const superscript = (k: number): string => [...String(k)].map((c) => SUPERSCRIPT_DIGITS[Number(c)]).join('');

/**
 * A dimension as a shape label writes it: n, 3, and a product as a textbook does — a repeated
 * symbol as its power (n² for n·n: the size of vec X for X n×n), single letters juxtaposed (mn, 2n),
 * longer names set apart by a dot (batch·d), so that no label reads as another name (nn).
 */
export function dimText(d: Dim): string {
  if (typeof d === 'number' || !d.includes('·')) return String(d);
  const { coefficient, symbols } = dimFactors(d);
  const juxtaposed = symbols.every(([s]) => [...s].length === 1);
  const parts = symbols.map(([s, k]) => (k === 1 ? s : `${s}${superscript(k)}`));
  return [...(coefficient === 1 && parts.length > 0 ? [] : [String(coefficient)]), ...parts].join(juxtaposed ? '' : '·');
}

/** The value of a dimension given values for its symbols (products are written with '·'). */
export function dimValue(d: Dim, env: ReadonlyMap<string, number>): number {
  if (typeof d === 'number') return d;
  let v = 1;
  for (const part of d.split('·')) {
    const n = /^\d+$/.test(part) ? Number(part) : env.get(part);
    if (n === undefined) throw new Error(`no value for dimension ${part}`);
    v *= n;
  }
  return v;
}
export const shapeText = (s: Shape): string => `${dimText(s.rows)}×${dimText(s.cols)}`;

/** A shape as a declaration writes it: scalar, vector(n), matrix(m, n) — a product of dimensions as m*n. */
export function declarationText(s: Shape): string {
  const dim = (d: Dim): string => String(d).replace(/·/g, '*');
  if (isScalar(s)) return 'scalar';
  if (isColumn(s)) return `vector(${dim(s.rows)})`;
  return `matrix(${dim(s.rows)}, ${dim(s.cols)})`;
}

export function shapeKind(s: Shape): 'scalar' | 'vector' | 'matrix' {
  if (isScalar(s)) return 'scalar';
  if (isVectorLike(s)) return 'vector';
  return 'matrix';
}
