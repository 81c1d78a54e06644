/** The names the textbooks give to parts of a result (Goodfellow et al. §6.5: H; Ba et al. 2016: X̂, σ). */
import { Expr } from './expr';
import { isMatrix } from './shape';
import { rowNormalizationAt } from './rowNormalization';
import { vectorNormalizationAt } from './vectorNormalization';

/** The activations of a hidden layer over a batch, H = φ(XW + 𝟏bᵀ). */
const ACTIVATIONS: ReadonlySet<string> = new Set(['tanh', 'sigmoid', 'relu', 'gelu', 'softplus']);
const hiddenLayer = (e: Expr): boolean => e.op === 'fn' && ACTIVATIONS.has(e.name as string) && isMatrix(e.shape);

/**
 * The depth of each hidden layer (by node id): 1 for a layer no other hidden layer feeds, k + 1 for
 * one fed by a layer of depth k — a structural count, so a layer has the same number in every result
 * of one network. Empty when there is none.
 */
function hiddenDepths(order: readonly Expr[]): Map<number, number> {
  const depths = new Map<number, number>();
  if (!order.some(hiddenLayer)) return depths;
  const below = new Map<Expr, number>();
  for (const e of order) {
    let d = 0;
    for (const a of e.args) d = Math.max(d, below.get(a) as number);
    if (hiddenLayer(e)) depths.set(e.id, ++d);
    below.set(e, d);
  }
  return depths;
}

/** The variables' names and the dimensions' of an expression (each part of a product m·n), its nodes given in `order`. */
export function namesIn(order: readonly Expr[]): Set<string> {
  const names = new Set<string>();
  const dimensions = new Set<string>();
  for (const e of order) {
    if (e.op === 'var') names.add(e.name as string);
    if (typeof e.shape.rows === 'string') dimensions.add(e.shape.rows);
    if (typeof e.shape.cols === 'string') dimensions.add(e.shape.cols);
  }
  for (const d of dimensions) for (const part of d.split('·')) names.add(part);
  return names;
}

/**
 * The names a textbook gives (by node id), for the named form, the binding form and the emitted
 * code to use where a part is shared: the activations of a hidden layer over a batch are H
 * (H = tanh(XW₁ + 𝟏b₁ᵀ)), numbered by depth where layers feed layers, H₁ = tanh(XW₁ + 𝟏b₁ᵀ),
 * H₂ = tanh(H₁W₂ + 𝟏b₂ᵀ), and their pre-activations Z (Z₁ = XW₁ + 𝟏b₁ᵀ, H₁ = relu(Z₁); Goodfellow
 * et al. Algorithm 6.3's a⁽ᵏ⁾, the Z of batch-form course notes), numbered the same way; a row (or column) normalization X̂ = v ⊘ (σ𝟏ᵀ) is X̂ with its σ, and
 * (σ𝟏ᵀ)⁻¹ is never named (null), so the result reads ⊘ (σ𝟏ᵀ) as X̂'s definition does; the gradient
 * Ḡ = ∂f/∂X̂ that flows into the normalization is Ḡ where it is not a variable (G ⊙ 𝟏γᵀ with a gain γ), and with
 * several normalizations Ḡ₁, Ḡ₂, … (G_bar1, G_bar2: Ḡᵢ = ∂f/∂X̂ᵢ, in the order written). The layers are
 * named only where no variable or dimension has one of their names; the callers check the others.
 */
export function pinnedNames(order: readonly Expr[]): Map<number, string | null> {
  const pinned = new Map<number, string | null>();
  const depths = hiddenDepths(order);
  const deep = [...depths.values()].some((d) => d > 1);
  const layerName = (d: number): string => (deep ? `H${d}` : 'H');
  const preName = (d: number): string => (deep ? `Z${d}` : 'Z');
  // All layers or none: where a variable or a dimension already has one of the names (a weight
  // called H2), H₁ beside a generated name would read as a numbering that is not there.
  const used = depths.size > 0 ? namesIn(order) : new Set<string>();
  if (![...depths.values()].some((d) => used.has(layerName(d)))) for (const [id, d] of depths) pinned.set(id, layerName(d));
  pinNormalizations(order, pinned);
  // The pre-activations Z = XW + 𝟏bᵀ (Z₁, Z₂, … by depth), where they are not variables and have no
  // name of their own (tanh(X̂) keeps X̂): written wherever the derivative needs them apart from H
  // (𝟙[Z₁ > 0] of a relu, Φ(Z) of a gelu, σ(Z) of a softplus).
  if (depths.size > 0 && ![...depths.values()].some((d) => used.has(preName(d)))) {
    for (const e of order) {
      const d = depths.get(e.id);
      const z = e.args[0];
      if (d !== undefined && z.args.length > 0 && !depths.has(z.id) && !pinned.has(z.id)) pinned.set(z.id, preName(d));
    }
  }
  return pinned;
}

/** A row or column normalization's X̂ and σ (and (σ𝟏ᵀ)⁻¹ never named), and the upstream gradient Ḡ into it; a vector's x̂ and σ. */
function pinNormalizations(order: readonly Expr[], pinned: Map<number, string | null>): void {
  if (!order.some((e) => e.op === 'fn' && e.name === 'sqrt')) return;
  const hats = new Set<Expr>();
  for (const e of order) {
    // A vector's x̂ = v/σ: x̂ and σ, and σ⁻¹ never named (x̂'s definition reads v/σ).
    const vector = vectorNormalizationAt(e);
    if (vector && vector.site === vector.hat && !pinned.has(e.id)) {
      pinned.set(e.id, `${vector.x.name as string}_hat`);
      pinned.set(vector.sigma.id, 'sigma');
      pinned.set(vector.reciprocal.id, null);
      continue;
    }
    const r = rowNormalizationAt(e);
    if (!r || r.site !== r.hat || pinned.has(e.id)) continue;
    pinned.set(e.id, `${r.x.name as string}_hat`);
    pinned.set(r.sigma.id, 'sigma');
    pinned.set(r.reciprocal.id, null);
    pinned.set(r.reciprocal.args[0].id, null);
    hats.add(e);
  }
  // The upstream gradient Ḡ = ∂f/∂X̂ of the textbook form (Ḡ − mean(Ḡ, 2)𝟏ᵀ − X̂ ⊙ (mean(Ḡ ⊙ X̂, 2)𝟏ᵀ)) ⊘ (σ𝟏ᵀ),
  // where it is not a variable itself (G ⊙ 𝟏γᵀ with a gain γ): the factor g beside X̂ in the correction
  // X̂ ⊙ ((g ⊙ X̂)𝟏𝟏ᵀ/n) — a row mean of g ⊙ X̂ spread back and multiplied by X̂ again, which only the
  // gradient through the normalization has (a product X̂ ⊙ (𝟏γᵀ) of the forward pass, inside tanh(·), is not one).
  if (hats.size === 0) return;
  const upstream: Expr[] = [];
  for (const e of order) {
    if (e.op !== 'hadamard' || e.args.length !== 2) continue;
    const hat = e.args.find((a) => hats.has(a));
    const spread = e.args.find((a) => a !== hat);
    if (hat === undefined || spread === undefined) continue;
    for (const p of rowMeanProducts(spread)) {
      if (p.op !== 'hadamard' || p.args.length !== 2 || !p.args.includes(hat)) continue;
      const g = p.args[0] === hat ? p.args[1] : p.args[0];
      // A multiple (2u) is not named (cse.ts `nameable`): Ḡ would then be half of what it names.
      const multiple = g.op === 'mul' && g.args[0].op === 'num';
      if (g.args.length > 0 && !multiple && !hats.has(g) && !pinned.has(g.id) && !upstream.includes(g)) upstream.push(g);
    }
  }
  // Several (one per normalization whose gradient the result holds): Ḡ₁, Ḡ₂, … in the order written.
  upstream.forEach((g, i) => pinned.set(g.id, upstream.length === 1 ? 'G_bar' : `G_bar${i + 1}`));
}

/**
 * The products inside a row mean spread back, ((p)𝟏𝟏ᵀ)/n or 𝟏𝟏ᵀ(p)/N: the factors of a matrix
 * product holding a ones vector, looked for through the products around it (the /n).
 */
function rowMeanProducts(spread: Expr): Expr[] {
  if (spread.op !== 'mul') return [];
  const inner: Expr[] = [];
  for (const a of spread.args) if (a.op === 'mul') for (const p of rowMeanProducts(a)) inner.push(p);
  return spread.args.some((a) => a.op === 'ones') ? [...spread.args.filter((a) => a.op === 'hadamard'), ...inner] : inner;
}

/**
 * Names the named form gives a part even where it is written once: a normalization's X̂ and σ,
 * which the textbooks define before the gradient ((G ⊙ X̂)ᵀ𝟏 where X̂ = v ⊘ (σ𝟏ᵀ)).
 */
export const namedWhereverUsed = (name: string): boolean => name === 'sigma' || name.endsWith('_hat');
