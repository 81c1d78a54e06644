/**
 * The core's services behind the public entry point: read → differentiate → simplify → write,
 * with every failure on user input returned as a Diagnostic.
 */
import { checkStatus } from './api';
import type {
  AssumedShape, BlockForm, FunctionName, CheckReport, DeriveRequest, DeriveResult, Diagnostic, DiagnosticCode, Layout, NamedForm, Notation, Outcome, ReadableAnswer, Rendered, VariableInfo,
} from './api';
import { indexFormOf, indexFormProblem, indexFormUnicodeOf, NoIndexForm, tensorOrder } from './tensor/index';
import { einsumText } from './write/einsumCode';
import type { Expr } from './model/expr';
import { freeVariables, resetInternTable, internTableBytes, variable } from './model/expr';
import { declarationText, isScalar, shapeText, type Dim } from './model/shape';
import { differentiate } from './calculus/derive';
import type { Derivative } from './calculus/form';
import { UnsupportedDerivative } from './calculus/unsupported';
import { readExpression, type ReadResult } from './read';
import { sameLetters } from './syntax/characters';
import { variableInfo } from './language';
import { textMeasure, piecewiseLatex, toNumpy, toTorch, toJax, latexWriter, unicodeWriter, declaredDimensionsWhenAsked, type KnownDimensions } from './write/index';
import { checkDerivative } from './numeric/index';
import { derivativeLatex } from './present/notation';
import { nameCommonSubexpressions, textbookNames, type Named } from './present/cse';
import { softmaxBlockForm } from './present/blocks';
import { bindShared, treeIsLarge, writeBound, writeBoundForm } from './present/bindings';
import { whereForm, type WhereNotation } from './write/where';
import { present } from './present/present';
import { nestSharedRuns } from './present/sharedRuns';
import { derivationOf, toDerivationStep, toReadableStep, type Step } from './derivation/index';
import { answerNames, type AnswerNames } from './present/answerNames';
import { functionName } from './present/functionName';
import { checkSizeProblem, LimitExceeded, limitDiagnostic, withBudget } from './limits/index';
import { onStated, shifted, statedDerivative } from './statedDerivative';

const fail = (message: string, code: DiagnosticCode, start = 0, end = 0): { ok: false; error: Diagnostic } => ({
  ok: false,
  error: { message, code, start, end },
});

/**
 * Keep the hash-consing table bounded in long-running hosts (editor, batch): by the memory it holds,
 * not by its number of nodes (big and small nodes differ tenfold). Emptied at the start of a request
 * when past this estimate; nodes already made stay valid, but are no longer === to equal nodes made
 * afterwards, so the bound is generous here. A host that holds no nodes between requests empties it
 * sooner (the batch CLI: BATCH_TABLE_BYTES in src/cli/batch/run.ts).
 */
export const INTERN_LIMIT_BYTES = 512 * 1024 * 1024;

/**
 * One writer per notation for an answer's expressions — its input, its result and the parts of its
 * named form: a node they share is rendered once.
 */
interface Writers {
  readonly text: (e: Expr) => string;
  readonly latex: (e: Expr) => string;
  readonly unicode: (e: Expr) => string;
  /** The plain written length of a node (rendered once, with the text form's renderings). */
  readonly textLength: (e: Expr) => number;
  /** Let `whole` decide the sizes of constants from now on (MathWriter.sizesFrom): write another expression. */
  readonly sizesFrom: (whole: Expr) => void;
}

/**
 * Writers whose sizes of constants are decided by `whole` (as writing `whole` alone decides them);
 * `dimensions`: those the reader is given (DagWriter.knowing; see `dimensionsOf`).
 */
function writersFor(whole: Expr, dimensions?: KnownDimensions): Writers {
  const text = textMeasure(dimensions);
  const latex = latexWriter({ dimensions }).sizesFrom(whole);
  const unicode = unicodeWriter(dimensions).sizesFrom(whole);
  return {
    text: text.write,
    latex: (e) => latex.write(e).text,
    unicode: (e) => unicode.write(e).text,
    textLength: text.length,
    sizesFrom: (next) => {
      latex.sizesFrom(next);
      unicode.sizesFrom(next);
    },
  };
}

/** `whole` in one notation, by that notation's writer alone (writersFor's, without the other two). */
function writeOne(form: WhereNotation, whole: Expr, dimensions: KnownDimensions): string {
  if (form === 'text') return textMeasure(dimensions).write(whole);
  const w = form === 'latex' ? latexWriter({ dimensions }) : unicodeWriter(dimensions);
  return w.sizesFrom(whole).write(whole).text;
}

/**
 * The dimensions a reader of an answer about f is given: its variables', by the declarations. A size
 * is written as its name (2n, 1/N) where it is one of them, otherwise with its dimension (sum(ones(n))).
 * `unused`: the declared variables f does not use (ReadResult.unused), whose names the writers avoid spelling.
 */
export const dimensionsOf = (f: Expr, unused?: readonly Expr[]): KnownDimensions => declaredDimensionsWhenAsked(() => freeVariables(f), unused);

/**
 * An expression in every notation: as a tree, or — when the tree would be much larger than the DAG
 * (shared parts repeated) — in the binding form `f where u1 = …, u2 = …` (present/bindings.ts), so
 * the output stays linear in the expression.
 */
export function render(e: Expr, large = treeIsLarge(e), writers?: Writers, dimensions?: KnownDimensions, names?: AnswerNames): Rendered {
  if (large) {
    const b = writeBound(bindShared(e, dimensions, [], names));
    return { text: b.text, unicode: b.unicode, latex: b.latex, shape: shapeText(e.shape) };
  }
  const w = writers ?? writersFor(e, dimensions);
  return { text: w.text(e), latex: w.latex(e), unicode: w.unicode(e), shape: shapeText(e.shape) };
}

/**
 * The result with its common subexpressions named, when there are any worth naming (and the main form
 * names none). `writers`: those of `e` itself, whose renderings the named form reuses (else new ones
 * for the reader given `dimensions`, DagWriter.knowing). `names`: the answer's (present/answerNames.ts),
 * so that a node is named as the steps name it.
 */
export function renderNamed(e: Expr, writers?: Writers, dimensions?: KnownDimensions, names?: AnswerNames): NamedForm | undefined {
  const w = writers ?? writersFor(e, dimensions);
  const named = nameCommonSubexpressions(e, w.textLength, names);
  return named.definitions.length === 0 ? undefined : renderNamedForm(named, w);
}

/** A named form in every notation, with writers whose sizes of constants the unnamed expression decided. */
function renderNamedForm(named: Named, w: Writers): NamedForm {
  return {
    text: w.text(named.expr),
    latex: w.latex(named.expr),
    unicode: w.unicode(named.expr),
    definitions: named.definitions.map((d) => {
      const name = variable(d.name, d.value.shape);
      return { name: d.name, nameLatex: w.latex(name), nameUnicode: w.unicode(name), text: w.text(d.value), latex: w.latex(d.value), unicode: w.unicode(d.value) };
    }),
  };
}

/** A softmax-along-a-dimension Jacobian's block form (present/blocks.ts), or undefined for any other derivative. */
function renderBlocks(d: Derivative, shown: Expr, w: Writers | undefined, dimensions: KnownDimensions): BlockForm | undefined {
  const form = softmaxBlockForm(d);
  return form ? { ...renderNamedForm(form, w ?? writersFor(shown, dimensions)), reading: form.reading } : undefined;
}

export { present };

export interface Prepared {
  readonly f: Expr;
  readonly notation: Notation;
  readonly variables: readonly Expr[];
  readonly wrt: readonly Expr[];
  /** Everything the reader found (declared but unused variables too). */
  readonly read: ReadResult;
}

export function prepare(req: DeriveRequest): Outcome<Prepared> {
  if (internTableBytes() > INTERN_LIMIT_BYTES) resetInternTable();
  const read = readExpression(req.expr, req.where, req.from ?? 'auto');
  if (!read.ok) return read;
  const { expr: f, variables, notation } = read.value;
  const names = req.wrt && req.wrt.length > 0 ? req.wrt.map(sameLetters) : variables.length > 0 ? [variables[0].name as string] : [];
  if (names.length === 0) return fail('the expression has no variable to differentiate with respect to', 'wrt.none', 0, req.expr.length);
  const wrt: Expr[] = [];
  for (const written of names) {
    const all = read.value.unused === undefined ? variables : [...variables, ...read.value.unused];
    const v = variableNamed(written, all, notation);
    const name = v?.name ?? written;
    if (!v) {
      const known = variables.map((x) => x.name).join(', ');
      if (isDimensionOf(name, [...variables, ...(read.value.unused ?? [])])) {
        return fail(`'${name}' is a dimension (a size, constant here), not a variable${known ? `: differentiate by ${known}` : ''}`, 'wrt.unknown', 0, req.expr.length);
      }
      return fail(`'${name}' does not occur in the expression${known ? ` (its variables: ${known})` : ''}`, 'wrt.unknown', 0, req.expr.length);
    }
    if (wrt.includes(v)) return fail(`'${name}' is listed twice in the variables`, 'wrt.duplicate', 0, req.expr.length);
    wrt.push(v);
  }
  return { ok: true, value: { f, variables, wrt, notation, read: read.value } };
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/**
 * The variable a `wrt` name names: the one of that name; else, in LaTeX and Unicode math, the one
 * the reader made of it as written there — `x_1`, `x_{1}`, `x₁` are the variable x1 where x_1 is not
 * declared (latex/variables.ts spelledName); undefined when none. The plain syntax's and Python's
 * names are exact: x_1 is not x1 there.
 */
function variableNamed(name: string, all: readonly Expr[], notation: Notation): Expr | undefined {
  const exact = all.find((x) => x.name === name);
  if (exact || (notation !== 'latex' && notation !== 'unicode')) return exact;
  const spelled = name
    .replace(/_\{(\d+)\}$/, '_$1')
    .replace(/[₀-₉]+$/, (digits) => `_${[...digits].map((d) => SUBSCRIPT_DIGITS.indexOf(d)).join('')}`);
  const m = /^(.*[^_\d])_(\d+)$/.exec(spelled);
  const candidates = m ? [spelled, m[1] + m[2]] : [spelled];
  // x1 beside x_1 was refused when read (name.same-print): at most one of the candidates is a variable.
  return all.find((x) => candidates.includes(x.name as string));
}

/**
 * The variables of a request to answer one at a time: several, not all scalars (a scalar loss by W
 * and b: ∂L/∂W and ∂L/∂b, which do not stack into one gradient), in the order given; undefined when
 * the request is answered as one (one variable, or scalars that stack). A request that cannot be
 * read is answered with its error.
 */
export function separateVariables(req: DeriveRequest): Outcome<readonly string[] | undefined> {
  return onStated(req, separateVariablesOf);
}

function separateVariablesOf(req: DeriveRequest): Outcome<readonly string[] | undefined> {
  if (!req.wrt || req.wrt.length < 2) return { ok: true, value: undefined };
  const p = budgeted(req, () => prepare(req));
  if (!p.ok) return p;
  const { wrt } = p.value;
  return { ok: true, value: wrt.every((v) => isScalar(v.shape)) ? undefined : wrt.map((v) => v.name as string) };
}

/** Is `name` one of the symbolic dimensions of these variables' shapes? (Loops, no list per variable: every answer asks it once, cold.) */
function isDimensionOf(name: string, variables: readonly Expr[]): boolean {
  for (const v of variables) if (namesDimension(v.shape.rows, name) || namesDimension(v.shape.cols, name)) return true;
  return false;
}

/** Is `name` the dimension `d` or a factor of it (n in m·n)? */
const namesDimension = (d: Dim, name: string): boolean => typeof d === 'string' && (d === name || (d.includes('·') && d.split('·').includes(name)));

/** derive.unsupported, under the offending node where the input has it, else under the whole input. */
function unsupported(e: UnsupportedDerivative, read: ReadResult, expr: string): { ok: false; error: Diagnostic } {
  const span = e.node === undefined ? undefined : read.spans?.get(e.node.id);
  return fail(e.message, 'derive.unsupported', span?.start ?? 0, span?.end ?? expr.length);
}

export interface RenderedDerivative {
  readonly shown: Expr;
  readonly input: Rendered;
  /** Whether the input is written in the binding form (render's `large`): its fields' order. */
  readonly inputLarge: boolean;
  /** The function's name in the answer (present/functionName.ts), in every notation. */
  readonly name: FunctionName;
  readonly result: Rendered;
  readonly equationLatex: string;
}

/**
 * Everything derive() writes about a derivative: the presented result in every form, the input, the
 * equation; for a reader given `dimensions` (dimensionsOf). `names`: the answer's, holding the steps'
 * names when the answer has steps (present/answerNames.ts): the binding and named forms and the
 * equation call a node, and the function, as the steps do.
 */
export function renderDerivative(f: Expr, d: Derivative, layout: Layout, dimensions: KnownDimensions, names?: AnswerNames): RenderedDerivative {
  const inputLarge = treeIsLarge(f);
  const inputWriters = inputLarge ? undefined : writersFor(f, dimensions);
  const input = render(f, inputLarge, inputWriters, dimensions, names);
  const shown = present(d, layout);
  const piecewise = piecewiseLatex(shown);
  // The result's forms, then its named form with the same writers (their renderings reused).
  const w = resultWriters(shown, inputWriters, dimensions);
  // A new object (render's): the other forms are added to it, in this order.
  const result: { -readonly [K in keyof Rendered]: Rendered[K] } = render(shown, w === undefined, w, dimensions, names);
  if (piecewise) result.piecewiseLatex = piecewise;
  const named = w ? renderNamed(shown, w, dimensions, names) : undefined;
  if (named) result.named = named;
  const blocks = renderBlocks(d, shown, w, dimensions);
  if (blocks) result.blocks = blocks;
  // The function's one name in the answer (present/functionName.ts), as the steps and the hover call it: after the
  // result's names, where the textbook's name of f itself (P = softmax(Z, 2)) wins (AnswerNames.alias).
  const fn = names?.of(f) ?? functionName(f, (n) => freeVariables(f).some((v) => v.name === n));
  const w1 = inputWriters ?? writersFor(f, dimensions);
  const name = { text: w1.text(fn), unicode: w1.unicode(fn), latex: w1.latex(fn) };
  return { shown, input, inputLarge, name, result, equationLatex: derivativeLatex(d, layout, result.latex, input.latex, name.latex) };
}

/**
 * `{ ...input, notation }` field by field, in render()'s order (a binding form's text, unicode, latex; a
 * tree's text, latex, unicode). In V8 11 (Node 20) an object literal that spreads an object and then adds
 * a property the object lacks gets a hidden class of its own every time: 2–3 µs per answer (1.3 % of
 * derive()'s samples on the corpus, `node --cpu-prof`), against ~0.05 µs for this literal.
 */
function withNotation(input: Rendered, large: boolean, notation: Notation, name: FunctionName): DeriveResult['input'] {
  const { text, latex, unicode, shape } = input;
  return large ? { text, unicode, latex, shape, notation, name } : { text, latex, unicode, shape, notation, name };
}

/** Run a request under its time budget: past it, or cancelled, the answer is a limit Diagnostic. */
export function budgeted<T>(req: Pick<DeriveRequest, 'expr' | 'timeLimitMs' | 'outputLimit' | 'clock'>, work: () => Outcome<T>): Outcome<T> {
  try {
    return withBudget({ timeMs: req.timeLimitMs, outputLimit: req.outputLimit, now: req.clock }, work);
  } catch (e) {
    if (e instanceof LimitExceeded) return { ok: false, error: limitDiagnostic(e, req.expr.length) };
    throw e;
  }
}

export function derive(req: DeriveRequest): Outcome<DeriveResult> {
  return onStated(req, (r) => budgeted(r, () => deriveWithinBudget(r)));
}

/** The request read and differentiated (no form written yet). */
function differentiated(req: DeriveRequest): Outcome<{ readonly p: Prepared; readonly d: Derivative }> {
  const p = prepare(req);
  if (!p.ok) return p;
  try {
    return { ok: true, value: { p: p.value, d: differentiate(p.value.f, p.value.wrt, req.order ?? 1) } };
  } catch (e) {
    if (e instanceof UnsupportedDerivative) return unsupported(e, p.value.read, req.expr);
    throw e;
  }
}

/**
 * The derivative in one form only — derive()'s `result.text`, `result.unicode` or `result.latex`,
 * the same string — without writing the other forms, the input, the named form or the equation
 * (`--emit text`, `--emit latex` of the CLI and the batch). A request for the index form
 * (`form: 'index'`) fails where derive() fails (the derivative has none); its index form is not written.
 */
export function deriveForm(req: DeriveRequest, form: WhereNotation): Outcome<string> {
  return onStated(req, (r) => deriveFormOf(r, form));
}

/**
 * The index form's LaTeX alone — derive()'s `indexForm.latex` for `form: 'index'`, the same string — for
 * `--form index --emit latex` of the CLI and `{"form": "index", "emit": "latex"}` of the batch; fails
 * where derive() fails (the derivative has no index form).
 */
export function deriveIndexLatex(req: DeriveRequest): Outcome<string> {
  return onStated(req, (r) =>
    budgeted(r, () => {
      const w = differentiatedWithIndex({ ...r, form: 'index' }, indexFormOf);
      if (!w.ok) return w;
      const index = w.value.index;
      // differentiatedWithIndex answered form.index-unavailable already when there is none.
      if (index === undefined || !('indexForm' in index)) throw new Error('deriveIndexLatex: no index form and no diagnostic');
      return { ok: true, value: index.indexForm.latex };
    }),
  );
}

function deriveFormOf(req: DeriveRequest, form: WhereNotation): Outcome<string> {
  return budgeted(req, () => {
    const r = differentiated(req);
    if (!r.ok) return r;
    if (req.form === 'index') {
      const problem = indexFormProblem(r.value.d);
      if (problem !== undefined) return indexUnavailable(problem, req);
    }
    const shown = present(r.value.d, req.layout ?? 'numerator');
    const dimensions = dimensionsOf(r.value.p.f, r.value.p.read.unused);
    // The user's names, as derive() writes the binding form with them.
    if (treeIsLarge(shown)) return { ok: true, value: writeBoundForm(bindShared(shown, dimensions, [], answerNamesOf(r.value.p)), form) };
    return { ok: true, value: writeOne(form, shown, dimensions) };
  });
}

/**
 * The request read and differentiated, the dimensions its answer's reader is given (dimensionsOf), and
 * its index form, written for that reader by `written` (indexFormOf, or its Unicode line alone), when
 * asked for or when the result has 3 or 4 indices (made once).
 */
function differentiatedWithIndex<F>(req: DeriveRequest, written: (d: Derivative, dimensions: KnownDimensions) => F): Outcome<{
  readonly p: Prepared;
  readonly d: Derivative;
  readonly dimensions: KnownDimensions;
  readonly index: IndexFormOrProblem<F> | undefined;
}> {
  const r = differentiated(req);
  if (!r.ok) return r;
  const { p, d } = r.value;
  const dimensions = dimensionsOf(p.f, p.read.unused);
  const index = req.form === 'index' || tensorOrder(d) >= 3 ? indexFormOrProblem(() => written(d, dimensions)) : undefined;
  if (req.form === 'index' && index && 'problem' in index) return indexUnavailable(index.problem, req);
  // Field by field: `{ ...r.value, dimensions, index }` made an object of a hidden class of its own in every request (V8 11).
  return { ok: true, value: { p, d, dimensions, index } };
}

function deriveWithinBudget(req: DeriveRequest): Outcome<DeriveResult> {
  const r = differentiatedWithIndex(req, indexFormOf);
  if (!r.ok) return r;
  const { p, d, index, dimensions } = r.value;
  const layout: Layout = req.layout ?? 'numerator';
  // The result names first, then the steps call its parts as it does (present/answerNames.ts): the result
  // reads the same with and without steps (the hover and the panel, --emit).
  const names = answerNamesOf(p);
  const { input, inputLarge, name, result, equationLatex } = renderDerivative(p.f, d, layout, dimensions, names);
  const steps = stepsOf(req, p, d, dimensions, names);
  const out = { input: withNotation(input, inputLarge, p.notation, name), wrt: wrtNames(p), wrtShape: wrtShape(p), layout, order: req.order ?? 1, result, equationLatex };
  return { ok: true, value: withTail(out, req, p, d, index, dimensions, steps, toDerivationStep) };
}

/**
 * The answer's names (present/answerNames.ts): the user's (NumPy assignments, `where` bindings), then the
 * function's own name (present/functionName.ts: the user's `L = …`, `def loss(…)`, else f), given before
 * any other so that the steps, the heading and the hover call f by one name and no part takes it.
 */
function answerNamesOf(p: Prepared): AnswerNames {
  // Every declared name is taken (answerNames): a declared variable the expression does not use is still the
  // user's name for their own matrix, no part takes it.
  const names = answerNames(p.read.userNames, p.read.unused === undefined ? p.variables : [...p.variables, ...p.read.unused]);
  names.give(p.f, functionName(p.f, (n) => names.taken(n), p.read.functionName));
  return names;
}

/** An answer's derivation, when asked for, and the answer's names, which it starts (present/answerNames.ts). */
interface AnswerSteps {
  readonly steps: readonly Step[];
  readonly names: AnswerNames;
}

/**
 * The request's derivation when asked for (not yet written), its intermediates named in the answer's
 * names (present/answerNames.ts), which the result has named its parts in already.
 */
function stepsOf(req: DeriveRequest, p: Prepared, d: Derivative, dimensions: KnownDimensions, names: AnswerNames): AnswerSteps | undefined {
  if (!req.steps) return undefined;
  // The result's textbook names (H, P, X̂, …) first, so that the steps call those parts so and take none of them for another.
  // Not the function itself, which the steps call by its name (y = σ(u)).
  for (const [node, name] of textbookNames(present(d, req.layout ?? 'numerator'))) {
    if (node !== p.f && names.of(node) === undefined && !names.taken(name)) names.give(node, variable(name, node.shape));
  }
  const steps = derivationOf(p.f, p.wrt, req.order ?? 1, req.layout ?? 'numerator', req.granularity ?? 'full', { present, dimensions, names });
  return { steps, names };
}

/**
 * derive()'s answer in the forms a person reads in a terminal (`matcalc derive` without --json or
 * --emit): plain text and Unicode, each string derive()'s. The writers are derive()'s, called in
 * derive()'s order for these notations (a writer's renderings depend on what it wrote before only
 * through MathWriter.sizesFrom, which keeps them the same); LaTeX is never written, nor the input's
 * Unicode. On a deep result that is a third of the writing (the binding form in three notations).
 */
export function deriveReadable(req: DeriveRequest): Outcome<ReadableAnswer> {
  return onStated(req, (r) => budgeted(r, () => readableWithinBudget(r)));
}

function readableWithinBudget(req: DeriveRequest): Outcome<ReadableAnswer> {
  // The index form's Unicode line alone: a person's answer prints no LaTeX.
  const r = differentiatedWithIndex(req, indexFormUnicodeOf);
  if (!r.ok) return r;
  const { p, d, index, dimensions } = r.value;
  const { f } = p;
  const names = answerNamesOf(p);
  // renderDerivative's steps, for the plain and Unicode forms only.
  const inputLarge = treeIsLarge(f);
  const inputWriters = inputLarge ? undefined : writersFor(f, dimensions);
  const inputText = inputWriters ? inputWriters.text(f) : writeBoundForm(bindShared(f, dimensions, [], names), 'text');
  const shown = present(d, req.layout ?? 'numerator');
  const w = resultWriters(shown, inputWriters, dimensions);
  let text: string;
  let unicode: string;
  if (w) {
    text = w.text(shown);
    unicode = w.unicode(shown);
  } else {
    const b = bindShared(shown, dimensions, [], names);
    text = writeBoundForm(b, 'text');
    unicode = writeBoundForm(b, 'unicode');
  }
  // The named form, then the block form, as renderDerivative makes them.
  const named = w ? nameCommonSubexpressions(shown, w.textLength, names) : undefined;
  const namedLine = named && named.definitions.length > 0 ? namedUnicode(named, w as Writers) : undefined;
  const blockForm = softmaxBlockForm(d);
  const blocks = blockForm ? { unicode: namedUnicode(blockForm, w ?? writersFor(shown, dimensions)), sentence: blockForm.reading.sentence } : undefined;
  // The steps after the result's names, as derive() makes them.
  const steps = stepsOf(req, p, d, dimensions, names);
  const out = {
    input: { text: inputText, notation: p.notation },
    wrt: wrtNames(p),
    wrtShape: wrtShape(p),
    layout: req.layout ?? 'numerator',
    order: req.order ?? 1,
    result: {
      text,
      unicode,
      shape: shapeText(shown.shape),
      ...(namedLine !== undefined ? { named: namedLine } : {}),
      ...(blocks ? { blocks } : {}),
    },
  };
  // The steps as a terminal prints them: their LaTeX is not written.
  return { ok: true, value: withTail(out, req, p, d, index, dimensions, steps, toReadableStep) };
}

/**
 * The writers of a presented result: the input's, told the result's sizes (the nodes the two share are
 * rendered once), else new ones; none when the result is written in the binding form (treeIsLarge).
 */
function resultWriters(shown: Expr, inputWriters: Writers | undefined, dimensions: KnownDimensions | undefined): Writers | undefined {
  if (treeIsLarge(shown)) return undefined;
  if (inputWriters) inputWriters.sizesFrom(shown);
  return inputWriters ?? writersFor(shown, dimensions);
}

/** The names of the variables differentiated by, as derive()'s and deriveReadable()'s answers give them. */
const wrtNames = (p: Prepared): string[] => p.wrt.map((v) => v.name as string);

/** The shape of what is differentiated by: the variable's, or k×1 for k stacked scalars. */
const wrtShape = (p: Prepared): string => (p.wrt.length === 1 ? shapeText(p.wrt[0].shape) : `${p.wrt.length}×1`);

/**
 * What derive()'s and deriveReadable()'s answers say after the result, in the JSON answer's order (`F`: the
 * index form's, IndexForm or its Unicode line; `S`: a step's, DerivationStep or ReadableStep).
 */
interface AnswerTail<F, S> {
  check?: CheckReport;
  indexForm?: F;
  steps?: readonly S[];
  assumed: readonly AssumedShape[];
}

/**
 * `out` (an answer up to its result: input, variables, layout, order, the written forms) with the
 * check, index form, steps and assumed shapes added last, in the JSON answer's order, field by field;
 * `dimensions`: the request's (dimensionsOf), which the steps are written for, each by `writeStep`. Object spreads
 * (`{ ...head, result, ...tail }`, `{ ...(c ? { check } : {}), …, assumed }`) cost ~1 µs of a ~0.2 ms
 * request in V8 11 (`node --cpu-prof` on the corpus: 0.9 % of derive()'s samples on their two lines).
 */
function withTail<T extends object, F, S>(
  out: T,
  req: DeriveRequest,
  p: Prepared,
  d: Derivative,
  index: IndexFormOrProblem<F> | undefined,
  dimensions: KnownDimensions,
  steps: AnswerSteps | undefined,
  writeStep: (s: Step, dimensions: KnownDimensions, names?: AnswerNames) => S,
): T & AnswerTail<F, S> {
  const o = out as T & Partial<AnswerTail<F, S>>;
  if (req.check) o.check = checkOf(d);
  if (index && 'indexForm' in index) o.indexForm = index.indexForm;
  if (steps) o.steps = steps.steps.map((s) => writeStep(s, dimensions, steps.names));
  o.assumed = assumedShapes(p.read);
  return o as T & AnswerTail<F, S>;
}

/** `namedForms(renderNamedForm(named, w)).unicode`, without writing the other notations. */
function namedUnicode(named: Named, w: Writers): string {
  const body = w.unicode(named.expr);
  return whereForm('unicode', body, named.definitions.map((d) => ({ name: w.unicode(variable(d.name, d.value.shape)), body: w.unicode(d.value) })));
}

/** The shapes the reading assumed for undeclared names, in order of first appearance. */
export function assumedShapes(read: ReadResult): AssumedShape[] {
  const why = read.assumed;
  if (why === undefined || why.size === 0) return [];
  const out: AssumedShape[] = [];
  for (const v of read.variables) {
    const a = why.get(v.name as string);
    if (a !== undefined) out.push({ name: v.name as string, shape: declarationText(v.shape) + (v.probabilities ? ' probabilities' : ''), by: a.by, reason: a.reason });
  }
  return out;
}

/** The answer to a request for the index form of a derivative that has none. */
const indexUnavailable = (problem: string, req: DeriveRequest): { ok: false; error: Diagnostic } =>
  fail(`the index form is not available for this derivative: ${problem}`, 'form.index-unavailable', 0, req.expr.length);

/** An index form, or why the derivative has none. */
type IndexFormOrProblem<F> = { readonly indexForm: F } | { readonly problem: string };

/** The index form `written()` writes (indexFormOf, indexFormUnicodeOf), or why the derivative has none. */
function indexFormOrProblem<F>(written: () => F): IndexFormOrProblem<F> {
  try {
    return { indexForm: written() };
  } catch (e) {
    if (e instanceof NoIndexForm) return { problem: e.message };
    throw e;
  }
}

/**
 * The numerical check. Second order: the first derivative against differences of f, then the
 * second against differences of the (checked) first — far cheaper and more accurate than second
 * differences of f. Too large a check is not run (limits/numeric.ts) and says why.
 */
function checkOf(d: Derivative): CheckReport {
  // A gradient with respect to a symmetric matrix is (G + Gᵀ)/2: compare along symmetric directions.
  const symmetric = d.wrt.some((v) => v.symmetric);
  const options = { samples: 3, seed: 1, ...(symmetric ? { symmetricPerturbation: 'symmetrized' as const } : {}) };
  const first = d.order === 2 ? differentiate(d.f, d.wrt, 1) : d;
  const roots = d.order === 2 ? [d.f, d.expr, first.expr] : [d.f, d.expr];
  const tooLarge = checkSizeProblem(roots, d.wrt, { order: d.order, withGradient: true });
  if (tooLarge) return { maxRelError: NaN, samples: 0, passed: false, status: 'not-run', diagnostic: tooLarge };
  const reports = [checkDerivative(d.f, d.wrt, first, options)];
  if (d.order === 2 && reports[0].passed) reports.push(checkDerivative(d.f, d.wrt, d, { ...options, gradient: first.expr }));
  const last = reports[reports.length - 1];
  const diagnostic = reports.find((r) => r.diagnostic)?.diagnostic;
  const report = {
    maxRelError: Math.max(...reports.map((r) => r.maxRelError)),
    samples: Math.min(...reports.map((r) => r.samples)),
    passed: reports.length === d.order && last.passed,
    ...(diagnostic ? { diagnostic } : {}),
  };
  return { ...report, status: checkStatus(report) };
}

/** The variables of an expression; of a text that states its derivative (∂/∂w …), the operator's variable only. */
export function variables(expr: string, where?: string, from: Notation | 'auto' = 'auto'): Outcome<VariableInfo[]> {
  const stated = statedDerivative({ expr, where, from });
  if (!stated.ok) return stated;
  const s = stated.value;
  const read = shifted(readExpression(s?.req.expr ?? expr, where, from), s?.offset ?? 0);
  if (!read.ok) return read;
  const all = read.value.variables.map(variableInfo);
  return { ok: true, value: s?.wrt === undefined ? all : all.filter((v) => v.name === s.wrt) };
}

/** NumPy / PyTorch / JAX source, or (einsum) the derivative's contractions in the plain syntax. */
export function emitCode(req: DeriveRequest, target: 'numpy' | 'torch' | 'jax' | 'einsum'): Outcome<string> {
  return onStated(req, (r) => budgeted(r, () => emitWithinBudget(r, target)));
}

function emitWithinBudget(req: DeriveRequest, target: 'numpy' | 'torch' | 'jax' | 'einsum'): Outcome<string> {
  const r = differentiated(req);
  if (!r.ok) return r;
  const { p, d } = r.value;
  if (target === 'einsum') {
    const text = einsumText(d);
    if (text === undefined) {
      const why = indexFormOrProblem(() => indexFormOf(d));
      return fail(`the derivative has no index form to write as einsum: ${'problem' in why ? why.problem : 'it needs index letters a–z'}`, 'form.index-unavailable', 0, req.expr.length);
    }
    return { ok: true, value: text };
  }
  const writer = target === 'torch' ? toTorch : target === 'jax' ? toJax : toNumpy;
  const shown = present(d, 'canonical');
  // A large result's products that share a start or an end compute it once (present/sharedRuns.ts), as its binding form names it once.
  return { ok: true, value: writer(p.f, { ...d, expr: treeIsLarge(shown) ? nestSharedRuns(shown) : shown }) };
}
