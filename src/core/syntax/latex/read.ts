/**
 * Reading LaTeX: text (and optional declarations) → a shape-checked `Expr`, through the plain
 * syntax tree and the plain shape checker.
 *
 * Shapes of undeclared variables follow the notation's typography:
 * - bold or arrow (`\mathbf{x}`, `\boldsymbol{\mu}`, `\vec{x}`): a vector (a matrix when capital,
 *   `\mathbf{A}`); a name that is bold anywhere is bold everywhere;
 * - a capital letter (`A`, `\Sigma`): a matrix; `I` is the identity and `\mathbf{1}` the ones vector
 *   (their sizes come from the context), unless declared;
 * - `y_i` inside `\sum_i`: an entry of the vector y; `\mathbf{x}_i`: a row of the matrix X;
 * - a lowercase letter that is not bold (`x`, `b`, `\lambda`): when the text writes some vector in
 *   bold, the text follows the bold-vector convention and the letter is a scalar. When the text
 *   uses no bold at all it says nothing about shapes, so the plain syntax's letter conventions
 *   apply (a–g scalars, h–z vectors, Greek scalars); if those give a shape error (x^2 with x a
 *   vector, 3x^2y), the non-bold lowercase letters are read as scalars instead.
 * Declarations always win: in `where`, or in `%` comments of the text (`% x: vector(n)`).
 * Definitions after `\text{where}` (the binding form the writers print) are read by ./bindings.ts.
 */
import type { Outcome, Span } from '../../api';
import { walk, type Ast } from '../ast';
import type { CheckedExpression } from '../check';
import type { Assumption, Declaration } from '../declarations';
import { LETTER_CONVENTION } from '../infer';
import { attempt, failure } from '../diagnostics';
import { checkSize } from '../limits';
import { memoRecent } from '../../model/memo';
import { conventionalKind, type VariableKind } from '../names';
import { checkForeign, combineDeclarations, commentDeclarations, impliedDeclaration, kindOfDeclaration, whereDeclarations } from '../finish';
import type { Kind } from '../kinds';
import { parseLatexTokens, type LatexParse, type NameStyle } from './parser';
import { parseBound, splitWhere } from './bindings';
import { scanLatex, type LatexToken } from './scanner';
import { BOLD_COMMANDS } from './commands';
import { conventionOf } from './convention';
import { prepareTokens } from './tokens';

export interface LatexReadOptions {
  /** `\otimes` is the Kronecker product (the default, as the LaTeX writer prints it) or, on request, the Hadamard product. */
  readonly otimes?: 'hadamard' | 'kronecker';
  /**
   * The text is the Unicode reader's translation: its spaces are the translation's, and the Unicode
   * reader has judged its own trailing differentials (unicode/differentials.ts), so a d after a space
   * is not judged again (\mathit{loss} da, from the writer's `loss da`, is the product).
   */
  readonly fromUnicode?: boolean;
}

type Variant = 'letters' | 'scalars';

const CAPITAL_GREEK = /^(Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega)/;
const isCapital = (name: string): boolean => /^[A-Z\u0391-\u03A9]/.test(name) || CAPITAL_GREEK.test(name);

/** The shape kind of an undeclared variable from how it was written (see the module comment), and why. */
function implication(name: string, styles: ReadonlySet<NameStyle> | undefined, boldUsed: boolean, variant: Variant): { kind: VariableKind; assumed: Assumption } {
  const by = (kind: VariableKind, how: Assumption['by'], reason: string) => ({ kind, assumed: { by: how, reason } });
  if (styles?.has('sample')) return by('matrix', 'usage', 'indexed by samples in a sum');
  if (styles?.has('bold')) return by(isCapital(name) ? 'matrix' : 'vector', 'notation', 'bold');
  if (styles?.has('entry2')) return by('matrix', 'usage', 'written with two indices');
  if (styles?.has('entry')) return by('vector', 'usage', 'written with an index');
  if (isCapital(name)) return by('matrix', 'letter', LETTER_CONVENTION.reason);
  if (boldUsed) return by('scalar', 'notation', 'not bold beside bold vectors');
  const letter = conventionalKind(name);
  if (variant === 'scalars' && letter !== 'scalar') return by('scalar', 'usage', 'as vectors by their letters the lowercase names do not fit');
  return letter === undefined ? by('scalar', 'notation', 'a lowercase LaTeX name') : by(letter, 'letter', LETTER_CONVENTION.reason);
}

const impliedKind = (name: string, styles: ReadonlySet<NameStyle> | undefined, boldUsed: boolean, variant: Variant): VariableKind =>
  implication(name, styles, boldUsed, variant).kind;

const KIND: Readonly<Record<VariableKind, Kind>> = { scalar: 'scalar', vector: 'column', matrix: 'matrix' };

/**
 * The oracle asked once per name (the kind estimator asks at every occurrence of a name); the
 * names of one text are few, the bound only keeps a text of thousands of names from growing the table.
 */
const perName = (kindOf: (name: string) => Kind): ((name: string) => Kind) => memoRecent(kindOf, 1024);

/** Parse LaTeX into the plain syntax tree (no declarations; typography decides kinds). */
export function parseLatex(text: string, options: LatexReadOptions = {}): Outcome<Ast> {
  const tooLong = checkSize(text);
  if (tooLong) return failure(tooLong);
  return attempt(() => {
    const scanned = scanLatex(text);
    const prepared = prepareTokens(scanned.tokens);
    const convention = conventionOf(scanned.comments, undefined);
    const einstein = convention.ok && convention.value.einstein;
    const first = parseLatexTokens(text, prepared, { oracle: () => 'unknown', declared: new Set(), otimes: options.otimes ?? 'kronecker', einstein });
    const boldUsed = [...first.names.values()].some((u) => u.styles.has('bold'));
    const oracle = perName((name) => KIND[impliedKind(name, first.names.get(name)?.styles, boldUsed, 'letters')]);
    return parseLatexTokens(text, prepared, { oracle, declared: new Set(), otimes: options.otimes ?? 'kronecker', einstein }).ast;
  });
}

/** Read a LaTeX expression with optional separate declarations `where`. */
export function readLatex(text: string, where?: string, options: LatexReadOptions = {}): Outcome<CheckedExpression> {
  const tooLong = checkSize(text);
  if (tooLong) return failure(tooLong);
  const scanned = attempt(() => {
    const s = scanLatex(text);
    const prepared = prepareTokens(s.tokens);
    return { segments: splitWhere(prepared), comments: s.comments, plainOnly: onlyPlainNames(prepared.tokens) };
  });
  if (!scanned.ok) return scanned;
  const convention = conventionOf(scanned.value.comments, where);
  if (!convention.ok) return convention;
  const { einstein } = convention.value;
  const separate = whereDeclarations(convention.value.where);
  if (!separate.ok) return separate;
  const decls = combineDeclarations(text, separate.value, commentDeclarations(scanned.value.comments));
  if (!decls.ok) return decls;
  const declaredKinds = new Map<string, Kind>(decls.value.map((d) => [d.name, kindOfDeclaration(d)]));
  const declared = new Set(declaredKinds.keys());
  const dimensions = new Set(decls.value.flatMap((d) => d.dims.flatMap((dim) => (typeof dim === 'string' ? dim.split('·') : []))));
  const otimes = options.otimes ?? 'kronecker';
  const trailingDifferentials = options.fromUnicode !== true;
  const { segments } = scanned.value;

  // A first pass only learns how each name is written (bold, plain, indexed); its errors, if any,
  // come again from the real pass below, which knows the kinds. Without a subscript or a bold
  // command every name is plain, which the real pass assumes anyway: the pass waits until the
  // list of names is needed (issue 13: it was a third of the reading time of a long input).
  // It also learns the dimensions written as sizes of constants (I_{n}, \mathbf{1}_{m}: subscripts),
  // which are dimensions as the declared ones are (K_{m,n}, \frac{1}{n}), as dimension arguments are
  // in the plain syntax.
  const styles = new Map<string, { styles: Set<NameStyle>; span: Span }>();
  const sizes = new Set<string>();
  let learned = false;
  const learnStyles = (): void => {
    if (learned) return;
    learned = true;
    attempt(() => parseBound(text, segments, { oracle: (n) => declaredKinds.get(n) ?? 'unknown', declared, dimensions, otimes, names: styles, sizes, einstein, namesOnly: true, trailingDifferentials }));
  };
  if (!scanned.value.plainOnly) learnStyles();
  const boldUsed = [...styles.values()].some((u) => u.styles.has('bold'));
  const known = new Set([...dimensions, ...[...sizes].filter((s) => !declared.has(s))]);

  let parsedAst: Ast | undefined;
  const read = (variant: Variant, names?: Map<string, { styles: Set<NameStyle>; span: Span }>): Outcome<CheckedExpression> => {
    const oracle = perName((name) => declaredKinds.get(name) ?? KIND[impliedKind(name, styles.get(name)?.styles, boldUsed, variant)]);
    const parsed = attempt(() => parseBound(text, segments, { oracle, declared, dimensions: known, otimes, einstein, names, trailingDifferentials }));
    if (!parsed.ok) return parsed;
    const { ast, placeholders, bindings, name } = parsed.value;
    parsedAst = ast;
    const checked = checkForeign(ast, [...decls.value, ...implied(parsed.value, declared, styles, boldUsed, variant)], placeholders, bindings);
    // The function's own name (`L = …`, `\mathcal{L}(\theta) :=`): the answer calls it so (present/functionName.ts).
    return checked.ok && name !== undefined ? { ok: true, value: { ...checked.value, functionName: name } } : checked;
  };

  // The names the letters reading wrote, as far as it got (also when it failed).
  const written = new Map<string, { styles: Set<NameStyle>; span: Span }>();
  const letters = read('letters', written);
  if (letters.ok || boldUsed) return letters;
  const code = letters.error.code;
  // An ambiguity is not retried: reading the letters as scalars would settle it silently.
  if (code === 'shape.ambiguous' || !(code.startsWith('shape.') || code === 'latex.vector-power')) return letters;
  const guessesVectors = (names: ReadonlyMap<string, { readonly styles: ReadonlySet<NameStyle> }>): boolean =>
    [...names.entries()].some(
      ([name, u]) => !declared.has(name) && u.styles.size === 1 && u.styles.has('plain') && impliedKind(name, u.styles, false, 'letters') !== 'scalar' && !isCapital(name),
    );
  // Written only plain (no bold, no subscript), the names the failed reading met are the styles
  // pass's (every one plain): when they include a guessed vector, the styles pass, a whole parse
  // more of the text, is not needed (issue 17: deep input read once more for nothing).
  if (!(scanned.value.plainOnly && guessesVectors(written))) {
    learnStyles();
    if (!guessesVectors(styles)) return letters;
  }
  const scalars = read('scalars');
  if (!scalars.ok) return letters;
  // A letter the text transposes (w^\top) is an array: made a scalar here, its transpose would be dropped.
  const retried = (name: string): boolean =>
    !declared.has(name) && impliedKind(name, styles.get(name)?.styles, false, 'letters') !== 'scalar' && impliedKind(name, styles.get(name)?.styles, false, 'scalars') === 'scalar';
  const lost = parsedAst === undefined ? undefined : transposedName(parsedAst, retried);
  if (lost === undefined) return scalars;
  const hint =
    `; ${lost} is transposed, so it is not read as a scalar to make the shapes fit: write the vectors in bold ` +
    `(\\mathbf{${lost}}; a sample \\mathbf{x}_i is a row of X), or declare the shapes`;
  return { ok: false, error: { ...letters.error, message: `${letters.error.message}${hint}` } };
}

/** The first name under a transpose (x^\top, (x)^\top) that `is` holds for, in the text's order. */
function transposedName(root: Ast, is: (name: string) => boolean): string | undefined {
  let found: string | undefined;
  walk([root], (node) => {
    if (found !== undefined) return false;
    if (node.kind === 'transpose') {
      let arg = node.arg;
      while (arg.kind === 'paren') arg = arg.arg;
      if (arg.kind === 'name' && is(arg.name)) {
        found = arg.name;
        return false;
      }
    }
    return true;
  });
  return found;
}

/** No subscript and no bold command: every name is written plain (the styles of variables.ts need one or the other). */
function onlyPlainNames(tokens: readonly LatexToken[]): boolean {
  return !tokens.some((t) => (t.kind === 'char' && t.text === '_') || (t.kind === 'command' && BOLD_COMMANDS.has(t.text)));
}

function implied(
  parsed: LatexParse,
  declared: ReadonlySet<string>,
  styles: ReadonlyMap<string, { readonly styles: ReadonlySet<NameStyle> }>,
  boldUsed: boolean,
  variant: Variant,
): Declaration[] {
  const out: Declaration[] = [];
  for (const [name, use] of parsed.names) {
    if (declared.has(name)) continue;
    const { kind, assumed } = implication(name, styles.get(name)?.styles ?? use.styles, boldUsed, variant);
    out.push(impliedDeclaration(name, kind, use.span, assumed));
  }
  return out;
}
