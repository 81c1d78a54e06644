/**
 * A word of juxtaposed letters and digits in Unicode math (W12x, 𝐀𝐱1, Wouth) read with the declared
 * names: the ways to spell it as a product of declared names (each in one typeface, its digits in
 * any: a change of typeface separates names) and single letters not declared (read by their letter conventions),
 * a digit never a factor of its own (x·1 is never written x1). The readings kept are those with the
 * fewest undeclared letters, so a declared name wins over its letters and over a numbered name
 * (W12x with W12 and x declared is W12·x, not W·12·x; 𝐀𝐱1 with A and x1 declared is A·x1, not the
 * bold name Ax1); two such readings (abc with a, b, c and ab declared) are ambiguous, and the caller
 * refuses the word.
 */

/** One factor of a reading: [start, end) of the word's characters, and whether it is a declared name. */
export interface WordPiece {
  readonly start: number;
  readonly end: number;
  readonly declared: boolean;
}

/** The longest declared name looked at (a longer declared name is never a factor of a word). */
const MAX_NAME = 64;

/**
 * Up to two readings of chars[start, end) with the fewest undeclared letters (none when a digit
 * can only stand alone); `style(k)` is the typeface of character k (undefined: plain).
 */
export function declaredReadings(
  chars: readonly string[],
  start: number,
  end: number,
  declared: ReadonlySet<string>,
  style: (k: number) => string | undefined,
): WordPiece[][] {
  const n = end - start;
  // cost[i]: the fewest undeclared letters in a reading of [start + i, end); Infinity where there is none.
  const cost = new Array<number>(n + 1).fill(Infinity);
  cost[n] = 0;
  const pieces = (i: number): WordPiece[] => {
    const out: WordPiece[] = [];
    const from = start + i;
    const first = style(from);
    let text = '';
    for (let k = from; k < end && k - from < MAX_NAME; k++) {
      // A digit takes the typeface of the letters before it (𝐱1 is the bold name x1, as in translate.ts).
      if (style(k) !== first && !/^[0-9]$/.test(chars[k])) break;
      text += chars[k];
      if (declared.has(text)) out.push({ start: from, end: k + 1, declared: true });
    }
    if (/^[A-Za-z]$/.test(chars[from]) && !declared.has(chars[from])) out.push({ start: from, end: from + 1, declared: false });
    return out;
  };
  const options: WordPiece[][] = [];
  for (let i = n - 1; i >= 0; i--) {
    options[i] = pieces(i);
    for (const p of options[i]) cost[i] = Math.min(cost[i], (p.declared ? 0 : 1) + cost[p.end - start]);
  }
  if (cost[0] === Infinity) return [];
  // The readings of least cost, at most two: the first follows the first piece that keeps the least
  // cost at each step; another, where there is one, leaves the first at a step with a second such piece.
  const keeps = (i: number): WordPiece[] => options[i].filter((p) => (p.declared ? 0 : 1) + cost[p.end - start] === cost[i]);
  const follow = (i: number, path: WordPiece[]): WordPiece[] => {
    while (i < n) {
      const p = keeps(i)[0];
      path.push(p);
      i = p.end - start;
    }
    return path;
  };
  const first = follow(0, []);
  for (let k = 0, i = 0; k < first.length; i = first[k].end - start, k++) {
    const other = keeps(i)[1] as WordPiece | undefined;
    if (other !== undefined) return [first, follow(other.end - start, [...first.slice(0, k), other])];
  }
  return [first];
}

/** The readings of a word of plain letters and digits (one typeface: a word of the plain syntax or of the detection's tokens). */
export const plainWordReadings = (word: string, declared: ReadonlySet<string>): WordPiece[][] =>
  declaredReadings([...word], 0, word.length, declared, () => undefined);

/**
 * The product of the declared names that spell `word` one way only (W12x with W12 and x declared:
 * W12*x), as the plain syntax writes it; undefined where they do not, or spell it two ways.
 */
export function declaredProduct(word: string, declared: ReadonlySet<string>): string | undefined {
  if (declared.size === 0 || !/^[A-Za-z][A-Za-z0-9]*$/.test(word) || declared.has(word)) return undefined;
  const readings = plainWordReadings(word, declared);
  if (readings.length !== 1 || readings[0].length < 2 || readings[0].some((p) => !p.declared)) return undefined;
  return readings[0].map((p) => word.slice(p.start, p.end)).join('*');
}
