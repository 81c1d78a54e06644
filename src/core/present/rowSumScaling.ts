/**
 * A Hadamard product with the broadcast row sums of a variable, (Y𝟏𝟏ᵀ) ⊙ M, is the product diag(Y𝟏)M: row i of M
 * scaled by the sum of row i of Y; by columns, (𝟏𝟏ᵀY) ⊙ M = M diag(Yᵀ𝟏). The softmax cross-entropy's gradient by the
 * logits, for targets whose rows need not sum to 1, is written diag(Y𝟏)P − Y, not (Y𝟏𝟏ᵀ) ⊙ P − Y (P − Y where Y is
 * declared probabilities: ./probabilities.ts, which runs first). Only a variable's row (column) sums, as diag(Y𝟏)
 * is written for a degree matrix: other broadcasts — a gain's 𝟏γᵀ, a normalization's σ𝟏ᵀ and mean(Ḡ ⊙ X̂, 2)𝟏ᵀ —
 * stay as the textbooks write them, with ⊙. Sound: (u𝟏ᵀ) ⊙ M = diag(u)M and (𝟏vᵀ) ⊙ M = M diag(v) entry by entry.
 */
import { type Expr, postorder } from '../model/expr';
import { isColumn, isScalar } from '../model/shape';
import { diagm, hadamard, mul, transpose } from '../simplify/build';
import { rebuildNode } from '../simplify/simplify';

const isOnesColumn = (e: Expr): boolean => e.op === 'ones' && isColumn(e.shape);
const isOnesRow = (e: Expr): boolean => e.op === 'ones' && e.shape.rows === 1 && !isColumn(e.shape);
const isMatrixVariable = (e: Expr): boolean => e.op === 'var' && !isColumn(e.shape) && e.shape.rows !== 1;

/** Which side a factor c·Y𝟏𝟏ᵀ (left: diag(Y𝟏) before M) or c·𝟏𝟏ᵀY (right: M diag(Yᵀ𝟏)) scales; undefined for another factor. */
function broadcastSide(f: Expr): 'left' | 'right' | undefined {
  if (f.op !== 'mul') return undefined;
  const chain = f.args.filter((a) => !isScalar(a.shape));
  if (chain.length !== 3) return undefined;
  const [a, b, c] = chain;
  if (isMatrixVariable(a) && isOnesColumn(b) && isOnesRow(c)) return 'left';
  if (isOnesColumn(a) && isOnesRow(b) && isMatrixVariable(c)) return 'right';
  return undefined;
}

/** h = (c·Y𝟏𝟏ᵀ) ⊙ rest as c·diag(Y𝟏)·rest (by columns rest·diag(Yᵀ𝟏)), or undefined when h has no such factor. */
function scaled(h: Expr): Expr | undefined {
  for (let i = 0; i < h.args.length; i++) {
    const f = h.args[i];
    const side = broadcastSide(f);
    if (side === undefined) continue;
    const scalars = f.args.filter((a) => isScalar(a.shape));
    const [a, b, c] = f.args.filter((a) => !isScalar(a.shape));
    const rest = hadamard(...h.args.filter((_, j) => j !== i));
    return side === 'left' ? mul(...scalars, diagm(mul(a, b)), rest) : mul(...scalars, rest, diagm(mul(transpose(c), transpose(b))));
  }
  return undefined;
}

/** e with every Hadamard product by a variable's broadcast row (column) sums written as a product with their diagonal. */
export function rowSumsAsDiagonals(e: Expr): Expr {
  const nodes = postorder(e);
  if (!nodes.some((n) => n.op === 'hadamard' && n.args.some((f) => broadcastSide(f) !== undefined))) return e;
  const done = new Map<Expr, Expr>();
  for (const n of nodes) {
    const args = n.args.map((a) => done.get(a) as Expr);
    // A node whose arguments stay is kept as it is (an input's part as read).
    const rebuilt = args.every((a, i) => a === n.args[i]) ? n : rebuildNode(n, args);
    done.set(n, (rebuilt.op === 'hadamard' ? scaled(rebuilt) : undefined) ?? rebuilt);
  }
  return done.get(e) as Expr;
}
