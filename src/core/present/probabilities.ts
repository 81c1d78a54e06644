/**
 * Rows that are probabilities (issue 13): a variable declared `probabilities` — class
 * probabilities or one-hot rows, the targets of a cross-entropy — has rows summing to 1, Y𝟏 = 𝟏
 * (a vector: 𝟏ᵀy = 1). The derivative is taken for unconstrained entries, then written with this
 * fact, which holds at every point the declaration allows: the softmax cross-entropy gradient
 * Xᵀ((Y𝟏𝟏ᵀ) ⊙ P − Y)/N becomes the textbook Xᵀ(P − Y)/N (without the declaration it is written
 * Xᵀ(diag(Y𝟏)P − Y)/N, ./rowSumScaling.ts).
 */
import { type Expr, postorder, sizeNode } from '../model/expr';
import { isColumn, isScalar } from '../model/shape';
import { mul, num, ones } from '../simplify/build';
import { rebuildNode } from '../simplify/simplify';

/** A probabilities variable (or its transpose) times 𝟏 on the side that sums: Y𝟏, 𝟏ᵀYᵀ, yᵀ𝟏, 𝟏ᵀy. */
function rowSums(left: Expr, right: Expr): Expr | undefined {
  const probs = (e: Expr): boolean => e.op === 'var' && e.probabilities === true;
  const isOnes = (e: Expr): boolean => e.op === 'ones';
  // Y𝟏 (Y N×k, 𝟏 k×1) = 𝟏 (N×1); y a vector: yᵀ𝟏 = 1.
  if (probs(left) && !isColumn(left.shape) && isOnes(right) && isColumn(right.shape)) return ones({ rows: left.shape.rows, cols: 1 });
  if (left.op === 'transpose' && probs(left.args[0]) && isColumn(left.args[0].shape) && isOnes(right) && isColumn(right.shape)) return num(1);
  // 𝟏ᵀYᵀ = 𝟏ᵀ; 𝟏ᵀy = 1.
  if (right.op === 'transpose' && probs(right.args[0]) && !isColumn(right.args[0].shape) && isOnes(left) && left.shape.rows === 1) {
    return ones({ rows: 1, cols: right.shape.cols });
  }
  if (probs(right) && isColumn(right.shape) && isOnes(left) && left.shape.rows === 1) return num(1);
  return undefined;
}

/** The product's factors with every row sum of a probabilities variable replaced (undefined: none). */
function withRowSums(factors: readonly Expr[]): Expr[] | undefined {
  const out: Expr[] = [];
  let changed = false;
  for (const f of factors) {
    // Scalars scale and do not break the matrix chain: look back past them.
    let j = out.length - 1;
    while (j >= 0 && isScalar(out[j].shape) && !isScalar(f.shape)) j--;
    const summed = j >= 0 && !isScalar(f.shape) ? rowSums(out[j], f) : undefined;
    if (summed !== undefined) {
      out[j] = summed;
      changed = true;
    } else out.push(f);
  }
  return changed ? out : undefined;
}

/** e with Y𝟏 = 𝟏 used for every variable declared `probabilities` (e itself when there is none). */
export function useProbabilities(e: Expr): Expr {
  const nodes = postorder(e);
  if (!nodes.some((n) => n.op === 'var' && n.probabilities === true)) return e;
  const done = new Map<Expr, Expr>();
  for (const n of nodes) {
    const args = n.args.map((a) => done.get(a) as Expr);
    const factors = n.op === 'mul' ? withRowSums(args) : undefined;
    if (n.op === 'sum' && args[0].op === 'var' && args[0].probabilities === true) {
      // All entries: 1 for a vector, the number of rows for a matrix whose rows sum to 1.
      done.set(n, isColumn(args[0].shape) ? num(1) : sizeNode({ rows: args[0].shape.rows, cols: 1 }));
    } else done.set(n, factors ? mul(...factors) : rebuildNode(n, args));
  }
  return done.get(e) as Expr;
}

/** A sentence for a derivation whose result may use Y𝟏 = 𝟏, or '' when no variable is declared probabilities. */
export function probabilitiesNote(e: Expr): string {
  const names = [...new Set(postorder(e).filter((n) => n.op === 'var' && n.probabilities === true).map((n) => n.name as string))];
  if (names.length === 0) return '';
  const rows = names.map((n) => `${n}𝟏 = 𝟏`).join(', ');
  return ` ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} declared probabilities (each row sums to 1), so ${rows} is used: the result holds wherever the declaration does.`;
}
