/**
 * How a product-rule step is shown: the sum of its terms, each the derivative through one factor
 * with the others held fixed, times the derivative of that factor — (Ax)ᵀ ∂x/∂x + xᵀA ∂x/∂x —
 * then the terms simplified, xᵀAᵀ + xᵀA; collecting them is a step of its own (or the last part of
 * a local derivative). The sentence names the factors.
 */
import { postorder, type Expr } from '../model/expr';
import { isColumn, isMatrix } from '../model/shape';
import { fraction, factorNote, note, sum } from './notation';
import { jacobianTerms, termSums, type Term } from './occurrences';
import type { RuleId } from './rules';
import type { Notation } from './step';
import type { Writer } from './writer';

export interface ProductRule {
  readonly rule: RuleId;
  readonly name: string;
  /** A Matrix Cookbook identity the step is an instance of, when it is one (the quadratic form xᵀBx). */
  readonly reference?: string;
  readonly sentence: string;
  readonly terms: readonly Term[];
  /** Σ held · ∂a/∂a, as notation, and as an expression (raw) for the claim. */
  readonly shownNote: Notation;
  readonly shown: Expr;
  /** The terms simplified, summed (raw: not collected). */
  readonly simplified: Expr;
}

/**
 * The product rule for ∂def/∂a term by term, when a occurs more than once in `def`, written by `w`.
 * `named`: how the sentence and the terms show an expression (a derivation's shared constants by
 * their names).
 */
export function productRule(w: Writer, def: Expr, a: Expr, total: boolean, named: (e: Expr) => Expr = (e) => e): ProductRule | undefined {
  const terms = jacobianTerms(def, a);
  if (!terms) return undefined;
  const inner = fraction(w, a, a, { total });
  const pieces = terms.map((t) => {
    const h = factorNote(w, named(t.held));
    return note(`${h.tex} \\, ${inner.tex}`, `${h.text}·${inner.text}`);
  });
  const { shown, simplified } = termSums(terms, a);
  const factors = terms.map((t) => t.occurrence.factor);
  const product = factors.every((f) => f !== undefined);
  const name = w.unicode(a);
  const listed = [...new Set(factors.map((f) => (f ? w.unicode(named(f)) : name)))];
  const which = listed.length > 1 ? ` (${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]})` : '';
  const symmetry = symmetryUsed(w, terms);
  const quadratic = def.op === 'mul' && def.args.length === 3 && def.args[0].op === 'transpose' && def.args[0].args[0] === a
    && def.args[2] === a && isColumn(a.shape) && isMatrix(def.args[1].shape);
  return {
    rule: product ? 'product-rule' : 'total-derivative',
    name: product ? 'Product rule' : 'Sum over occurrences',
    ...(quadratic ? { reference: 'Parr & Howard §2; Matrix Cookbook (81)' } : {}),
    sentence: product
      ? `${name} occurs in ${terms.length} factors of ${w.unicode(named(def))}${which}, so the product rule gives one term per factor: the derivative through that factor with the other factors held fixed, times the derivative of the factor itself.${symmetry}`
      : `${name} occurs ${terms.length} times in ${w.unicode(named(def))}, so the derivative adds one term per occurrence: the derivative through that occurrence with the others held fixed.${symmetry}`,
    terms,
    shownNote: sum(pieces),
    shown,
    simplified,
  };
}

/**
 * Where a term transposes a product holding a matrix declared symmetric ((Wx)ᵀ), its simplified
 * form drops that matrix's transpose (xᵀW, not xᵀWᵀ): the sentence that says so, or ''.
 */
function symmetryUsed(w: Writer, terms: readonly Term[]): string {
  const names = new Set<string>();
  for (const t of terms) {
    for (const n of postorder(t.held)) {
      if (n.op !== 'transpose') continue;
      for (const m of postorder(n.args[0])) if (m.op === 'var' && m.symmetric === true && isMatrix(m.shape)) names.add(w.unicode(m));
    }
  }
  if (names.size === 0) return '';
  const list = [...names];
  const each = list.map((w) => `${w}ᵀ = ${w}`).join(', ');
  const several = list.length > 1;
  return ` ${list.join(' and ')} ${several ? 'are' : 'is'} symmetric (${each}), which the terms use: ${several ? 'their transposes are written as themselves' : 'its transpose is written as itself'}.`;
}
