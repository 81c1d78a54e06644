/**
 * The logistic sigmoid as a step of its own: a derivation that reaches exp(u) ⊘ (𝟏 + exp(u)) (the
 * logistic loss, softplus), or exp(u)/(1 + exp(u)) of a scalar u in a product (the logistic loss of
 * one sample, log(1 + exp(−y·wᵀx))), and whose textbook form writes σ(u) (simplify/build.ts hadamard,
 * product) names the identity exp(u)/(1 + exp(u)) = σ(u) where it is used, instead of leaving it
 * inside "Simplify".
 */
import { Expr, postorder, rawFn, rawHadamard, rawMul, withArgs } from '../model/expr';
import { textbook } from '../present/present';
import { expBesideOne } from '../simplify/build';

/** The factors of an element-wise product or a product, nested ones of the same kind opened. */
function factorsOf(e: Expr): Expr[] {
  return e.args.flatMap((f) => (f.op === e.op ? factorsOf(f) : [f]));
}

/**
 * An element-wise product's factors with exp(u) and (𝟏 + exp(u))∘⁻¹ replaced by σ(u) (where exp(u)
 * stood), or undefined if it has no such pair; the arguments of the sigmoids made are added to `made`.
 */
function withSigmoids(factors: readonly Expr[], made: Set<Expr>): Expr[] | undefined {
  let out = [...factors];
  let changed = false;
  for (const q of factors) {
    if (q.op !== 'pow' || q.args[1].op !== 'num' || q.args[1].value !== -1) continue;
    const e = expBesideOne(q.args[0]);
    const at = e === undefined ? -1 : out.indexOf(e);
    if (e === undefined || at < 0 || !out.includes(q)) continue;
    const u = e.args[0];
    out[at] = rawFn('sigmoid', u);
    out = out.filter((f) => f !== q);
    made.add(u);
    changed = true;
  }
  return changed ? out : undefined;
}

/**
 * `value` with every exp(u) ⊘ (𝟏 + exp(u)) in an element-wise product written σ(u), the rest as it
 * is, and the u's, when the textbook form `target` writes σ of one of them; else undefined.
 */
export function sigmoidRewrite(value: Expr, target: Expr): { readonly value: Expr; readonly arguments: readonly Expr[] } | undefined {
  const sigmoids = postorder(target).filter((e) => e.op === 'fn' && e.name === 'sigmoid');
  if (sigmoids.length === 0) return undefined;
  const made = new Set<Expr>();
  const done = new Map<Expr, Expr>();
  for (const e of postorder(value)) {
    const args = e.args.map((a) => done.get(a) as Expr);
    let out = args.every((a, i) => a === e.args[i]) ? e : withArgs(e, args);
    if (out.op === 'hadamard' || out.op === 'mul') {
      // In a product the pair is of scalars (the scalar logistic loss): σ stands where exp stood, the
      // order of the array factors is kept.
      const replaced = withSigmoids(factorsOf(out), made);
      if (replaced !== undefined) out = replaced.length === 1 ? replaced[0] : out.op === 'mul' ? rawMul(replaced) : rawHadamard(replaced);
    }
    done.set(e, out);
  }
  // The textbook form may write an argument in its own order (σ(−wxy) for exp((−y)wx) made σ((−y)wx)).
  const madeInTextbookForm = new Set([...made].map((u) => textbook(u)));
  const used = sigmoids.filter((e) => made.has(e.args[0]) || madeInTextbookForm.has(e.args[0])).map((e) => e.args[0]);
  if (used.length === 0) return undefined;
  return { value: done.get(value) as Expr, arguments: [...new Set(used)] };
}
