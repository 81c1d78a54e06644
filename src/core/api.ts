/**
 * The public contract of the math core. Everything outside `src/core/` (the CLI, the extension,
 * the webview, tests, benchmarks) talks to the core through `src/core/index.ts`, which exports
 * these types and the functions that take and return them.
 */

import type { DiagnosticCode } from './diagnostics';

export type { DiagnosticCode, DiagnosticCategory } from './diagnostics';

/** A half-open character range [start, end) in the text the user gave. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Every failure the core reports on user input is one of these: never a thrown string. */
export interface Diagnostic extends Span {
  readonly message: string;
  /** A stable code, e.g. "parse.unexpected-token", "shape.mismatch", "limit.depth" (all in diagnostics.ts). */
  readonly code: DiagnosticCode;
  /** Which text the span refers to: the declarations (`where`), a claimed derivative (`claim`) or, when absent, the expression. */
  readonly source?: 'expr' | 'where' | 'claim';
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Diagnostic };

export type Layout = 'numerator' | 'denominator' | 'mixed';
export type Notation = 'plain' | 'latex' | 'numpy' | 'unicode';
export type Granularity = 'full' | 'summary';

export interface DeriveRequest {
  /** The expression, in the notation `from` (default: detected). */
  readonly expr: string;
  /** One variable, or several scalars to stack (Parr & Howard's ∇f(x, y)). Empty: the first free variable. */
  readonly wrt?: readonly string[];
  /** Declarations such as "x: vector(n); A: matrix(m, n); S: matrix(n, n) symmetric". */
  readonly where?: string;
  readonly layout?: Layout;
  readonly order?: 1 | 2;
  readonly from?: Notation | 'auto';
  /** Check the derivative against central finite differences at random points. */
  readonly check?: boolean;
  /** Produce the step-by-step derivation. */
  readonly steps?: boolean;
  readonly granularity?: Granularity;
  /** Budget of the request in ms (default 2000) on `clock`; past it the answer is a limit.time Diagnostic. */
  readonly timeLimitMs?: number;
  /**
   * The clock `timeLimitMs` is measured on, in ms (default `Date.now`: wall-clock time, what a user
   * waits for). A host that bounds the CPU time a request uses rather than the time it waits passes
   * a CPU clock (the fuzz campaigns pass the process's CPU time, the clock their bound is measured on).
   * Not part of the JSON protocol.
   */
  readonly clock?: () => number;
  /** The longest written form allowed, in characters (default 4,000,000); past it the answer is a limit.output Diagnostic. */
  readonly outputLimit?: number;
  /**
   * 'index': also write the derivative's component formula (`indexForm`), e.g.
   * ∂(X⁻¹)ᵢⱼ/∂Xₖₗ = −(X⁻¹)ᵢₖ(X⁻¹)ₗⱼ. Written anyway for results with 3 or 4 indices.
   */
  readonly form?: 'matrix' | 'index';
}

/** A derivative in index notation: its components, with index ranges. */
export interface IndexForm {
  readonly latex: string;
  readonly unicode: string;
}

/** An expression (or derivative) rendered in the core's outputs. */
export interface Rendered {
  /** The plain syntax; parses back to the same expression. */
  readonly text: string;
  /** LaTeX for KaTeX. */
  readonly latex: string;
  /** Pretty Unicode for terminals and plain-text hovers (xᵀ(A + Aᵀ)); always set by the core. */
  readonly unicode?: string;
  /** Shape as text, e.g. "n×1", "1×n", "m×n", "1×1". */
  readonly shape: string;
  /** For non-smooth results (relu, max, min, abs): the piecewise form as LaTeX cases. */
  readonly piecewiseLatex?: string;
  /** When shorter: the same expression with common subexpressions named (diag(p) − ppᵀ, p = softmax(z)). */
  readonly named?: NamedForm;
  /**
   * The Jacobian of a softmax along a dimension (softmax(Z, 2) by Z): the same matrix written to show
   * its blocks, Kᵀ(B − B(I_N ⊗ 𝟏𝟏ᵀ)B)K where P = softmax(Z, 2), B = diag(vec(Pᵀ)) — one block
   * diag(pᵢ) − pᵢpᵢᵀ per row pᵢ of P once the entries are taken row by row (𝐊 = 𝐊(N,k)); by columns
   * D − D(I_k ⊗ 𝟏𝟏ᵀ)D with D = diag(vec(P)). Reads back like a named form; `reading` says what the blocks are.
   */
  readonly blocks?: BlockForm;
}

export interface BlockForm extends NamedForm {
  readonly reading: {
    /** blockdiag(diag(pᵢ) − pᵢpᵢᵀ)_{i=1..N}, in LaTeX and in Unicode (not an expression of the language). */
    readonly latex: string;
    readonly unicode: string;
    /** "block diagonal: one k×k block diag(pᵢ) − pᵢpᵢᵀ per row pᵢ of P (i = 1…N), …": the blocks in words, Unicode. */
    readonly sentence: string;
  };
}

export interface NamedForm {
  readonly text: string;
  readonly latex: string;
  readonly unicode?: string;
  /**
   * In order: a definition may use the names before it. `name` is the plain name (u1, as the text
   * form writes it); `nameLatex` and `nameUnicode` write it as the LaTeX and Unicode forms do
   * (\mathbf{u}_{1}, u₁), so each output keeps one naming style.
   */
  readonly definitions: readonly {
    readonly name: string;
    readonly nameLatex: string;
    readonly nameUnicode: string;
    readonly text: string;
    readonly latex: string;
    readonly unicode?: string;
  }[];
}

export interface CheckReport {
  readonly maxRelError: number;
  readonly samples: number;
  readonly passed: boolean;
  /**
   * 'passed'; 'failed' (a disagreement, or an evaluation that broke); 'not-run' when no point could
   * be compared (too large to run, no point inside the domain, finite differences unreliable
   * everywhere) — then `diagnostic` says why, and the derivative is neither confirmed nor refuted.
   */
  readonly status?: CheckStatus;
  /** Why the check did not pass or was not run (e.g. limit.check-size, numeric.unreliable). */
  readonly diagnostic?: Diagnostic;
}

export type CheckStatus = 'passed' | 'failed' | 'not-run';

/** The status of a check report: not run when nothing was compared for a reason other than a broken evaluation. */
export function checkStatus(c: Pick<CheckReport, 'passed' | 'samples' | 'diagnostic'>): CheckStatus {
  if (c.passed) return 'passed';
  if (c.samples === 0 && c.diagnostic && c.diagnostic.code !== 'numeric.evaluation-failed') return 'not-run';
  return 'failed';
}

/** One sentence for people: "passed: max relative error 1.2e-9 over 3 random points", or why it did not run. */
export function checkSentence(c: CheckReport): string {
  const status = c.status ?? checkStatus(c);
  if (status === 'not-run') return `not run: ${c.diagnostic?.message ?? 'no point could be compared'}`;
  const error = Number.isFinite(c.maxRelError) ? c.maxRelError.toExponential(2) : String(c.maxRelError);
  const why = status === 'failed' && c.diagnostic ? ` (${c.diagnostic.message})` : '';
  return `${status === 'passed' ? 'passed' : 'FAILED'}: max relative error ${error} over ${c.samples} random point${c.samples === 1 ? '' : 's'}${why}`;
}

/** Names and shapes (text, e.g. "n×1") of the factors of a product and of its result. */
export interface ProductShapes {
  readonly factors: readonly { readonly name: string; readonly shape: string }[];
  readonly result: { readonly name: string; readonly shape: string };
}

export interface DerivationStep {
  readonly rule: string;
  readonly name: string;
  readonly reference?: string;
  readonly explanation: string;
  readonly before: string;
  readonly after: string;
  readonly focus?: string;
  readonly shapes?: Readonly<Record<string, string>>;
  /**
   * The product of Jacobians the step forms (the chain rule): each factor's name and shape in order,
   * and the name and shape of what they give — (1×n)·(n×n)·(n×m) = 1×m, for a picture of the shapes.
   */
  readonly product?: ProductShapes;
  /**
   * What the step does: introduces definitions, states a derivative, rewrites, shows a pitfall
   * (a tempting but wrong step, e.g. the naive chain rule), or adds a reading of the result.
   */
  readonly kind?: 'definition' | 'derivative' | 'rewrite' | 'pitfall' | 'note';
  /** `after` as Unicode text, for terminals. */
  readonly afterText?: string;
}

/**
 * A step as `matcalc derive --steps` prints it for a person: derive()'s step without what is written
 * in LaTeX (`before`, `after`, `focus`) and the shapes it pictures; `afterText` is always there.
 */
export type ReadableStep = Pick<DerivationStep, 'rule' | 'name' | 'reference' | 'explanation' | 'kind'> & { readonly afterText: string };

/**
 * The name an answer calls the function by, in every notation — one name in the steps, the equation, the
 * hover and the document (present/functionName.ts): the user's (`L = …`, `def loss(…)`), else f.
 */
export interface FunctionName {
  readonly text: string;
  readonly unicode: string;
  readonly latex: string;
}

export interface DeriveResult {
  /**
   * The expression as read (its plain `text` is what the CLI prints as "read as:"), the notation it was
   * read in, and the name the answer calls it by.
   */
  readonly input: Rendered & { readonly notation: Notation; readonly name: FunctionName };
  readonly wrt: readonly string[];
  readonly wrtShape: string;
  readonly layout: Layout;
  readonly order: 1 | 2;
  readonly result: Rendered;
  /** The result as LaTeX with the derivative operator on the left, e.g. \frac{\partial f}{\partial \mathbf{x}} = … */
  readonly equationLatex: string;
  readonly check?: CheckReport;
  readonly steps?: readonly DerivationStep[];
  /** The index form (requested with form: 'index', or for results with 3 or 4 indices). */
  readonly indexForm?: IndexForm;
  /** The shapes the reading assumed for names that are not declared, in order of first appearance (empty when all are declared). */
  readonly assumed: readonly AssumedShape[];
}

/**
 * derive()'s answer as a person reads it in a terminal (`matcalc derive` without --json or --emit):
 * the plain and Unicode forms only, each string the one derive() gives. What only the JSON answer
 * carries (the input's LaTeX and Unicode, the result's LaTeX and piecewise form, the named and block
 * forms' LaTeX and plain lines, the equation) is not written.
 */
export interface ReadableAnswer {
  /** derive()'s `input.text` and `input.notation`. */
  readonly input: { readonly text: string; readonly notation: Notation };
  readonly wrt: readonly string[];
  readonly wrtShape: string;
  readonly layout: Layout;
  readonly order: 1 | 2;
  readonly result: {
    readonly text: string;
    readonly unicode: string;
    readonly shape: string;
    /** The named form's Unicode line: `namedForms(result.named).unicode` of derive()'s answer. */
    readonly named?: string;
    /** The block form's Unicode line (`namedForms(result.blocks).unicode`) and what its blocks are. */
    readonly blocks?: { readonly unicode: string; readonly sentence: string };
  };
  readonly check?: CheckReport;
  /** The steps as a terminal shows them (ReadableStep: their LaTeX is not written). */
  readonly steps?: readonly ReadableStep[];
  /** The index form's Unicode line, derive()'s `indexForm.unicode` (its LaTeX is not written). */
  readonly indexForm?: Pick<IndexForm, 'unicode'>;
  readonly assumed: readonly AssumedShape[];
}

/**
 * A shape the reading assumed for an undeclared name: x scalar (from x^2), A matrix(n, n) (letter
 * convention). Declaring the name (`where`) replaces the assumption.
 */
export interface AssumedShape {
  readonly name: string;
  /** As a declaration writes it: "scalar", "vector(n)", "matrix(m, n)". */
  readonly shape: string;
  /**
   * What decided it: a use that requires the shape, the letter conventions, or the notation (LaTeX
   * bold); 'setting' only from the VS Code extension, whose "scalars" shape convention declares them.
   */
  readonly by: 'usage' | 'letter' | 'notation' | 'setting';
  /** In a few words: "from x^2", "letter convention", "bold". */
  readonly reason: string;
}

export interface VariableInfo {
  readonly name: string;
  /** "scalar", "vector", "matrix" */
  readonly kind: 'scalar' | 'vector' | 'matrix';
  readonly shape: string;
}

/** `check`: is `claim` the derivative of `expr` w.r.t. `wrt` in `layout` (of `order`)? */
export interface CheckRequest extends Omit<DeriveRequest, 'check' | 'steps' | 'granularity'> {
  /** The claimed derivative, read in the notation of `expr` with its declarations and shapes. */
  readonly claim: string;
}

export type DiagnosisKind = 'layout' | 'symmetric-only' | 'probabilities-only' | 'scaled' | 'sign' | 'missing-term' | 'extra-term' | 'shape' | 'other';

/** Why a claim is wrong: the most specific kind that holds, in the order of `DiagnosisKind`. */
export interface Diagnosis {
  readonly kind: DiagnosisKind;
  /** One sentence for a learner, e.g. "right only when A is symmetric (Aᵀ = A)". */
  readonly detail: string;
  /** layout: the layout the claim is written in; other kinds: set when the claim also uses another layout. */
  readonly layout?: Layout;
  /** symmetric-only: the matrices that must be symmetric. */
  readonly symmetric?: readonly string[];
  /** probabilities-only: the variables whose rows (a vector: whose entries) must sum to 1. */
  readonly probabilities?: readonly string[];
  /** scaled / sign: claim = factor × correct (text, e.g. "2", "1/2", "-1", "n"). */
  readonly factor?: string;
  /** missing-term / extra-term: the term. */
  readonly term?: Rendered;
  /** other: a point (small sizes) where the two differ, with both values. */
  readonly counterexample?: Counterexample;
}

export interface Counterexample {
  readonly dims: Readonly<Record<string, number>>;
  readonly point: Readonly<Record<string, readonly (readonly number[])[]>>;
  readonly expected: readonly (readonly number[])[];
  readonly claim: readonly (readonly number[])[];
}

export interface CheckResult {
  readonly verdict: 'correct' | 'incorrect';
  readonly diagnosis?: Diagnosis;
  /** The true derivative in the requested layout. */
  readonly expected: Rendered;
  readonly claim: Rendered;
  /** exact: both sides have the same normal form; numeric: compared at random points. */
  readonly method: 'exact' | 'numeric';
  /** The largest accepted error (relativeError's measure) of a numeric decision; 0 for exact. */
  readonly tolerance: number;
  /** Points compared (numeric). */
  readonly samples: number;
  readonly layout: Layout;
  readonly order: 1 | 2;
  readonly wrt: readonly string[];
  /** The claim is a NumPy / PyTorch / JAX 1-D array, which has no orientation: it was compared as the row the layout asks for. */
  readonly oneDimensional?: boolean;
}
