/**
 * The value of a general contraction (tensor/contraction.ts) by its definition: for every
 * assignment of the letters, the product of the operands' entries is added to the result entry of
 * the output letters (rows and columns each in column-major order). The letters are visited with
 * an odometer, so the cost is the product of the letters' lengths times the number of operands; a
 * checkpoint every 1,024 assignments keeps a large one within the request's time budget.
 */
import { Matrix } from 'ml-matrix';
import { checkpoint } from '../limits/budget';
import type { ContractionSpec } from '../tensor/contraction';

/** One operand's entry at the current letter values. */
type Reader = (at: Int32Array) => number;

function reader(m: Matrix, letters: string, slot: ReadonlyMap<string, number>): Reader {
  if (letters.length === 0) {
    const v = m.get(0, 0);
    return () => v;
  }
  if (letters.length === 1) {
    const s = slot.get(letters) as number;
    return m.rows === 1 ? (at) => m.get(0, at[s]) : (at) => m.get(at[s], 0);
  }
  const r = slot.get(letters[0]) as number;
  const c = slot.get(letters[1]) as number;
  return (at) => m.get(at[r], at[c]);
}

export function contractValues(spec: ContractionSpec, values: readonly Matrix[]): Matrix {
  const size = new Map<string, number>();
  spec.inputs.forEach((ls, k) => {
    const m = values[k];
    if (ls.length === 1) size.set(ls, m.rows === 1 ? m.columns : m.rows);
    else if (ls.length === 2) {
      size.set(ls[0], m.rows);
      size.set(ls[1], m.columns);
    }
  });
  const letters = [...size.keys()];
  const slot = new Map(letters.map((c, i) => [c, i]));
  const lengths = letters.map((c) => size.get(c) as number);
  const readers = spec.inputs.map((ls, k) => reader(values[k], ls, slot));
  /** The column-major position of a group of letters, and the group's length. */
  const position = (group: string): { at: (x: Int32Array) => number; length: number } => {
    const slots = [...group].map((c) => slot.get(c) as number);
    const strides: number[] = [];
    let length = 1;
    for (const s of slots) {
      strides.push(length);
      length *= lengths[s];
    }
    return { at: (x) => slots.reduce((p, s, t) => p + x[s] * strides[t], 0), length };
  };
  const rows = position(spec.rows);
  const cols = position(spec.cols);
  const out = Matrix.zeros(rows.length, cols.length);
  if (lengths.some((n) => n === 0)) return out;
  const at = new Int32Array(letters.length);
  for (let step = 1; ; step++) {
    if ((step & 1023) === 0) checkpoint();
    let p = 1;
    for (const read of readers) p *= read(at);
    const r = rows.at(at);
    const c = cols.at(at);
    out.set(r, c, out.get(r, c) + p);
    let k = 0;
    while (k < at.length && ++at[k] === lengths[k]) at[k++] = 0;
    if (k === at.length) return out;
  }
}
