/**
 * The gradient through a row normalization in the form the textbooks print (Ba, Kiros & Hinton
 * 2016; batch-deep-learning.md, "Layer norm"): where f uses the variable X only through
 *
 *   X̂ = v ⊘ (σ𝟏ᵀ),  v = X − mean(X, 2)𝟏ᵀ (layer norm; v = X for an RMS norm),
 *   σ = √(mean(v∘², 2) + c)  (c free of X: eps𝟏),
 *
 * and Ḡ = ∂f/∂X̂ (X̂ held as a variable), the gradient is
 *
 *   ∂f/∂X = (Ḡ − mean(Ḡ, 2)𝟏ᵀ − X̂ ⊙ (mean(Ḡ ⊙ X̂, 2)𝟏ᵀ)) ⊘ (σ𝟏ᵀ)   (RMS norm: without mean(Ḡ, 2)𝟏ᵀ),
 *
 * written with the normalized input X̂ and σ themselves, which the named form then names, instead
 * of the centred rows v and σ∘⁻³ the reverse mode leaves. Sound: the chain rule through X̂ with the
 * normalization's own adjoint (each row x̂ = (x − μ)/σ has Jacobian (I − 𝟏𝟏ᵀ/n − x̂x̂ᵀ/n)/σ,
 * symmetric, and x̂ᵀ𝟏 = 0); the tests check it against finite differences.
 */
import type { Derivative } from '../calculus/form';
import { differentiate } from '../calculus/derive';
import { Expr, postorder, rawHadamard, variable, withArgs } from '../model/expr';
import { isScalar } from '../model/shape';
import { rowNormalizationAt, type RowNormalization } from '../model/rowNormalization';
import { mul, ones, sub } from '../simplify/build';
import { normalize } from '../simplify/simplify';

/** Replace one node by another everywhere (raw rebuild: nothing else changes). */
function replace(root: Expr, from: Expr, to: Expr): Expr {
  const done = new Map<Expr, Expr>();
  for (const e of postorder(root)) done.set(e, e === from ? to : withArgs(e, e.args.map((a) => done.get(a) as Expr)));
  return done.get(root) as Expr;
}

const memo = new WeakMap<Expr, Expr | null>();

/**
 * The gradient of d in the textbook form of a row normalization, or undefined when d is not a
 * gradient by a matrix that f uses through one. Memoized per derivative value.
 */
export function normalizationForm(d: Derivative): Expr | undefined {
  if (d.form !== 'gradient' || d.order !== 1 || d.wrt.length !== 1 || d.wrt[0].symmetric) return undefined;
  const known = memo.get(d.expr);
  if (known !== undefined) return known ?? undefined;
  const out = build(d.f, d.wrt[0]);
  memo.set(d.expr, out ?? null);
  return out;
}

function build(f: Expr, x: Expr): Expr | undefined {
  const nodes = postorder(f);
  // Cheap pre-test: most expressions have no square root of a column at all.
  if (!nodes.some((e) => e.op === 'fn' && e.name === 'sqrt' && e.shape.cols === 1 && !isScalar(e.shape))) return undefined;
  const found = nodes.map(rowNormalizationAt).filter((r): r is RowNormalization => r !== undefined && r.x === x);
  if (found.length !== 1) return undefined;
  const r = found[0];
  const stand = variable('\u0000normalized', r.hat.shape);
  // G ⊙ v ⊘ (σ𝟏ᵀ) = G ⊙ (v ⊘ (σ𝟏ᵀ)): associativity, so that X̂ is one node to stand in for.
  const rest = r.site.args.filter((a) => !r.hat.args.includes(a));
  const outer = replace(f, r.site, r.site === r.hat ? stand : rawHadamard([...rest, stand]));
  if (postorder(outer).includes(x)) return undefined;
  const hat = normalize(r.hat);
  const g = replace(differentiate(outer, [stand]).expr, stand, hat);
  const n = r.hat.shape.cols;
  const rowMean = (a: Expr): Expr => mul(a, ones({ rows: n, cols: 1 }), r.invN);
  const spread = (c: Expr): Expr => mul(c, ones({ rows: 1, cols: n }));
  const centred = r.centred ? sub(g, spread(rowMean(g))) : g;
  // Raw Hadamard products around X̂ and σ: the smart constructor would merge X̂'s factors into them.
  const correction = rawHadamard([hat, spread(rowMean(rawHadamard([g, hat])))]);
  const reciprocal = normalize(r.reciprocal);
  return rawHadamard([sub(centred, correction), reciprocal]);
}
