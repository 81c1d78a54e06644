/**
 * A word whose reading as juxtaposed letters would be a guess, so that auto detection takes it for
 * a name (detect.ts) and the plain reader's name.undeclared names the product's spelling too
 * (undeclaredSuggestion.ts): a word of Latin letters, not declared, that
 * - starts with an undeclared d (dW, dx, db: the gradient's name in ML code, the differential's
 *   letter), which reads as d·W only by assuming d a scalar by its letter; or
 * - mixes declared names with letters that are not declared (Net with N and e declared: N·e·t only
 *   by assuming t; Woutx with Wout declared), read as declared names wherever they spell it
 *   (unicode/declaredWords.ts) — numbered names too, W12x with only W12 declared (W12·x only by
 *   assuming x), as Wx with only W. A size of the declarations and I (the identity) are constants, as a
 *   number is: nx with y: vector(n) is the size n times x, mI the size m times I, no guess.
 * Words all of whose letters are declared, or none of them (Ax, Wx by their conventions), are not.
 */
import { plainWordReadings } from './unicode/declaredWords';

/** The product of the word's factors, as the plain syntax writes it (d*W, N*e*t), if reading it so would be a guess. */
export function guessedProduct(word: string, declared: ReadonlySet<string>, sizes: ReadonlySet<string> = new Set()): string | undefined {
  // Digits belong to a numbered name (W12x with W12 declared: W12·x); a reading where one stands alone has none.
  if (!/^[A-Za-z][A-Za-z0-9]+$/.test(word) || declared.has(word)) return undefined;
  const readings = plainWordReadings(word, declared);
  // Two readings by declared names: the Unicode reader refuses the word (name.ambiguous-word), no guess.
  if (readings.length !== 1) return undefined;
  const pieces = readings[0];
  const constant = (letter: string): boolean => sizes.has(letter) || letter === 'I';
  const someDeclared = pieces.some((p) => p.declared);
  const someAssumed = pieces.some((p) => !p.declared && !constant(word[p.start]));
  const differential = word[0] === 'd' && !declared.has('d');
  return differential || (someDeclared && someAssumed) ? pieces.map((p) => word.slice(p.start, p.end)).join('*') : undefined;
}
