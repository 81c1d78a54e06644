/**
 * Derivatives through the normalization of a vector in the form the textbooks print (Ba, Kiros &
 * Hinton 2016; batch-deep-learning.md, "Layer norm"): where f uses the variable x only through
 *
 *   x̂ = (x − mean(x)𝟏)/σ,  σ = √(mean((x − mean(x)𝟏)∘²) + c)  (c free of x; an RMS norm: x/σ, σ = √(mean(x∘²) + c)),
 *
 * the Jacobian of x̂ is (I − 𝟏𝟏ᵀ/n − x̂x̂ᵀ/n)/σ (RMS: (I − x̂x̂ᵀ/n)/σ), symmetric, so that
 *
 *   the gradient of a scalar f is (g − mean(g)𝟏 − mean(g ⊙ x̂)x̂)/σ   (RMS: (g − mean(g ⊙ x̂)x̂)/σ),
 *   the Jacobian of a vector f is J(I − 𝟏𝟏ᵀ/n − x̂x̂ᵀ/n)/σ,
 *
 * with g = ∂f/∂x̂ and J = ∂f/∂x̂ᵀ (x̂ held as a variable): written with x̂ and σ themselves, which the
 * named form then names, instead of the centred vector and σ⁻³ the reverse mode leaves. Sound: the
 * chain rule through x̂ with that Jacobian (x̂ᵀ𝟏 = 0 for the centred form, and 𝟏ᵀ(x − mean(x)𝟏) = 0 is
 * what makes 𝟏𝟏ᵀ/n appear once); the tests check every form against finite differences.
 */
import type { Derivative } from '../calculus/form';
import { differentiate } from '../calculus/derive';
import { Expr, eye, num, ones, postorder, rawAdd, rawHadamard, rawMul, rawPow, rawReduce, rawTranspose, sizeNode, variable, withArgs } from '../model/expr';
import { isColumn, isScalar } from '../model/shape';
import { vectorNormalizationAt, type VectorNormalization } from '../model/vectorNormalization';
import { normalize } from '../simplify/simplify';

/** Replace one node by another everywhere (raw rebuild: nothing else changes). */
function replace(root: Expr, from: Expr, to: Expr): Expr {
  const done = new Map<Expr, Expr>();
  for (const e of postorder(root)) done.set(e, e === from ? to : withArgs(e, e.args.map((a) => done.get(a) as Expr)));
  return done.get(root) as Expr;
}

/** The textbook form around a stand-in for x̂, and how to put x̂ itself in once it is laid out. */
export interface VectorNormalizationForm {
  /** The canonical derivative with x̂ a stand-in variable. */
  readonly framed: Expr;
  /** x̂ put in for the stand-in (a raw rebuild: nothing else changes). */
  readonly finish: (e: Expr) => Expr;
}

/**
 * The derivative d (a gradient or a Jacobian, first order, by one vector) in the textbook form of a
 * vector normalization, or undefined when f does not use the variable through exactly one.
 * `textbook` puts the derivative by x̂ (a stand-in variable) in textbook form; the frame around it
 * is built as written, and x̂ is put in only after the layout and tidying (`finish`), so that no
 * simplification takes x̂ = v/σ apart (σ⁻²vvᵀ for x̂x̂ᵀ) and the named form can call it x̂.
 */
export function vectorNormalizationForm(d: Derivative, textbook: (inner: Derivative) => Expr): VectorNormalizationForm | undefined {
  if ((d.form !== 'gradient' && d.form !== 'jacobian') || d.order !== 1 || d.wrt.length !== 1 || !isColumn(d.wrt[0].shape)) return undefined;
  const x = d.wrt[0];
  if (!mayNormalize(d.f)) return undefined;
  let f = d.f;
  let found = normalizationOf(f, x);
  if (!found) found = normalizationOf((f = normalize(d.f)), x);
  if (!found) return undefined;
  const r = found;
  const stand = variable('\u0000normalized', r.hat.shape);
  // (w ⊙ v)/σ = w ⊙ (v/σ): x̂ one node to stand in for.
  const outer = replace(f, r.site, r.site === r.hat ? stand : rawHadamard([...r.beside, stand]));
  if (postorder(outer).includes(x)) return undefined;
  const inner = differentiate(outer, [stand]);
  if (inner.form !== d.form) return undefined;
  const upstream = textbook(inner);
  const n = x.shape.rows;
  const column = ones({ rows: n, cols: 1 });
  const reciprocal = normalize(r.reciprocal);
  let framed: Expr;
  if (d.form === 'gradient') {
    // (g − mean(g)𝟏 − mean(g ⊙ x̂)x̂)/σ
    const terms = [upstream];
    if (r.centred) terms.push(rawMul([num(-1), rawReduce('mean', upstream), column]));
    terms.push(rawMul([num(-1), rawReduce('mean', rawHadamard([upstream, stand])), stand]));
    framed = rawMul([rawAdd(terms), reciprocal]);
  } else {
    // J(I − 𝟏𝟏ᵀ/n − x̂x̂ᵀ/n)/σ
    const invN = rawPow(sizeNode({ rows: n, cols: 1 }), num(-1));
    const terms = [eye(n)];
    if (r.centred) terms.push(rawMul([num(-1), column, rawTranspose(column), invN]));
    terms.push(rawMul([num(-1), stand, rawTranspose(stand), invN]));
    const centring = rawAdd(terms);
    framed = rawMul([...(upstream.op === 'eye' ? [] : [upstream]), centring, reciprocal]);
  }
  const hat = normalize(r.hat);
  return { framed, finish: (e) => replace(e, stand, hat) };
}

/** The one normalization of x in f, or undefined (none, or several). */
function normalizationOf(f: Expr, x: Expr): VectorNormalization | undefined {
  const found = postorder(f).map(vectorNormalizationAt).filter((r): r is VectorNormalization => r !== undefined && r.x === x);
  return found.length === 1 ? found[0] : undefined;
}

const mayNormalize = (f: Expr): boolean => postorder(f).some((e) => e.op === 'fn' && e.name === 'sqrt' && isScalar(e.shape));
