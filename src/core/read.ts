/**
 * Reading an expression in any supported notation into the model: the plain syntax, LaTeX,
 * NumPy/PyTorch/JAX source, or the Unicode math the product prints. Every reader builds the plain
 * syntax tree and shares the plain shape checker, so defaults, shape inference and error messages
 * are the same in every notation; spans in errors are offsets in the text as given.
 *
 * One reading per request, decided up front: `from: 'auto'` picks the notation from unambiguous
 * markers (`syntax/detect.ts`) and that reader alone answers — a failure is its error, never a
 * retry with another reader. Markers of two notations in one text are an error that names both
 * and asks for `from`. The result says which notation was read.
 */
import type { Diagnostic, Notation, Outcome, Span } from './api';
import type { Expr } from './model/expr';
import { readPlain } from './syntax/index';
import { readLatex, type LatexReadOptions } from './syntax/latex/index';
import { readNumpy } from './syntax/numpy/index';
import { readUnicode } from './syntax/unicode/index';
import { detect, notationName } from './syntax/detect';
import { positionText } from './syntax/diagnostics';
import type { Assumption } from './syntax/declarations';
import { spelledName } from './syntax/names';
import { componentSpelling } from './syntax/componentSpelling';
import { invisibleCharacter, sameLetters } from './syntax/characters';

export interface ReadResult {
  readonly expr: Expr;
  readonly variables: readonly Expr[];
  /** Declared variables the expression does not use (a derivative by them is zero). */
  readonly unused?: readonly Expr[];
  /** The notation the text was read in (for `auto`: the detected one). */
  readonly notation: Notation;
  /** Where each node (by id) was read. */
  readonly spans?: ReadonlyMap<number, Span>;
  /** The variables whose shape was assumed (not declared), by name: from their use, their letter or the notation. */
  readonly assumed?: ReadonlyMap<string, Assumption>;
  /** NumPy / PyTorch / JAX text whose value is a 1-D array (read as a column, but with no orientation). */
  readonly oneDimensional?: boolean;
  /**
   * The names the text gives its own subexpressions (`where u1 = …`, a NumPy assignment `h = …`), each
   * with the value it names, in order; a name assigned twice (`h = np.tanh(W @ h)` per layer) is listed
   * once per value. An answer calls a node by the user's name (present/answerNames.ts).
   */
  readonly userNames?: ReadonlyArray<readonly [string, Expr]>;
  /** The name the text gives the function itself (`L = …`, `f(x) = …`, NumPy's `def loss(…)`): the answer calls it so. */
  readonly functionName?: string;
}

export interface ReadOptions {
  /** How LaTeX's \otimes reads (default: the Kronecker product, as the LaTeX writer prints it). */
  readonly otimes?: LatexReadOptions['otimes'];
}

export function readExpression(written: string, writtenWhere: string | undefined, from: Notation | 'auto', options: ReadOptions = {}): Outcome<ReadResult> {
  // µ (the micro sign) is μ, and so on (characters.ts): one letter, one variable.
  const text = sameLetters(written);
  const where = writtenWhere === undefined ? undefined : sameLetters(writtenWhere);
  let notation: Notation;
  if (from === 'auto') {
    const found = detect(text, where);
    if (found.conflict) {
      const [a, b] = found.conflict;
      return {
        ok: false,
        error: {
          code: 'read.ambiguous-notation',
          start: b.span.start,
          end: b.span.end,
          message:
            `the text mixes two notations — ${notationName(a.notation)} (at ${positionText(text, a.span.start)}) and ` +
            `${notationName(b.notation)} (at ${positionText(text, b.span.start)}): say which with --from ${a.notation} or --from ${b.notation}`,
        },
      };
    }
    notation = found.notation;
  } else {
    notation = from;
  }
  const invisible = invisibleCharacter(text);
  if (invisible) return { ok: false, error: invisible };
  const read = readIn(notation, text, where, options);
  if (!read.ok) return read;
  const clash = samePrint(read.value);
  if (clash) return { ok: false, error: clash };
  const { expr, variables, unused, spans, assumed, oneDimensional } = read.value;
  const component = componentSpelling(unused === undefined || unused.length === 0 ? variables : [...variables, ...unused], assumed, spans);
  if (component) return { ok: false, error: component };
  const bound = 'bound' in read.value ? read.value.bound : undefined;
  const userNames = bound !== undefined && bound.size > 0 ? [...bound].map(([name, value]) => [userName(name), value] as const) : undefined;
  const functionName = read.value.functionName;
  return {
    ok: true,
    value: { expr, variables, unused, spans, assumed, notation, ...(oneDimensional === true ? { oneDimensional } : {}), ...(userNames ? { userNames } : {}), ...(functionName !== undefined ? { functionName } : {}) },
  };
}

/** The name the user wrote for a binding: NumPy's h#2 (the second assignment to h) is h. */
function userName(bound: string): string {
  const k = bound.indexOf('#');
  return k < 0 ? bound : bound.slice(0, k);
}

/** A name as the writers split it to print (write/names.ts splitName): x1 and x_1 are both x_{1}, x₁. */
const printedAs = (name: string): string => {
  if (name.indexOf('_') > 0) return name;
  const m = /^(.*?[A-Za-z_])(\d+)$/.exec(name);
  return m ? `${m[1]}_${m[2]}` : name;
};

/**
 * Two variables whose names print as the same symbol — α and alpha are both α in Unicode and
 * \alpha in LaTeX; x1 and x_1 are both x₁, x_{1} — would make every written form of the result mean
 * something else when read back: refused, at the later of the two.
 */
function samePrint(read: Omit<ReadResult, 'notation'>): Diagnostic | undefined {
  const seen = new Map<string, Expr>();
  const all = read.unused === undefined || read.unused.length === 0 ? read.variables : [...read.variables, ...read.unused];
  for (const v of all) {
    const name = v.name ?? '';
    const spelled = printedAs(spelledName(name));
    const other = seen.get(spelled);
    if (other !== undefined && other.name !== name) {
      const span = read.spans?.get(v.id) ?? read.spans?.get(other.id);
      return {
        code: 'name.same-print',
        start: span?.start ?? 0,
        end: span?.end ?? 0,
        message: `'${other.name}' and '${name}' are different names that print as the same symbol: write one of them the same way throughout, or rename one`,
      };
    }
    seen.set(spelled, v);
  }
  return undefined;
}

function readIn(notation: Notation, text: string, where: string | undefined, options: ReadOptions) {
  switch (notation) {
    case 'latex':
      return readLatex(text, where, { otimes: options.otimes ?? 'kronecker' });
    case 'numpy':
      return readNumpy(text, where);
    case 'unicode':
      return readUnicode(text, where);
    case 'plain':
      return readPlain(text, where);
  }
}
