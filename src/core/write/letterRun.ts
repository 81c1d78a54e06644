/**
 * The letters juxtaposed factors spell before a bracket. The LaTeX and Unicode readers take three or
 * more lowercase letters before `(` as a function's name (`abc(x)`: an unknown function, unless every
 * letter is declared), so the writers set a bracket apart from such a run: a·b·c·(x + y) is written
 * `abc·(x + y)`, `abc \cdot (\mathbf{x} + \mathbf{y})`, never `abc(x + y)`, which did not read back.
 */
import type { Piece } from './piece';

/** How far back to look: the readers take runs of at most 16 letters as a name (latex/variables.ts MAX_RUN); a bracket set apart needlessly still reads as the product. */
const MAX_RUN = 16;

/**
 * The characters matching `run` (a pattern anchored at the end, e.g. /[a-z]*$/) that the pieces
 * before pieces[i] end with, juxtaposed: through every piece made only of them, going back while the
 * text so far has at most `max` characters.
 */
export function trailingRun(pieces: readonly Piece[], i: number, run: RegExp, max: number): string {
  let word = '';
  for (let k = i - 1; k >= 0 && word.length <= max; k--) {
    const tail = pieces[k].tail;
    const m = run.exec(tail)?.[0] ?? '';
    word = m + word;
    if (m.length < tail.length) break;
  }
  return word;
}

/** Whether pieces[i] starts with a bracket, `(` or LaTeX's `\left(`, after three or more lowercase letters ending the pieces before it. */
export function bracketAfterLetterRun(pieces: readonly Piece[], i: number): boolean {
  const head = pieces[i].head;
  return (head.startsWith('(') || head.startsWith('\\left(')) && trailingRun(pieces, i, /[a-z]*$/, MAX_RUN).length >= 3;
}
