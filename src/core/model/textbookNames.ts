/** The names the textbooks give to parts of a result (Goodfellow et al. §6.5: H; Ba et al. 2016: X̂, σ). */
import { Expr } from './expr';
import { isMatrix } from './shape';
import { rowNormalizationAt } from './rowNormalization';

/** The activations of a hidden layer over a batch, H = φ(XW + 𝟏bᵀ). */
const ACTIVATIONS: ReadonlySet<string> = new Set(['tanh', 'relu', 'gelu', 'softplus']);
const hiddenLayer = (e: Expr): boolean => e.op === 'fn' && ACTIVATIONS.has(e.name as string) && isMatrix(e.shape);

/**
 * The names a textbook gives (by node id), for the named form, the binding form and the emitted
 * code to use where a part is shared: the activations of a hidden layer over a batch are H
 * (H = tanh(XW₁ + 𝟏b₁ᵀ)); a row normalization X̂ = v ⊘ (σ𝟏ᵀ) is X̂ with its σ, and (σ𝟏ᵀ)⁻¹ is
 * never named (null), so the result reads ⊘ (σ𝟏ᵀ) as X̂'s definition does.
 */
export function pinnedNames(order: readonly Expr[]): Map<number, string | null> {
  const pinned = new Map<number, string | null>();
  for (const e of order) if (hiddenLayer(e) && !pinned.has(e.id)) pinned.set(e.id, 'H');
  if (!order.some((e) => e.op === 'fn' && e.name === 'sqrt')) return pinned;
  for (const e of order) {
    const r = rowNormalizationAt(e);
    if (!r || r.site !== r.hat || pinned.has(e.id)) continue;
    pinned.set(e.id, `${r.x.name as string}_hat`);
    pinned.set(r.sigma.id, 'sigma');
    pinned.set(r.reciprocal.id, null);
    pinned.set(r.reciprocal.args[0].id, null);
  }
  return pinned;
}
