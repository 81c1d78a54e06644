/**
 * What the core knows about one element-wise function, in one record (see `index.ts` for the
 * table): its derivative, its numeric value, its names in every notation (for the readers and the
 * writers), its branches when it has a kink, and the rule a derivation states for it. The records
 * depend only on the expression model's types: the derivative is built with the smart constructors
 * handed to it, so simplify/, calculus/, syntax/, write/ and numeric/ can all read the records.
 */
import type { Expr } from '../model/expr';

/** The smart constructors a derivative is written with (simplify/build.ts). */
export interface Builders {
  readonly add: (...terms: Expr[]) => Expr;
  readonly sub: (a: Expr, b: Expr) => Expr;
  readonly neg: (a: Expr) => Expr;
  readonly mul: (...factors: Expr[]) => Expr;
  readonly hadamard: (...factors: Expr[]) => Expr;
  readonly pow: (a: Expr, k: Expr) => Expr;
  readonly num: (v: number) => Expr;
  readonly ones: (s: Expr['shape']) => Expr;
  readonly zeros: (s: Expr['shape']) => Expr;
  readonly fn: (name: string, a: Expr) => Expr;
  /** The constant π. */
  readonly pi: () => Expr;
}

/**
 * How the math writers lay a function out: `call` f(u); `zero-first` max(0, u); `abs` |u|;
 * `sqrt` √u; `indicator` 𝟙[u > 0].
 */
export type WrittenForm = 'call' | 'zero-first' | 'abs' | 'sqrt' | 'indicator';

/** On one side of a kink at u = 0, the function is 0, 1 or u itself. */
export type BranchValue = 'zero' | 'one' | 'identity';

export interface FunctionRecord {
  /** f′(a), given the argument a and the value u = f(a) (reusing u keeps results short: exp′ = u). */
  readonly derivative: (b: Builders, a: Expr, u: Expr) => Expr;
  /** f(x) for a real x, in a numerically stable form; NaN outside the domain. */
  readonly value: (x: number) => number;
  /** f(0), for constant folding of f(0) and for display branches (NaN or ±∞: not folded). */
  readonly atZero: number;
  /** A kink or a jump at 0: finite differences are unreliable near it. */
  readonly nonSmooth?: true;
  /** Displayed as cases split at its argument u: its value for u ≤ 0 and for u > 0. */
  readonly cases?: { readonly negative: BranchValue; readonly positive: BranchValue };
  /**
   * Where the argument must lie for the value to be real and the derivative finite (random points
   * are drawn there): u > 0 (`positive`), −1 < u < 1 (`unit-interval`), u > 1 (`above-one`).
   */
  readonly domain?: 'positive' | 'unit-interval' | 'above-one';
  /** Names in the plain syntax: `write` is what the writer prints, `read` what the reader accepts (one argument). */
  readonly plain: { readonly write: string; readonly read: readonly string[] };
  /** LaTeX: the written command, and the commands (`\ln`) and operator names (`\operatorname{ReLU}`) read. */
  readonly latex: { readonly write: string; readonly commands: readonly string[]; readonly operatorNames: readonly string[] };
  readonly unicode: string;
  readonly form: WrittenForm;
  /** Code: the NumPy-style spelling in module m (np, jnp, torch), PyTorch's and JAX's where they differ. */
  readonly code: {
    readonly numpy: (m: string, u: string) => string;
    readonly torch?: (u: string) => string;
    readonly jax?: (u: string) => string;
    /** Python helpers the spellings call, by name, written in module m (included only where called). */
    readonly helpers?: Readonly<Record<string, (m: string) => string>>;
    /** Names the NumPy reader accepts after a module prefix (np.arcsin, torch.asin, F.gelu) and as methods (x.sinh()). */
    readonly read: readonly string[];
    readonly methods: readonly string[];
    /** Keyword arguments that make the call a different function, with the reason it is refused. */
    readonly refusedKeywords?: Readonly<Record<string, string>>;
  };
  /** The rule of derivations: how the function is named and its derivative stated (u the argument). */
  readonly rule: { readonly display: string; readonly text: string };
}
