/**
 * Arbitraries (fast-check) for fuzzing the readers: random text over the whole of UTF-16 (lone
 * surrogates included), "operator soup" made of the tokens of every notation, and grammar-aware
 * mutations of valid inputs (seeds.ts): tokens deleted, inserted, replaced and swapped, substrings
 * duplicated, spans nested deeply. Mutations are data (kind + positions), applied by a pure
 * function, so fast-check shrinks a failing case to few, small mutations of one seed.
 */
import fc from 'fast-check';
import type { Seed } from './seeds';

/** Any UTF-16 code unit, lone surrogates and controls included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Full Unicode text: code points (astral included) mixed with raw code units. */
export const unicodeText = (maxLength = 40): fc.Arbitrary<string> =>
  fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), codeUnit), maxLength });

/** Tokens of the plain, LaTeX and NumPy notations, and a few awkward ones. */
export const TOKENS: readonly string[] = [
  // plain operators and punctuation
  '+', '-', '*', '/', '^', '.*', './', '.^', "'", '.', '(', ')', '[', ']', ',', ';', ':', '=', '#', ' ', '\n', '\t',
  // names and numbers
  'x', 'y', 'z', 'A', 'B', 'S', 'X', 'a', 'b', 'n', 'm', 'W1', 'x_1', 'α', 'σ', 'λ', 'Σ', 'foo', '_', 'T',
  '0', '1', '2', '3', '0.5', '.5', '1.', '1e3', '1e-3', '2.5E+10', '-0', '1e308', '1e309', '1e-320', '9007199254740993',
  '1000000', '99999999999', 'NaN', 'Infinity',
  // plain functions and declarations
  'exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'relu', 'abs', 'sqrt', 'sign', 'step', 'max', 'min', 'sum',
  'mean', 'norm1', 'norm2', 'tr', 'det', 'logdet', 'inv', 'diag', 'softmax', 'logsumexp', 'dot', 'eye', 'vector',
  'matrix', 'ones', 'zeros', 'kron', 'vec', 'commutation', 'unit', 'entry', 'count', 'scalar', 'symmetric', 'is', 'where',
  // Unicode operators
  '−', 'ᵀ', '⊙', '·', '×', '²', '⁻¹', '∑', '∂', '∇', '\u00a0', '\u200b', '\ufeff', '\u0000', '\ud835', '\udc00',
  // LaTeX
  '\\', '{', '}', '_', '&', '\\\\', '\\frac', '\\left', '\\right', '\\top', '\\mathbf', '\\operatorname', '\\mathrm',
  '\\sum', '\\log', '\\exp', '\\sin', '\\det', '\\sqrt', '\\cdot', '\\odot', '\\circ', '\\|', '\\begin{bmatrix}',
  '\\end{bmatrix}', '\\sigma', '\\lambda', '\\partial', '\\href{javascript:alert(1)}{x}', '\\def', '\\newcommand', '$', '$$',
  // NumPy
  '**', '@', 'np.', 'np.exp', 'np.log', 'np.sum', 'np.dot', 'np.linalg.norm', 'np.linalg.inv', 'np.trace', '.T',
  'np.maximum', 'np.array', 'lambda', 'import', '__import__', 'os.system', '"', "'''", '\\x00', 'True', 'None',
];

/** Text made of tokens of every notation (and occasionally a random code unit). */
export const operatorSoup = (maxTokens = 30): fc.Arbitrary<string> =>
  fc.array(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: codeUnit }), { maxLength: maxTokens })
    .map((ts) => ts.join(''));

/** Split a text into tokens (names, numbers, LaTeX control words, two-character operators, …). */
export function tokenize(text: string): string[] {
  return text.match(/\\[A-Za-z]+|[\p{L}_][\p{L}\p{N}_]*|\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+|\s+|\*\*|\.[*/^]|[\s\S]/gu) ?? [];
}

/** Brackets, prefixes and postfixes that nest: [open, close]. */
const NESTERS: readonly (readonly [string, string])[] = [
  ['(', ')'], ['[', ']'], ['exp(', ')'], ['sum(', ')'], ['-', ''], ['(', ")'"], ['(', ')^2'], ['x.^', ''],
  ['{', '}'], ['\\left(', '\\right)'], ['\\sqrt{', '}'], ['\\frac{1}{', '}'], ['np.exp(', ')'], ['-(', ')'], ['tr(', ')'],
  // postfix chains: transposes, powers, subscripts, attributes and method calls
  ['', "'"], ['', '^T'], ['', '^2'], ['', '^{\\top}'], ['', '_1'], ['', '.T'], ['', '[0]'], ['', '.sum()'], ['', '**2'],
];

/** Nesting depths: small ones, the depth limit's neighbourhood, and far past it. */
const DEPTHS = [1, 2, 3, 8, 64, 255, 256, 257, 1000, 5000, 20000] as const;

export type Mutation =
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly token: string }
  | { readonly kind: 'replace'; readonly at: number; readonly token: string }
  | { readonly kind: 'swap'; readonly at: number; readonly other: number }
  | { readonly kind: 'duplicate'; readonly at: number; readonly length: number; readonly to: number; readonly times: number }
  | { readonly kind: 'nest'; readonly at: number; readonly length: number; readonly nester: number; readonly depth: number };

const position = fc.nat({ max: 10_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('replace' as const), at: position, token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('swap' as const), at: position, other: position }),
  fc.record({
    kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 12 }), to: position,
    times: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    kind: fc.constant('nest' as const), at: position, length: fc.integer({ min: 1, max: 12 }),
    nester: fc.nat({ max: NESTERS.length - 1 }), depth: fc.constantFrom(...DEPTHS),
  }),
);

/** Apply mutations, in order, to the tokens of a text. Positions are taken modulo the length. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let ts = tokenize(text);
  for (const m of mutations) {
    const n = ts.length;
    const at = n === 0 ? 0 : m.at % n;
    switch (m.kind) {
      case 'delete':
        if (n > 0) ts.splice(at, 1);
        break;
      case 'insert':
        ts.splice(m.at % (n + 1), 0, m.token);
        break;
      case 'replace':
        if (n > 0) ts[at] = m.token;
        else ts = [m.token];
        break;
      case 'swap':
        if (n > 0) {
          const j = m.other % n;
          [ts[at], ts[j]] = [ts[j], ts[at]];
        }
        break;
      case 'duplicate': {
        const piece = ts.slice(at, at + m.length);
        const copies = Array.from({ length: m.times }, () => piece).flat();
        ts.splice(m.to % (n + 1), 0, ...copies);
        break;
      }
      case 'nest': {
        const [open, close] = NESTERS[m.nester];
        const inner = ts.slice(at, at + m.length).join('');
        ts.splice(at, Math.min(m.length, n - at), open.repeat(m.depth) + inner + close.repeat(m.depth));
        break;
      }
    }
  }
  return ts.join('');
}

export interface MutatedSeed {
  readonly seed: number;
  readonly expr: string;
  readonly where?: string;
}

/** A seed with 1–4 mutations of its expression and, sometimes, of its declarations. */
export function mutatedSeed(seeds: readonly Seed[]): fc.Arbitrary<MutatedSeed> {
  return fc.record({
    seed: fc.nat({ max: seeds.length - 1 }),
    exprMutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
    whereMutations: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 2 }) }),
  }).map(({ seed, exprMutations, whereMutations }) => {
    const s = seeds[seed];
    const where = s.where === undefined ? undefined : mutate(s.where, whereMutations);
    return { seed, expr: mutate(s.expr, exprMutations), where };
  });
}
