/** Types shared by the layers of the LaTeX parser (cursor → delimited → variables → grammar). */
import type { Span } from '../../api';
import type { Ast, ChainLink, MulOp } from '../ast';
import type { KindOracle } from '../kinds';

/** How a name was written: the typography decides its default shape (see `read.ts`). */
/** 'entry' is a component with one index (of a vector), 'entry2' with two (of a matrix). */
export type NameStyle = 'bold' | 'plain' | 'entry' | 'entry2' | 'sample';

export interface LatexParserOptions {
  readonly oracle: KindOracle;
  /** Names declared (in `where` or in `%` comments): never constants or functions. */
  readonly declared: ReadonlySet<string>;
  /** `\otimes` is the Kronecker product (the default, as the LaTeX writer prints it) or the Hadamard product. */
  readonly otimes: 'hadamard' | 'kronecker';
  /**
   * Dimension names of the declarations (the n of x: vector(n)): an undeclared plain name that is
   * one of them is that number (\frac{1}{n} with x: vector(n)), not a variable.
   */
  readonly dimensions?: ReadonlySet<string>;
  /** Where to record the dimension names written as the sizes of constants (I_{n}, \mathbf{1}_{m \times n}). */
  readonly sizes?: Set<string>;
  /** Where to record the variables written (filled as far as parsing got, also when it fails). */
  readonly names?: Map<string, { styles: Set<NameStyle>; span: Span }>;
  /** Repeated index letters are summed (`% convention: einstein`); otherwise they are an error. */
  readonly einstein?: boolean;
  /** Whether a left side `y =`, `f(x) =` may precede the expression (not in a definition's body). */
  readonly leftSide?: boolean;
  /**
   * A pass that only learns how the names are written (`names`, `sizes`; read.ts's styles pass): the
   * checks of the tree after parsing (its depth, repeated subscripts, index notation) are skipped, as
   * they learn nothing, and the tree is not to be used.
   */
  readonly namesOnly?: boolean;
  /** Whether a trailing `dx` set apart by a space is refused as a differential (default true; not in the Unicode reader's translation). */
  readonly trailingDifferentials?: boolean;
}

export interface LatexParse {
  readonly ast: Ast;
  /** Every variable written, with the styles it was written in. */
  readonly names: ReadonlyMap<string, { readonly styles: ReadonlySet<NameStyle>; readonly span: Span }>;
  /** The placeholder variables (finish.ts: 𝟏, 𝟎 and I sized by the context), one per occurrence. */
  readonly placeholders: ReadonlySet<string>;
  /** The name a left side gives the function (`L = …`, `\mathcal{L}(\theta) :=`): ReadResult.functionName. */
  readonly name?: string;
}

/** What a superscript means. */
export type SupArgument =
  | { readonly kind: 'transpose'; readonly end: number }
  | { readonly kind: 'inverse'; readonly end: number }
  | { readonly kind: 'inverseTranspose'; readonly end: number }
  | { readonly kind: 'elementwise'; readonly exponent: Ast; readonly end: number }
  | { readonly kind: 'power'; readonly exponent: Ast; readonly end: number };

export interface Factor {
  readonly ast: Ast;
  /** A `\frac` that may join the surrounding product as its factors (a/b·c is a·b⁻¹·c). */
  readonly chain?: FracChain;
}

/**
 * A `\frac` as a product chain a · b⁻¹: the numerator's factors, then the links dividing by the
 * denominator, of which the last `divisors` divide by scalars (0 for an array denominator, ⊘).
 */
export interface FracChain {
  readonly first: Ast;
  readonly rest: readonly ChainLink<MulOp>[];
  readonly divisors: number;
}

export interface FracParts {
  readonly numerator: Ast;
  readonly denominator: Ast;
  readonly span: Span;
}

export type NumberAst = Extract<Ast, { kind: 'number' }>;

/** Open delimiters, innermost last: a `|` closes an open `|`. */
export type Delimiter = '(' | '[' | '{' | '\\{' | '|' | '‖' | '<';
