/**
 * A contraction written in components for a learner (Unicode), e.g. uᵢ = Σⱼₖ AᵢⱼBᵢₖCⱼₖ, and the
 * component form of its derivative with respect to one operand, ∂uᵢ/∂Bₚq = Σⱼ AᵢⱼCⱼq δᵢₚ: the
 * operand left out, its letters made free (a summed letter renamed to the new one, an output letter
 * kept by a δ). The operands are written by `write` (a Unicode writer: the derivation's, for the
 * reader of the answer, so (W·V)ᵢⱼ beside a declared WV).
 */
import type { Expr } from '../model/expr';
import { contractionSpec, freshLetter } from './contraction';

const SUBSCRIPTS: Readonly<Record<string, string>> = {
  a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
};

/** Subscript letters, or _letters when one has no subscript character. */
export const subscript = (letters: string): string =>
  [...letters].every((c) => SUBSCRIPTS[c]) ? [...letters].map((c) => SUBSCRIPTS[c]).join('') : `_${letters}`;

/** An operand's entry: Aᵢⱼ for a variable, (Ax)ᵢ otherwise, the operand itself without letters. */
export function entryText(e: Expr, letters: string, write: (e: Expr) => string): string {
  const text = write(e);
  if (letters === '') return e.op === 'var' || e.op === 'num' ? text : `(${text})`;
  return e.op === 'var' ? `${text}${subscript(letters)}` : `(${text})${subscript(letters)}`;
}

const sumText = (summed: readonly string[]): string => (summed.length === 0 ? '' : `Σ${subscript(summed.join(''))} `);

/** The letters of the inputs not in `out`, in order of first use. */
function summedLetters(inputs: readonly string[], out: string): string[] {
  return [...new Set(inputs.join(''))].filter((c) => !out.includes(c));
}

/** u_out = Σ … Π entries, for a contraction node u (named `name`). */
export function componentsText(u: Expr, write: (e: Expr) => string, name = 'u'): string {
  const s = contractionSpec(u);
  const out = s.rows + s.cols;
  const product = u.args.map((a, k) => entryText(a, s.inputs[k], write)).join('');
  return `${name}${out === '' ? '' : subscript(out)} = ${sumText(summedLetters(s.inputs, out))}${product}`;
}

/** ∂u_out/∂(a_k)_P in components, for the k-th operand of the contraction node u. */
export function derivativeComponentsText(u: Expr, k: number, write: (e: Expr) => string, name = 'u'): string {
  const s = contractionSpec(u);
  const out = s.rows + s.cols;
  const own = s.inputs[k];
  const taken = [...s.inputs, out];
  const fresh: string[] = [];
  for (let t = 0; t < own.length; t++) fresh.push(freshLetter([...taken, ...fresh]));
  const rename = new Map<string, string>();
  const deltas: string[] = [];
  [...own].forEach((c, t) => {
    if (!out.includes(c) && !rename.has(c)) rename.set(c, fresh[t]);
    else deltas.push(`δ${subscript((rename.get(c) ?? c) + fresh[t])}`);
  });
  const renamed = (ls: string): string => [...ls].map((c) => rename.get(c) ?? c).join('');
  const others = s.inputs.flatMap((ls, j) => (j === k ? [] : [renamed(ls)]));
  const factors = [...u.args.flatMap((a, j) => (j === k ? [] : [entryText(a, renamed(s.inputs[j]), write)])), ...deltas];
  const summed = summedLetters(others, out + fresh.join(''));
  const ofOperand = entryText(u.args[k], fresh.join(''), write);
  return `∂${name}${out === '' ? '' : subscript(out)}/∂${ofOperand} = ${sumText(summed)}${factors.length === 0 ? '1' : factors.join('')}`;
}
