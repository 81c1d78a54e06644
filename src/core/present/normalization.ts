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
 * symmetric, and x̂ᵀ𝟏 = 0); the tests check it against finite differences. A column normalization
 * (each column, dim 1: X̂ = v ⊘ (𝟏σ)) is the same transposed: 𝟏ᵀ(·)/N and 𝟏(·) for mean(·, 2) and (·)𝟏ᵀ.
 */
import type { Derivative } from '../calculus/form';
import { differentiate } from '../calculus/derive';
import { Expr, postorder, rawHadamard, rawMul, rawPow, rawTranspose, variable, withArgs } from '../model/expr';
import { isScalar } from '../model/shape';
import { rowNormalizationAt, type RowNormalization } from '../model/rowNormalization';
import { mul, num, ones, sub } from '../simplify/build';
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

/** Cheap pre-test: most expressions have no square root of a column (or a row) at all. */
const mayNormalize = (nodes: readonly Expr[]): boolean =>
  nodes.some((e) => e.op === 'fn' && e.name === 'sqrt' && !isScalar(e.shape) && (e.shape.cols === 1 || e.shape.rows === 1));

/**
 * A Hadamard product holding a normalization's two factors among others (G ⊙ v ⊘ (σ𝟏ᵀ), as the
 * reverse mode leaves the gradient by γ of X̂ ⊙ 𝟏γᵀ) regrouped around X̂ itself, G ⊙ X̂
 * (associativity; nothing else changes), and a σ the simplifier took out of a sum put back in
 * (`intoSum`), so the result reads as the textbook's (G ⊙ X̂)ᵀ𝟏 and the named form names X̂ and σ.
 */
export function groupNormalizations(e: Expr): Expr {
  const nodes = postorder(e);
  if (!mayNormalize(nodes)) return e;
  const done = new Map<Expr, Expr>();
  const summed = new Set<Expr>();
  for (const node of nodes) {
    let out = withArgs(node, node.args.map((a) => done.get(a) as Expr));
    if (out.op === 'transpose' && summed.has(out.args[0])) {
      // (𝟏ᵀ(G ⊙ X̂))ᵀ = (G ⊙ X̂)ᵀ𝟏, as the layout writes a transposed sum.
      const [a, b] = out.args[0].args;
      out = rawMul([transposeOnes(b) ?? rawTranspose(b), transposeOnes(a) ?? rawTranspose(a)]);
    } else if (out.op === 'hadamard') {
      const r = out.args.length > 2 ? rowNormalizationAt(out) : undefined;
      if (r && r.site !== r.hat) {
        const [v, reciprocal] = r.hat.args;
        out = rawHadamard(out.args.filter((a) => a !== reciprocal).map((a) => (a === v ? r.hat : a)));
      } else {
        const into = intoSum(out);
        if (into) out = into;
        if (into?.op === 'mul') summed.add(into);
      }
    }
    done.set(node, out);
  }
  return done.get(e) as Expr;
}

const transposeOnes = (e: Expr): Expr | undefined => (e.op === 'ones' ? ones({ rows: e.shape.cols, cols: e.shape.rows }) : undefined);

const isInverse = (e: Expr): boolean => e.op === 'pow' && e.args[1].op === 'num' && e.args[1].value === -1;

/**
 * (𝟏ᵀ(F ⊙ v)) ⊘ σ back into the column sum it was taken out of, 𝟏ᵀ(F ⊙ X̂) (and (F ⊙ v)𝟏 ⊘ σ along
 * rows), where v ⊘ (𝟏σ) is a normalization: the simplifier takes a per-column σ out of a column sum
 * (the gradient by a per-column γ of a column normalization), the textbook sums G ⊙ X̂. Sound:
 * (𝟏ᵀA) ⊙ s = 𝟏ᵀ(A ⊙ 𝟏s) for a row s, and (A𝟏) ⊙ s = (A ⊙ s𝟏ᵀ)𝟏 for a column.
 */
function intoSum(h: Expr): Expr | undefined {
  for (const inverse of h.args) {
    if (!isInverse(inverse)) continue;
    const s = inverse.args[0];
    const dim = s.shape.rows === 1 ? 1 : s.shape.cols === 1 ? 2 : undefined;
    if (dim === undefined) continue;
    for (const sum of h.args) {
      if (sum.op !== 'mul' || sum.args.length !== 2) continue;
      const [a, o] = dim === 2 ? sum.args : [sum.args[1], sum.args[0]];
      const n = dim === 2 ? a.shape.cols : a.shape.rows;
      if (o.op !== 'ones' || o.shape.rows !== (dim === 2 ? n : 1) || o.shape.cols !== (dim === 2 ? 1 : n)) continue;
      const spreadS = dim === 2 ? rawMul([s, ones({ rows: 1, cols: n })]) : rawMul([ones({ rows: n, cols: 1 }), s]);
      const factors = a.op === 'hadamard' ? a.args : [a];
      for (const v of factors) {
        const hat = rawHadamard([v, rawPow(spreadS, num(-1))]);
        const r = rowNormalizationAt(hat);
        if (!r || r.site !== hat || r.dim !== dim) continue;
        const inner = factors.length === 1 ? hat : rawHadamard(factors.map((f) => (f === v ? hat : f)));
        const summed = rawMul(dim === 2 ? [inner, o] : [o, inner]);
        const rest = h.args.filter((x) => x !== inverse).map((x) => (x === sum ? summed : x));
        return rest.length === 1 ? rest[0] : rawHadamard(rest);
      }
    }
  }
  return undefined;
}

/** The one normalization of x in f, or undefined (none, or several). */
function normalizationOf(f: Expr, x: Expr): RowNormalization | undefined {
  const found = postorder(f).map(rowNormalizationAt).filter((r): r is RowNormalization => r !== undefined && r.x === x);
  return found.length === 1 ? found[0] : undefined;
}

function build(read: Expr, x: Expr): Expr | undefined {
  if (!mayNormalize(postorder(read))) return undefined;
  // As read, or simplified: NumPy's broadcast of a reduced 1-D σ reads as 𝟏√(…)ᵀ, which the
  // simplifier writes 𝟏√(…ᵀ) — the transpose moved to the leaves.
  let f = read;
  let found = normalizationOf(f, x);
  if (!found) found = normalizationOf((f = normalize(read)), x);
  if (!found) return undefined;
  const r = found;
  const stand = variable('\u0000normalized', r.hat.shape);
  // G ⊙ v ⊘ (σ𝟏ᵀ) = G ⊙ (v ⊘ (σ𝟏ᵀ)): associativity, so that X̂ is one node to stand in for.
  const rest = r.site.args.filter((a) => !r.hat.args.includes(a));
  const outer = replace(f, r.site, r.site === r.hat ? stand : rawHadamard([...rest, stand]));
  if (postorder(outer).includes(x)) return undefined;
  const hat = normalize(r.hat);
  const g = replace(differentiate(outer, [stand]).expr, stand, hat);
  // Along rows: mean(A, 2) = A𝟏/n, spread c𝟏ᵀ; along columns the transposes, 𝟏ᵀA/N and 𝟏c.
  const rows = r.dim === 2;
  const n = rows ? r.hat.shape.cols : r.hat.shape.rows;
  const rowMean = (a: Expr): Expr => (rows ? mul(a, ones({ rows: n, cols: 1 }), r.invN) : mul(ones({ rows: 1, cols: n }), a, r.invN));
  const spread = (c: Expr): Expr => (rows ? mul(c, ones({ rows: 1, cols: n })) : mul(ones({ rows: n, cols: 1 }), c));
  const centred = r.centred ? sub(g, spread(rowMean(g))) : g;
  // Raw Hadamard products around X̂ and σ: the smart constructor would merge X̂'s factors into them.
  const correction = rawHadamard([hat, spread(rowMean(rawHadamard([g, hat])))]);
  const reciprocal = normalize(r.reciprocal);
  return rawHadamard([sub(centred, correction), reciprocal]);
}
