/**
 * The rules of a matrix-product chain: pairs (X⁻¹X = I, diag(a)diag(b), 𝟏ᵀx = sum(x), Kronecker
 * products…), the diagonal embedding's triple, a weighted sum of known blocks' triple (kronBlocks.ts) and
 * runs of diagonal factors, applied by simplifyChain.
 * Part of the smart constructors (./build.ts): every rule is an identity of real matrices.
 */
import { reshapedPair, type ReshapeBuilders } from './unvec';
import { weightedBlockSum } from './kronBlocks';
import { type Expr, num, zeros, ones, sizeNode } from '../model/expr';
import { add } from './add';
import { fn } from './elementwise';
import { type Dim, isScalar, isColumn, isRow, shape, sameShape } from '../model/shape';
import { hadamard } from './hadamard';
import { asColumn, diagm, inner, inv, kron, matpow, transpose, vec } from './matrix';
import { isNum } from './numbers';
import { pow } from './power';
import { mul } from './product';
import { reduce } from './reductions';

/** How many leading and trailing factors of a chain are settled (see SETTLED). */
export interface Settled {
  readonly prefix: number;
  readonly suffix: number;
}

export const NONE_SETTLED: Settled = { prefix: 0, suffix: 0 };

/**
 * Rewrite adjacent pairs in a matrix-product chain until nothing applies: the leftmost triple the
 * embedding rule rewrites first, else the leftmost pair. `settled`: how many leading and trailing
 * factors are chains this function returned (no rule applies within them, see SETTLED): the scans
 * look only where the other factors meet them. The rewrites and their order are those of scans over
 * the whole chain, which would find no match within a settled part: after a rewrite at i, the factors
 * before i are unchanged, and so are the triples (sE) and pairs (sP) among them already scanned; the
 * factors after the rewritten ones are unchanged, and so is what was settled among them (from u on).
 */
export function simplifyChain(chain: Expr[], settled: Settled = NONE_SETTLED): Expr[] {
  const filtered = chain.filter((f) => f.op !== 'eye');
  let cur = mergeDiagonalRuns(filtered, Math.max(0, settled.prefix - 1), Math.min(filtered.length, filtered.length - settled.suffix + 1));
  // The settled factors mergeDiagonalRuns left as they were (a run it merged may start at the last).
  let s = 0;
  while (s < settled.prefix && s < cur.length && cur[s] === filtered[s]) s++;
  let sE = s;
  let sP = s;
  // The settled suffix cur[u…]: mergeDiagonalRuns may have merged its first factor into a run.
  let u = cur.length - settled.suffix;
  if (settled.suffix > 0 && cur !== filtered) {
    let t = 0;
    while (t < settled.suffix && t < cur.length && cur[cur.length - 1 - t] === filtered[filtered.length - 1 - t]) t++;
    u = cur.length - t;
  }
  for (;;) {
    let changed = false;
    // (rᵀ ⊗ L) D = L diag(r), D = diag(vec I)(𝟏 ⊗ I) the diagonal embedding (calculus/local.ts); a weighted
    // sum of known blocks (vec(W)ᵀ ⊗ I)(I ⊗ G)(vec(I) ⊗ I) (simplify/kronBlocks.ts); 𝐊(A ⊗ B)𝐊 = B ⊗ A
    for (let i = Math.max(0, sE - 2); i + 2 < cur.length && i < u; i++) {
      const r = embeddingRule(cur[i], cur[i + 1], cur[i + 2]) ?? weightedBlockSum(cur[i], cur[i + 1], cur[i + 2], reshapeBuilders()) ?? commutedKron(cur[i], cur[i + 1], cur[i + 2]);
      if (r !== undefined) {
        const kept = r.filter((f) => f.op !== 'eye');
        cur = [...cur.slice(0, i), ...kept, ...cur.slice(i + 3)];
        u = Math.max(u, i + 3) + kept.length - 3;
        sE = i;
        sP = Math.min(sP, i);
        changed = true;
        break;
      }
    }
    if (changed) continue;
    for (let i = Math.max(0, sP - 1); i + 1 < cur.length && i < u; i++) {
      const r = pairRule(cur[i], cur[i + 1]);
      if (r !== undefined) {
        const kept = r.filter((f) => f.op !== 'eye' && !isNum(f, 1));
        cur = [...cur.slice(0, i), ...kept, ...cur.slice(i + 2)];
        u = Math.max(u, i + 2) + kept.length - 2;
        sE = i;
        sP = i;
        changed = true;
        break;
      }
    }
    if (!changed) return cur;
  }
}

/**
 * diag(a) diag(b) diag(c) … = diag(a ⊙ b ⊙ c ⊙ …) for a run of diagonal factors, in one step: merged
 * a pair at a time (pairRule), each merge rebuilds the Hadamard product of all the factors so far —
 * the chain rule along sin(sin(…x…)) 10,000 deep multiplies 10,000 diagonals, quadratic (issue 17).
 * The run is merged as the pair rule would merge it, leftmost pair first: after a row b, into it —
 * bᵀ diag(a₁) diag(a₂) = ((a₂ ⊙ a₁ ⊙ b)ᵀ), the pair rule's order; not after an inverse or a power
 * (X⁻¹ X = I would apply first), not with the diagonal embedding (embeddingRule), not across a
 * repeated factor (diag(a)² stays a power).
 */
function mergeDiagonalRuns(chain: Expr[], from = 0, to = chain.length): Expr[] {
  // Most chains have no run of three diagonals: they are returned as they are, without a copy. (A run
  // has at most one factor in a settled part at either end: no run starts before `from` or ends after `to`.)
  if (!hasDiagonalRun(chain, from, to)) return chain;
  // Before `from` no two neighbours are diagonals (settled factors: the pair rule would merge them).
  const out: Expr[] = chain.slice(0, from);
  for (let i = from; i < chain.length;) {
    let j = i + 1;
    if (runnable(chain[i])) while (j < chain.length && runnable(chain[j]) && chain[j] !== chain[j - 1]) j++;
    const before = out[out.length - 1];
    if (j - i < 3 || (before !== undefined && (before.op === 'inv' || before.op === 'matpow' || before.op === 'zeros'))) pushRun(out, chain, i, j);
    else if (before !== undefined && isRow(before.shape)) out[out.length - 1] = transpose(hadamard(...diagonalVectors(chain, i, j).reverse(), transpose(before)));
    else if (before !== undefined && before.op === 'transpose') pushRun(out, chain, i, j);
    else out.push(diagm(hadamard(...diagonalVectors(chain, i, j))));
    i = j;
  }
  return out;
}

/** A diagonal factor mergeDiagonalRuns merges: diag(v), not the diagonal embedding diag(vec I). */
const runnable = (f: Expr): boolean => f.op === 'diagm' && !(f.args[0].op === 'vec' && f.args[0].args[0].op === 'eye');

/** Whether chain[from…] has three runnable neighbours, each distinct from the one before (a run mergeDiagonalRuns merges). */
function hasDiagonalRun(chain: readonly Expr[], from: number, to: number): boolean {
  let run = 0;
  for (let i = from; i < to; i++) {
    run = runnable(chain[i]) ? (run > 0 && chain[i] !== chain[i - 1] ? run + 1 : 1) : 0;
    if (run >= 3) return true;
  }
  return false;
}

const pushRun = (out: Expr[], chain: readonly Expr[], i: number, j: number): void => {
  for (let k = i; k < j; k++) out.push(chain[k]);
};

/** The vectors of the diagonal factors chain[i…j), as columns. */
const diagonalVectors = (chain: readonly Expr[], i: number, j: number): Expr[] => chain.slice(i, j).map((f) => asColumn(f.args[0]));

function embeddingRule(a: Expr, b: Expr, c: Expr): Expr[] | undefined {
  const isEmbedding = b.op === 'diagm' && b.args[0].op === 'vec' && b.args[0].args[0].op === 'eye'
    && c.op === 'kron' && c.args[0].op === 'ones' && isColumn(c.args[0].shape) && c.args[1].op === 'eye'
    && c.args[1].shape.rows === c.args[0].shape.rows && b.shape.rows === c.shape.rows;
  if (!isEmbedding || a.op !== 'kron' || !isRow(a.args[0].shape)) return undefined;
  const [r, L] = a.args;
  return [L, diagm(transpose(r))];
}

/** The dimensions (p, q) of 𝐊(p,q), and of 𝐊(q,p)ᵀ, which is 𝐊(p,q) (the inverse of a permutation is its transpose). */
function commutationDims(f: Expr): readonly [Dim, Dim] | undefined {
  if (f.op === 'commutation') return f.dims as readonly [Dim, Dim];
  if (f.op === 'transpose' && f.args[0].op === 'commutation') {
    const [p, q] = f.args[0].dims as readonly [Dim, Dim];
    return [q, p];
  }
  return undefined;
}

/**
 * The pairs of a commutation matrix a textbook writes without it: 𝐊(p,q)𝐊(q,p) = I (a permutation times its
 * inverse, 𝐊(q,p) = 𝐊(p,q)ᵀ = 𝐊(p,q)⁻¹; 𝐊(n,n)² = I), 𝐊(p,q)vec(X) = vec(Xᵀ) for X p×q (its definition,
 * Magnus & Neudecker), and so vec(X)ᵀ𝐊(p,q) = (𝐊(q,p)vec(X))ᵀ = vec(Xᵀ)ᵀ for X q×p. ∂ tr(A ⊗ Aᵀ)/∂A
 * held 𝐊(n,n)², ∂ vec(X)ᵀ(A ⊗ B)vec(Y)/∂A 𝐊(n,q)ᵀvec(Y)vec(X)ᵀ𝐊(p,m)ᵀ. Undefined for any other pair
 * (𝐊(p,q)𝐊(p,q) with p ≠ q, a vec of the other shape).
 */
function commutationPair(a: Expr, b: Expr): Expr[] | undefined {
  const left = commutationDims(a);
  const right = commutationDims(b);
  if (left !== undefined && right !== undefined) return left[0] === right[1] && left[1] === right[0] ? [] : undefined;
  if (left !== undefined && b.op === 'vec' && b.args[0].shape.rows === left[0] && b.args[0].shape.cols === left[1]) {
    return [vec(transpose(b.args[0]))];
  }
  if (right !== undefined && a.op === 'transpose' && a.args[0].op === 'vec') {
    const x = a.args[0].args[0];
    if (x.shape.rows === right[1] && x.shape.cols === right[0]) return [transpose(vec(transpose(x)))];
  }
  return undefined;
}

/**
 * 𝐊(p,m)(A ⊗ B)𝐊(n,q) = B ⊗ A for A m×n and B p×q (Magnus & Neudecker, Theorem 3.9): the adjoint of A in
 * A ⊗ B (calculus/rules/linear.ts) swaps the factors of its Ḡ with these; Ḡ = C ⊗ D, from sum((A ⊗ B) ⊙ (C ⊗ D)),
 * is D ⊗ C. Undefined for any other triple.
 */
function commutedKron(a: Expr, b: Expr, c: Expr): Expr[] | undefined {
  if (b.op !== 'kron') return undefined;
  const left = commutationDims(a);
  const right = commutationDims(c);
  if (left === undefined || right === undefined) return undefined;
  const [A, B] = b.args;
  if (left[0] !== B.shape.rows || left[1] !== A.shape.rows || right[0] !== A.shape.cols || right[1] !== B.shape.cols) return undefined;
  return [kron(B, A)];
}

/**
 * A square factor as base^k: Xᵏ → (X, k), X⁻¹ → (X, −1), X⁻ᵀ → (Xᵀ, −1), (X⁻¹)ᵏ → (X, −k) — the
 * base here, the exponent by powerExponent (no pair made: pairRule asks this of every neighbours).
 */
function powerBase(f: Expr): Expr {
  let e = f;
  while (e.op === 'matpow') e = e.args[0];
  if (e.op === 'inv') return e.args[0];
  if (e.op === 'transpose' && e.args[0].op === 'inv') return transpose(e.args[0].args[0]);
  return e;
}

/** The k of powerBase's base^k. */
function powerExponent(f: Expr): number {
  let k = 1;
  let e = f;
  while (e.op === 'matpow') {
    k *= e.value as number;
    e = e.args[0];
  }
  return e.op === 'inv' || (e.op === 'transpose' && e.args[0].op === 'inv') ? -k : k;
}

function fromPower(base: Expr, k: number): Expr[] {
  if (k === 0) return [];
  if (k === 1) return [base];
  if (k === -1) return [inv(base)];
  return k > 0 ? [matpow(base, k)] : [matpow(inv(base), -k)];
}

/**
 * The constructors a reshaped vec is rebuilt with (simplify/unvec.ts). Made on first use, not when this
 * module loads: add, mul, hadamard… are in modules that import this one (a cycle of functions).
 */
let RESHAPE_BUILDERS: ReshapeBuilders | undefined;
const reshapeBuilders = (): ReshapeBuilders => (RESHAPE_BUILDERS ??= { add, mul, hadamard, pow, fn, transpose, ones, zeros });

function pairRule(a: Expr, b: Expr): Expr[] | undefined {
  if (a.op === 'zeros' || b.op === 'zeros') return [zeros(shape(a.shape.rows, b.shape.cols))];
  // 𝐊(p,q)𝐊(q,p) = I: a commutation matrix is a permutation and 𝐊(q,p) = 𝐊(p,q)ᵀ its inverse (so 𝐊(n,n)² = I)
  const commuted = commutationPair(a, b);
  if (commuted !== undefined) return commuted;
  // Powers of one square matrix: X X = X², X⁻¹ X³ = X², Xᵀ X⁻ᵀ = I
  if (a.shape.rows === a.shape.cols && b.shape.rows === b.shape.cols && !isScalar(a.shape)) {
    const ba = powerBase(a);
    if (ba === powerBase(b)) return fromPower(ba, powerExponent(a) + powerExponent(b));
  }
  // aᵀ (b ⊙ a⁻¹ ⊙ …) = 1ᵀ(b ⊙ …) = sum(b ⊙ …) when the Hadamard product simplifies
  if (isRow(a.shape) && b.op === 'hadamard' && isColumn(b.shape)) {
    const merged = hadamard(transpose(a), b);
    if (merged.size < b.size) return [reduce('sum', merged)];
  }
  // (A ⊙ (w𝟏ᵀ)ᵏ)𝟏 = (A𝟏) ⊙ wᵏ ; 𝟏ᵀ(A ⊙ (𝟏wᵀ)ᵏ) = (𝟏ᵀA) ⊙ (wᵀ)ᵏ
  const pulled = a.op === 'hadamard' && b.op === 'ones' && isColumn(b.shape) ? broadcastOutOfSum(a, b, 'row')
    : b.op === 'hadamard' && a.op === 'ones' && isRow(a.shape) ? broadcastOutOfSum(b, a, 'column') : undefined;
  if (pulled !== undefined) return pulled;
  // P𝟏 = 𝟏 when P's rows each add up to 1, 𝟏ᵀP = 𝟏ᵀ when its columns do (stochasticSums)
  if (b.op === 'ones' && rowsAddUpToOne(a)) return [ones(shape(a.shape.rows, b.shape.cols))];
  if (a.op === 'ones' && columnsAddUpToOne(b)) return [ones(shape(a.shape.rows, b.shape.cols))];
  // 𝟏ᵀ(A ⊗ B) = (𝟏ᵀA) ⊗ (𝟏ᵀB) ; (A ⊗ B)𝟏 = (A𝟏) ⊗ (B𝟏), since 𝟏_(pq) = 𝟏_p ⊗ 𝟏_q
  if (a.op === 'ones' && isRow(a.shape) && b.op === 'kron') return [kron(columnSums(b.args[0]), columnSums(b.args[1]))];
  if (b.op === 'ones' && isColumn(b.shape) && a.op === 'kron') return [kron(rowSums(a.args[0]), rowSums(a.args[1]))];
  // 1ᵀ diag(v) = vᵀ ; diag(v) 1 = v ; 𝟏_(k×n) diag(v) = 𝟏_k vᵀ (each row is vᵀ) ; diag(v) 𝟏_(n×k) = v 𝟏_kᵀ
  if (a.op === 'ones' && b.op === 'diagm') return [ones(shape(a.shape.rows, 1)), transpose(asColumn(b.args[0]))];
  if (a.op === 'diagm' && b.op === 'ones') return [asColumn(a.args[0]), ones(shape(1, b.shape.cols))];
  // 𝟏(S + T) = 𝟏S + 𝟏T where terms then cancel (𝟏_(k×n)(diag(p) − ppᵀ) = 𝟏pᵀ − 𝟏pᵀ for p = softmax(z))
  const spread = a.op === 'ones' && b.op === 'add' ? distributedSmaller(a, b, 'left') : b.op === 'ones' && a.op === 'add' ? distributedSmaller(b, a, 'right') : undefined;
  if (spread !== undefined) return [spread];
  // pᵀ(u + c𝟏) = pᵀu + c for p = softmax(z), whose entries add up to 1, and (u + c𝟏)ᵀp = uᵀp + c: the entropy's
  // gradient p ⊙ (log p + 𝟏) − ppᵀ(log p + 𝟏) then loses its p − p (p ⊙ log p − (pᵀlog p)p)
  const rightTerms = isSoftmaxOf(a, isRow) ? sumTerms(b) : undefined;
  if (rightTerms?.some(isOnesTerm)) return [add(...rightTerms.map((t) => mul(a, t)))];
  const leftTerms = isSoftmaxOf(b, isColumn) ? sumTerms(a) : undefined;
  if (leftTerms?.some(isOnesTerm)) return [add(...leftTerms.map((t) => mul(t, b)))];
  // diag(a) diag(b) = diag(a ⊙ b)
  if (a.op === 'diagm' && b.op === 'diagm') return [diagm(hadamard(asColumn(a.args[0]), asColumn(b.args[0])))];
  // diag(a) b = a ⊙ b ; bᵀ diag(a) = (a ⊙ b)ᵀ
  if (a.op === 'diagm' && isColumn(b.shape)) return [hadamard(asColumn(a.args[0]), b)];
  if (b.op === 'diagm' && isRow(a.shape)) return [transpose(hadamard(asColumn(b.args[0]), transpose(a)))];
  // vec(P)ᵀ vec(Q) = ⟨P, Q⟩ (tr(A) for vec(A)ᵀ vec(I))
  if (a.op === 'transpose' && a.args[0].op === 'vec' && b.op === 'vec' && sameShape(a.args[0].args[0].shape, b.args[0].shape)) {
    return [inner(a.args[0].args[0], b.args[0])];
  }
  // 𝟏_(a×b)𝟏_(b×c) = b·𝟏_(a×c) (each entry a sum of b ones); an outer product 𝟏𝟏ᵀ (b = 1) stays
  if (a.op === 'ones' && b.op === 'ones' && a.shape.cols !== 1) {
    const inner = a.shape.cols;
    return [typeof inner === 'number' ? num(inner) : sizeNode(shape(inner, 1)), ones(shape(a.shape.rows, b.shape.cols))];
  }
  // 1ᵀ x = sum(x) ; 𝟏_(k×n) x = sum(x) 𝟏_k (each entry the sum), xᵀ 𝟏_(n×k) = sum(x) 𝟏_kᵀ
  if (a.op === 'ones' && isColumn(b.shape)) return [reduce('sum', b), ones(shape(a.shape.rows, 1))];
  if (b.op === 'ones' && isRow(a.shape)) return [reduce('sum', a), ones(shape(1, b.shape.cols))];
  // X⁻¹ X = X X⁻¹ = I
  if (a.op === 'inv' && a.args[0] === b) return [];
  if (b.op === 'inv' && b.args[0] === a) return [];
  // (vec(I_n)ᵀ ⊗ I_m)(I_n ⊗ vec(Y)) = Y, and its transpose: the reshape of a vec (simplify/unvec.ts)
  if (a.op === 'kron' && b.op === 'kron') {
    const r = reshapedPair(a, b, reshapeBuilders());
    if (r !== undefined) return [r];
  }
  // (A ⊗ B)(C ⊗ D) = AC ⊗ BD when the shapes agree
  if (a.op === 'kron' && b.op === 'kron') {
    const [A, B] = a.args;
    const [C, D] = b.args;
    if (A.shape.cols === C.shape.rows && B.shape.cols === D.shape.rows) return [kron(mul(A, C), mul(B, D))];
  }
  return undefined;
}

/**
 * o·S (o on the `side` of the sum S) as Σ o·t over S's terms when terms then cancel (fewer terms, and smaller):
 * 𝟏_(k×n)(diag(p) − ppᵀ) = 𝟏pᵀ − 𝟏pᵀ = 𝟎 for p = softmax(z), 𝟏ᵀ(I − 𝟏𝟏ᵀ/N) = 𝟎ᵀ (the centring matrix is
 * idempotent). Undefined otherwise: 𝟏ᵀ(x + y) and (HW + 𝟏bᵀ − Y)ᵀ𝟏 stay as written.
 */
function distributedSmaller(o: Expr, s: Expr, side: 'left' | 'right'): Expr | undefined {
  if (s.args.length > 8) return undefined;
  const spread = add(...s.args.map((t) => (side === 'left' ? mul(o, t) : mul(t, o))));
  const fewer = spread.op !== 'add' || spread.args.length < s.args.length;
  return fewer && spread.size < o.size + s.size + 1 ? spread : undefined;
}

/**
 * Matrices whose rows (columns) each add up to 1, at every value of their variables: softmax(Z, 2)
 * normalizes each row, softmax(Z, 1) each column, and a commutation matrix 𝐊 is a permutation (one 1
 * in each row and each column), as is 𝐊ᵀ. So P𝟏 = 𝟏 and 𝟏ᵀQ = 𝟏ᵀ, for 𝟏 with any number of columns
 * (rows): each entry of the product is a row (column) sum. ∂ sum(softmax(Z, 2))/∂Z printed
 * (P ⊙ (𝟏𝟏ᵀ − P𝟏𝟏ᵀ))ᵀ, a zero.
 */
const isPermutation = (f: Expr): boolean => f.op === 'commutation' || (f.op === 'transpose' && f.args[0].op === 'commutation');
const isSoftmaxAlong = (f: Expr, d: number): boolean => f.op === 'softmaxAlong' && f.value === d;

function rowsAddUpToOne(f: Expr): boolean {
  return isSoftmaxAlong(f, 2) || (f.op === 'transpose' && isSoftmaxAlong(f.args[0], 1)) || isPermutation(f) || isSoftmaxOf(f, isRow);
}

function columnsAddUpToOne(f: Expr): boolean {
  return isSoftmaxAlong(f, 1) || (f.op === 'transpose' && isSoftmaxAlong(f.args[0], 2)) || isPermutation(f) || isSoftmaxOf(f, isColumn);
}

/**
 * A vector softmax as a `line` (isColumn: one column, adding up to 1; isRow: one row), itself or transposed. Only
 * that line adds up to 1: the rows of the column softmax(z) are its entries, 𝟏_(k×n)softmax(z) = 𝟏_k but
 * softmax(z)𝟏_(1×k) = softmax(z)𝟏ᵀ.
 */
function isSoftmaxOf(f: Expr, line: (s: Expr['shape']) => boolean): boolean {
  if (f.op === 'softmax') return line(f.shape);
  return f.op === 'transpose' && f.args[0].op === 'softmax' && line(f.shape);
}

/** The terms of a sum, or of a transposed sum each transposed; undefined for anything else. */
const sumTerms = (e: Expr): readonly Expr[] | undefined =>
  e.op === 'add' ? e.args : e.op === 'transpose' && e.args[0].op === 'add' ? e.args[0].args.map(transpose) : undefined;

/** 𝟏, or c·𝟏 for scalars c. */
const isOnesTerm = (t: Expr): boolean => t.op === 'ones' || (t.op === 'mul' && t.args.filter((f) => !isScalar(f.shape)).every((f) => f.op === 'ones'));

/** 𝟏ᵀA, A itself when it is a row. */
const columnSums = (e: Expr): Expr => (e.shape.rows === 1 ? e : mul(ones(shape(1, e.shape.rows)), e));

/** A𝟏, A itself when it is a column. */
const rowSums = (e: Expr): Expr => (e.shape.cols === 1 ? e : mul(e, ones(shape(e.shape.cols, 1))));

/**
 * A factor constant along each row (w𝟏ᵀ, a column broadcast over the columns; or 𝟏wᵀ along each
 * column) of a Hadamard product leaves a row (column) sum: (A ⊙ (w𝟏ᵀ)ᵏ)𝟏 = (A𝟏) ⊙ wᵏ, since row i
 * of the left side is Σⱼ Aᵢⱼ wᵢᵏ = wᵢᵏ Σⱼ Aᵢⱼ; 𝟏ᵀ(A ⊙ (𝟏wᵀ)ᵏ) = (𝟏ᵀA) ⊙ (wᵀ)ᵏ likewise. The layer
 * norm's backward pass sums G ⊙ v ⊙ (σ𝟏ᵀ)⁻² over each row: that is (G ⊙ v)𝟏 ⊙ σ⁻². Undefined when no
 * factor is such a broadcast, or when every factor is (nothing would be left to sum).
 */
function broadcastOutOfSum(h: Expr, o: Expr, along: 'row' | 'column'): Expr[] | undefined {
  const pulled: Expr[] = [];
  const rest: Expr[] = [];
  for (const f of h.args) {
    const [base, k] = f.op === 'pow' ? [f.args[0], f.args[1]] : [f, num(1)];
    const w = broadcastVector(base, along);
    if (w === undefined) rest.push(f);
    else pulled.push(pow(w, k));
  }
  if (pulled.length === 0 || rest.length === 0) return undefined;
  const summed = along === 'row' ? mul(hadamard(...rest), o) : mul(o, hadamard(...rest));
  return [hadamard(summed, ...pulled)];
}

/** w for w𝟏ᵀ (along 'row': w is a column) or for 𝟏wᵀ (along 'column': wᵀ is a row), else undefined. */
function broadcastVector(e: Expr, along: 'row' | 'column'): Expr | undefined {
  if (e.op !== 'mul' || e.args.length < 2) return undefined;
  if (along === 'row') {
    const last = e.args[e.args.length - 1];
    if (last.op !== 'ones' || !isRow(last.shape)) return undefined;
    const w = mul(...e.args.slice(0, -1));
    return isColumn(w.shape) && !isScalar(w.shape) ? w : undefined;
  }
  const first = e.args[0];
  if (first.op !== 'ones' || !isColumn(first.shape)) return undefined;
  const w = mul(...e.args.slice(1));
  return isRow(w.shape) && !isScalar(w.shape) ? w : undefined;
}
