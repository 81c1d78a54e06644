/**
 * The notation of a text, for `from: 'auto'`, decided up front from unambiguous markers — never by
 * trying a reader and falling back to another after a failure:
 * - LaTeX: a TeX command (`\frac`, `\mathbf`, `\|`, `\,`), a braced script `^{`/`_{`, or `$`;
 * - NumPy (also PyTorch, JAX): a module prefix (`np.`, `numpy.`, `torch.`, `jnp.`, `jax.`, `F.`,
 *   `scipy.`), `@`, `**`, `.T`, a method call (`X.sum(`), or a Python statement (`import`, `def`, `return`);
 * - Unicode math (what the product prints): ᵀ ⁻¹ superscript and subscript digits ⊙ ⊘ ⊗ ∘ 𝟙 𝟏 𝟎 ‖ √
 *   · −, or juxtaposition outside brackets, which the plain syntax does not have (`2x`, `Ax` with
 *   Ax undeclared, `xᵀ(A + Aᵀ)x`, `x y`, `σ(z)`);
 * - the plain syntax otherwise.
 * Markers of two notations in one text are ambiguous: the caller asks for `--from`.
 * Comments (`#` in plain and Python text) are ignored, so a declaration comment does not decide.
 */
import type { Notation, Span } from '../api';
import { FUNCTION_SUGGESTIONS, isFunctionName } from './functions';
import { OPERATOR_NAMES } from './latex/commands';
import { conventionalKind } from './names';
import type { Token } from './plain/scanner';
import { statementsOf } from './plain/statements';
import { UNICODE_MARKERS } from './unicode/translate';
import { plainWordReadings } from './unicode/declaredWords';
import { guessedProduct } from './guessedProduct';
import { attempt } from './diagnostics';
import { refuseDifferentials } from './unicode/differentials';

const LATEX = /\\[A-Za-z]|\\[|{},;!]|[_^]\{|\$/;
const NUMPY = /\b(?:np|numpy|torch|jnp|jax|scipy|F|nn)\.[A-Za-z_]|@|\*\*|\.T\b|[A-Za-z0-9_)\]]\.[A-Za-z_]\w*\(|^\s*(?:import|from|def|return)\b/m;
const CONSTANTS = new Set(['pi', 'e']);
/** The identity with its size (I_n, I_3), as the Unicode writer prints it where the context gives none. */
const SIZED_IDENTITY = /^I_[A-Za-z0-9]+$/;
/** The Unicode markers with the `u` flag, made once (not per request). */
const UNICODE = new RegExp(UNICODE_MARKERS.source, 'u');

export interface Detection {
  readonly notation: Notation;
  /** Set when markers of two notations occur: each with the span of its first marker. */
  readonly conflict?: readonly { readonly notation: Notation; readonly span: Span }[];
}

const NAMES: Readonly<Record<Notation, string>> = { plain: 'the plain syntax', latex: 'LaTeX', numpy: 'NumPy', unicode: 'Unicode math' };
export const notationName = (n: Notation): string => NAMES[n];

function marker(re: RegExp, text: string): Span | undefined {
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + Math.max(1, m[0].length) } : undefined;
}

export function detectNotation(text: string, where?: string): Notation {
  return detect(text, where).notation;
}

export function detect(text: string, where?: string): Detection {
  const code = text.includes('#') ? text.replace(/#[^\n]*/g, (c) => ' '.repeat(c.length)) : text;
  const found: { notation: Notation; span: Span }[] = [];
  const latex = marker(LATEX, text);
  if (latex) found.push({ notation: 'latex', span: latex });
  const numpy = marker(NUMPY, code);
  if (numpy) found.push({ notation: 'numpy', span: numpy });
  const unicode = marker(UNICODE, latex ? text : code);
  if (unicode) found.push({ notation: 'unicode', span: unicode });
  if (found.length > 1) return { notation: found[0].notation, conflict: found };
  if (found.length === 1) return { notation: found[0].notation };
  // |x| (abs) is not plain syntax; without other markers it is Unicode math.
  if (code.includes('|')) return { notation: 'unicode' };
  const juxtaposed = juxtaposition(text, where);
  return { notation: juxtaposed ? 'unicode' : 'plain' };
}

/** Where the plain syntax has no reading but the Unicode notation has a product: 2x, Ax, x y, )(, σ(z). */
function juxtaposition(text: string, where: string | undefined): Span | undefined {
  const statements = statementsOf(text);
  const declared = new Set<string>();
  // The declarations' sizes (n in x: vector(n)) are scalars: the writers juxtapose them (mI/4, the size m times I).
  const sizes = new Set<string>();
  const addDeclared = (ts: readonly Token[]) => {
    let i = 0;
    for (; i < ts.length; i++) {
      const t = ts[i];
      if (t.kind === ':' || (t.kind === 'name' && (t.text === 'is' || t.text === 'are'))) break;
      if (t.kind === 'name') declared.add(t.text);
    }
    let depth = 0;
    for (; i < ts.length; i++) {
      const t = ts[i];
      if (t.kind === '(') depth++;
      else if (t.kind === ')') depth--;
      else if (t.kind === 'name' && depth > 0) sizes.add(t.text);
    }
  };
  for (const s of statements) if (s.declaration) addDeclared(s.tokens);
  if (where) for (const s of statementsOf(where)) if (s.declaration) addDeclared(s.tokens);
  for (const s of statements) {
    if (s.declaration) continue;
    const tokens = s.tokens;
    // An `f(x) =` or `y =` head: look only after the `=`.
    const equals = tokens.findIndex((t) => t.kind === '=');
    const found = juxtaposedIn(tokens, equals + 1, declared, sizes, text);
    if (found) return found;
  }
  return undefined;
}

/**
 * The first juxtaposition in `tokens` from index `from` on. Inside `[ ]` spaces separate a row's
 * entries in the plain syntax (`[x y]`), so juxtaposition there is a product only adjacent (2x, 3(…))
 * — except in a literal whose entries are separated by commas at its own level, as the Unicode
 * writer prints a vector (`[5^a log(5), 2]`, `[sin(a)cos(a), 2]`): there the plain syntax would mix
 * commas and spaces in one literal, and the product is the reading (it was read as [5^a, log(5), 2]).
 */
function juxtaposedIn(tokens: readonly Token[], from: number, declared: ReadonlySet<string>, sizes: ReadonlySet<string>, text: string): Span | undefined {
  const commas = commaLiterals(tokens, from);
  const plain = plainOnly(tokens, from, declared);
  // A name before a bracket that is not a plain function says Unicode math (σ(z)) — unless the text has
  // what only the plain syntax has (eye(n), .^), and the name is one the plain syntax spells otherwise
  // (trace: tr, ln: log), which its reader then names: c*trace(eye(n)) was refused at eye, read as Unicode math.
  const applied = (name: string): boolean => !isFunctionName(name) && name !== 'einsum' && !(plain && FUNCTION_SUGGESTIONS[name] !== undefined);
  // The open literals, innermost last: whether each separates by commas, and the bracket depth of
  // parentheses at which it was opened (its own level).
  const open: { readonly commas: boolean; readonly parens: number }[] = [];
  let parens = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1] as Token | undefined;
    if (t.kind === '[') open.push({ commas: commas.has(i), parens });
    else if (t.kind === ']') open.pop();
    else if (t.kind === '(') parens++;
    else if (t.kind === ')') parens = Math.max(0, parens - 1);
    if (t.kind === 'name' && severalCharacters(t.text) && !declared.has(t.text) && !isFunctionName(t.text) && t.text !== 'einsum' && !CONSTANTS.has(t.text) && conventionalKind(t.text) === undefined && !plain && !guessed(t.text, declared, sizes, text) && (lettersMultiply(t.text, declared, sizes) || declaredFactors(t.text, declared))) {
      return t;
    }
    // A lone undeclared I is the identity in the notations that print it (Unicode, LaTeX).
    if (t.kind === 'name' && t.text === 'I' && !declared.has('I')) return t;
    // So is I_n, the identity with its size, as the Unicode writer prints it inside vec, ⊗ and reductions.
    if (t.kind === 'name' && SIZED_IDENTITY.test(t.text) && !declared.has(t.text)) return t;
    if (next === undefined) continue;
    if (t.kind === 'number' && t.text === '0' && next.kind === 'name' && /^[xXbBoO]/.test(next.text)) continue; // 0x10: the plain reader's error
    // Adjacent without a space (2x, 3(…)) is a product even inside brackets.
    if (t.kind === 'number' && (next.kind === 'name' || next.kind === '(') && next.start === t.end) return next;
    if (t.kind === 'name' && next.kind === '(' && applied(t.text) && next.start === t.end) return t;
    const literal = open.length > 0 ? open[open.length - 1] : undefined;
    if (literal !== undefined && !(literal.commas && literal.parens === parens)) continue;
    if (t.kind === 'number' && (next.kind === 'name' || next.kind === '(')) return next;
    if (t.kind === ')' && (next.kind === 'name' || next.kind === 'number' || next.kind === '(')) return next;
    if (t.kind === 'name' && next.kind === '(' && applied(t.text)) return t;
    if (t.kind === 'name' && (next.kind === 'name' || next.kind === 'number')) return next;
  }
  return undefined;
}

/**
 * Whether the tokens have what only the plain syntax has: an element-wise operator (.* ./ .^) or a call
 * of a function that Unicode math and LaTeX do not have (eye, ones, zeros, norm2, kron, …: the writers
 * print I_n, 𝟏_n, ‖x‖₂, ⊗), not declared as a variable. Then a word (ab in x.^2 + ab*x) is a name,
 * not letters juxtaposed, as the plain syntax reads it: the Unicode reader refused the '.'.
 */
function plainOnly(tokens: readonly Token[], from: number, declared: ReadonlySet<string>): boolean {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'op' && (t.text === '.*' || t.text === './' || t.text === '.^')) return true;
    if (t.kind === 'name' && tokens[i + 1]?.kind === '(' && isFunctionName(t.text) && OPERATOR_NAMES[t.text] === undefined && !declared.has(t.text)) return true;
  }
  return false;
}

/** The indices of the `[` whose literal has a comma at its own level (not inside a bracket within it). */
function commaLiterals(tokens: readonly Token[], from: number): Set<number> {
  const out = new Set<number>();
  const open: { readonly at: number; readonly parens: number }[] = [];
  let parens = 0;
  for (let i = from; i < tokens.length; i++) {
    const k = tokens[i].kind;
    if (k === '[') open.push({ at: i, parens });
    else if (k === ']') open.pop();
    else if (k === '(') parens++;
    else if (k === ')') parens = Math.max(0, parens - 1);
    else if (k === ',' && open.length > 0 && open[open.length - 1].parens === parens) out.add(open[open.length - 1].at);
  }
  return out;
}

/**
 * Whether the letters of an undeclared word make a product, so that the word is the Unicode writer's
 * juxtaposition (Ax, ax, Wxb): every letter declared, or — the undeclared ones by their letter
 * conventions, in a word of at most two letters or with a capital — no vector followed by a vector
 * or a matrix. A word of three or more lowercase letters with a letter not declared (cat, abc, area:
 * c·a·t fits the conventions) is a name, as the plain syntax and Python read it: undeclared, the
 * plain reader asks for its declaration; in a text that is Unicode math by another marker (xᵀx + cat),
 * or read as Unicode math explicitly, it is the letters' product. `eps` (a scalar, then two vectors) does
 * not: Unicode math would read it only by forcing p and s to scalars, so it is a name, as the plain
 * syntax and Python read it (undeclared: the plain reader asks for its declaration), never e·p·s.
 * A character without a letter convention (a digit inside, a11b) leaves the word a product, as before.
 * A declared size is a scalar (mI: the size m times I, as the writers print it).
 */
function lettersMultiply(word: string, declared: ReadonlySet<string>, sizes: ReadonlySet<string>): boolean {
  // Three or more lowercase letters (cat, abc, area) spell a name, not letters juxtaposed by their conventions.
  const spelled = word.length > 2 && /^[a-z]+$/.test(word);
  let vector = false;
  for (const c of word) {
    if (declared.has(c) || sizes.has(c)) continue;
    if (spelled) return false;
    const kind = conventionalKind(c);
    if (kind === undefined) return true;
    if (kind === 'scalar') continue;
    if (vector) return false;
    vector = kind === 'vector';
  }
  return true;
}

/**
 * Whether reading an undeclared word as a product would be a guess (guessedProduct.ts: dW, Net with N
 * and e declared), so that it is a name — unless the text has a differential (x'*A*x*dx, dy/dx), which
 * the Unicode reader refuses saying what it is (unicode/differentials.ts).
 */
function guessed(word: string, declared: ReadonlySet<string>, sizes: ReadonlySet<string>, text: string): boolean {
  if (guessedProduct(word, declared, sizes) === undefined) return false;
  if (word[0] !== 'd' || declared.has('d')) return true;
  const chars = [...text];
  const offsets = chars.map((_, i) => i).concat(chars.length);
  return attempt(() => refuseDifferentials(chars, offsets, declared)).ok;
}

/**
 * Whether an undeclared word is a product that declared names spell (Wouth with Wout and h declared,
 * hWout, W12x with W12), or spell two ways, which the Unicode reader refuses (unicode/declaredWords.ts).
 */
function declaredFactors(word: string, declared: ReadonlySet<string>): boolean {
  if (declared.size === 0 || !/^[A-Za-z][A-Za-z0-9]*$/.test(word)) return false;
  const readings = plainWordReadings(word, declared);
  return readings.length > 1 || (readings.length === 1 && readings[0].some((p) => p.declared && p.end - p.start > 1));
}

/** Whether a name has more than one character (code point: 𝐱 is one), without listing them. */
function severalCharacters(name: string): boolean {
  if (name.length !== 2) return name.length > 2;
  const high = name.charCodeAt(0);
  const low = name.charCodeAt(1);
  return !(high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff);
}
