/**
 * Records of the products: the matrix product (with its scalar factors), the Hadamard product, the
 * element-wise power and the matrix power. Each is linear in every factor, so its derivative is a
 * sum with one factor differentiated at a time (the product rule).
 */
import type { Expr } from '../../model/expr';
import { isColumn, isRow, isScalar, shape, sizeOf } from '../../model/shape';
import {
  add, diagm, eye, fn, hadamard, inner, isZero, kron, matpow, mul, num, pow, sub, sumOfBuilt, transpose, vec, zeros,
} from '../../simplify/build';
import { MAX_MATRIX_EXPONENT } from '../../limits/exponent';
import { UnsupportedDerivative } from '../unsupported';
import { hadamardMultiplier, scalarMultiplier } from '../deferred';
import type { AdjointMultiplierRule, OperatorRule, TangentRule } from './types';

/** The product of a list of factors, or undefined when empty. */
const productOf = (fs: readonly Expr[]): Expr | undefined => (fs.length === 0 ? undefined : mul(...fs));

/** diag(vec(v)): the Jacobian of an element-wise operation with derivative values v. */
export const diagOf = (v: Expr): Expr => (isScalar(v.shape) ? v : diagm(vec(v)));

/** The i-th argument of a product split into its scalar factors and the chain to its left and right. */
function chainAround(u: Expr, i: number): { scalars: Expr[]; left?: Expr; right?: Expr } {
  const scalars = u.args.filter((f) => isScalar(f.shape));
  const chain = u.args.filter((f) => !isScalar(f.shape));
  // Position among the chain factors (factors may repeat: x x).
  let k = 0;
  for (let j = 0; j < i; j++) if (!isScalar(u.args[j].shape)) k++;
  return { scalars, left: productOf(chain.slice(0, k)), right: productOf(chain.slice(k + 1)) };
}

/**
 * The product rule: one term per factor, that factor differentiated. A factor whose derivative is 0
 * gives no term, and its product is not built: building it would flatten the other factors — along
 * -(-(…x…)), whose products nest 10,000 deep, a walk of the whole chain at every level (issue 17).
 */
function productRule(u: Expr, d: (e: Expr) => Expr, product: (...fs: Expr[]) => Expr): Expr {
  const terms: Expr[] = [];
  u.args.forEach((g, i) => {
    const dg = d(g);
    if (!isZero(dg)) terms.push(product(...u.args.map((h, j) => (i === j ? dg : h))));
  });
  if (terms.length === 0) return zeros(u.shape);
  return sumOfBuilt(terms);
}

const mulTangent: TangentRule = (u, d) => productRule(u, d, mul);

/** A number, a dimension used as a value (N), and powers, roots and products of them (1/N, √d). */
function isConstant(e: Expr): boolean {
  if (e.op === 'num' || e.op === 'size') return true;
  if (e.op === 'pow') return isConstant(e.args[0]) && isConstant(e.args[1]);
  if (e.op === 'fn' && e.name === 'sqrt') return isConstant(e.args[0]);
  return e.op === 'mul' && isScalar(e.shape) && e.args.every(isConstant);
}

/**
 * The product rule for differentials as it applies to u: a broadcast (𝟏bᵀ copies the row bᵀ into
 * every row, v𝟏ᵀ the column v into every column) and a constant multiple (−U, u/N) say so; any
 * other product states d(AXB).
 */
function mulFormula(u: Expr): string {
  const chain = u.args.filter((f) => !isScalar(f.shape));
  if (chain.length === 2 && chain[0].op === 'ones' && isColumn(chain[0].shape) && isRow(chain[1].shape) && chain[1].op !== 'ones') {
    return 'd(𝟏bᵀ) = 𝟏 dbᵀ: 𝟏bᵀ is the row bᵀ copied into every row (the broadcast of b over the batch), so every row changes by the same dbᵀ';
  }
  if (chain.length === 2 && chain[1].op === 'ones' && isRow(chain[1].shape) && isColumn(chain[0].shape) && chain[0].op !== 'ones') {
    return 'd(v𝟏ᵀ) = dv 𝟏ᵀ: v𝟏ᵀ is the column v copied into every column, so every column changes by the same dv';
  }
  const constants = u.args.filter(isConstant);
  if (u.args.length - constants.length === 1 && constants.length > 0) return 'd(cA) = c dA for a constant c';
  return 'd(A X B) = dA X B + A dX B + A X dB';
}

/**
 * Matrix factors beside which mul() rewrites nothing: a variable, a sum, an element-wise function,
 * a softmax, or a transpose of one. None is 0, 𝟏, I, a diagonal, an inverse, a power, a vec, a
 * Kronecker or a Hadamard product — the factors mul()'s pair rules look for (simplify/build.ts pairRule).
 */
function isPlainChainFactor(f: Expr): boolean {
  let g = f;
  while (g.op === 'transpose') g = g.args[0];
  return g.op === 'var' || g.op === 'add' || g.op === 'fn' || g.op === 'softmax' || g.op === 'softmaxAlong';
}

/**
 * The adjoint Lᵀ·ū·Rᵀ of a matrix factor beside other matrix factors, all plain (isPlainChainFactor):
 * mul() keeps them around ū (no rule applies beside ū or among them, none removes a factor). When the
 * factors on one side multiply to an array (L is rows(u)×rows(a), R is cols(a)×cols(u)), that is a
 * matrix product with an array factor beside ū, not linked (null). Else found with τ.
 */
const mulMultiplier: AdjointMultiplierRule = (u, i) => {
  const a = u.args[i];
  // A 1×1 factor of a 1×1 product receives ū·(the other factors): inner(ū, …) is that product.
  if (isScalar(a.shape)) return isScalar(u.shape) ? scalarMultiplier([], [productOf(u.args.filter((_, j) => j !== i)) ?? num(1)]) : undefined;
  let left = false;
  let right = false;
  for (let j = 0; j < u.args.length; j++) {
    const f = u.args[j];
    if (j === i || isScalar(f.shape)) continue;
    if (!isPlainChainFactor(f)) return undefined;
    if (j < i) left = true;
    else right = true;
  }
  const array = (left && !isScalar(shape(u.shape.rows, a.shape.rows))) || (right && !isScalar(shape(a.shape.cols, u.shape.cols)));
  return array ? null : undefined;
};

export const MUL: OperatorRule = {
  tangent: mulTangent,
  adjoint: (u, ubar, i) => {
    const a = u.args[i];
    if (isScalar(a.shape)) return inner(ubar, productOf(u.args.filter((_, j) => j !== i)) ?? num(1));
    const { scalars, left, right } = chainAround(u, i);
    const parts: Expr[] = [...scalars];
    if (left) parts.push(transpose(left));
    parts.push(ubar);
    if (right) parts.push(transpose(right));
    return mul(...parts);
  },
  adjointMultiplier: mulMultiplier,
  tangentMultiplier: (u, i) => {
    // The product rule's one term, the factors with τ for the i-th (once among them): productRule's
    // sumOfBuilt keeps it as it is when it is its own sum (no number, or a number beside τ alone).
    const a = u.args[i];
    if (u.args.some((f, j) => j !== i && f === a)) return undefined;
    const m = scalarMultiplier(u.args.slice(0, i), u.args.slice(i + 1));
    if (m === undefined) return undefined;
    const numbered = m.before.length > 0 && m.before[0].op === 'num';
    return numbered && m.before.length + m.after.length > 1 ? undefined : m;
  },
  local: (u, i) => {
    const a = u.args[i];
    if (isScalar(a.shape)) return vec(productOf(u.args.filter((_, j) => j !== i)) ?? num(1));
    const { scalars, left, right } = chainAround(u, i);
    // vec(L a R) = (Rᵀ ⊗ L) vec(a); with no R: (I ⊗ L), which is L itself when a is a column.
    const L = left ?? eye(a.shape.rows);
    const R = right ?? eye(a.shape.cols);
    const core = isColumn(a.shape) && !right ? L : isRow(a.shape) && !left ? transpose(R) : kron(transpose(R), L);
    return mul(...scalars, core);
  },
  differential: { formula: mulFormula, of: mulTangent },
  derivation: {
    local: (e, depends) => {
      const deps = e.args.filter(depends);
      const constantMultiple = { id: 'constant-multiple', sentence: 'A constant factor stays in front of the derivative: d(c·f) = c·df.' } as const;
      if (deps.length >= 2) return { id: 'product-rule', sentence: 'The variable appears in more than one factor, so the product rule adds one term per factor, each with the other factors held fixed.' };
      const d = deps[0];
      if (d !== undefined && isScalar(d.shape) && !isScalar(e.shape)) {
        if (e.args.some((f) => f.op === 'ones')) return { id: 'scalar-expansion', sentence: 'A scalar times 𝟏 puts the scalar in every element (scalar expansion), so its derivative with respect to that scalar is 𝟏.' };
        return { id: 'constant-multiple', sentence: 'A scalar times an array: the derivative with respect to the scalar is the array itself.' };
      }
      if (isScalar(e.shape) && e.args.every((f) => isScalar(f.shape))) return constantMultiple;
      if (d !== undefined && !isScalar(d.shape)) {
        const chain = e.args.filter((f) => !isScalar(f.shape));
        if (chain.length === 1) return { id: 'constant-multiple', sentence: 'A constant factor c multiplies every entry, so the Jacobian is c·I.' };
        if (isScalar(e.shape) && chain.length === 2 && isRow(chain[0].shape) && isColumn(chain[1].shape)) {
          return { id: 'dot-product', sentence: 'A dot product aᵀc = Σᵢ aᵢcᵢ has partial derivative cⱼ with respect to aⱼ, so its derivative with respect to a is the row cᵀ (and aᵀ with respect to c).' };
        }
        if (isColumn(e.shape) && isColumn(d.shape) && chain[chain.length - 1] === d) {
          return { id: 'matrix-vector-product', sentence: 'A matrix times a vector is linear in the vector: the Jacobian of A·v with respect to v is A itself.' };
        }
        return { id: 'matrix-product', sentence: 'A product is linear in each factor: its local Jacobian is read off from vec(L·a·R) = (Rᵀ ⊗ L)·vec(a) (for a column a with nothing on its right, simply L).' };
      }
      return constantMultiple;
    },
    adjoint: (e, a) => {
      if (isScalar(a.shape) && !isScalar(e.shape)) return 'a scalar factor receives the inner product ⟨Ḡ, rest of the product⟩';
      if (isScalar(e.shape) && e.args.every((f) => isScalar(f.shape))) return 'a scalar factor receives Ḡ times the other factors';
      return 'a factor A of a product L·A·R receives Lᵀ·Ḡ·Rᵀ';
    },
  },
};

const hadamardTangent: TangentRule = (u, d) => productRule(u, d, hadamard);

export const HADAMARD: OperatorRule = {
  tangent: hadamardTangent,
  adjoint: (u, ubar, i) => hadamard(ubar, ...u.args.filter((_, j) => j !== i)),
  // ū ⊙ the other factors: for a 1×1 u, their product with ū.
  adjointMultiplier: (u, i) => {
    const others = u.args.filter((_, j) => j !== i);
    return isScalar(u.shape) ? scalarMultiplier([], others) : hadamardMultiplier(others);
  },
  local: (u, i) => diagOf(hadamard(...u.args.filter((_, j) => j !== i))),
  differential: { formula: 'd(a ⊙ b) = da ⊙ b + a ⊙ db', of: hadamardTangent },
  derivation: {
    local: (e, depends) => {
      if (isScalar(e.shape)) return { id: e.args.filter(depends).length >= 2 ? 'product-rule' : 'constant-multiple', sentence: 'A product of scalars: differentiate the factor that depends on the variable and keep the others.' };
      return { id: 'elementwise-diagonal', sentence: 'An element-wise product: entry i depends only on entry i of each factor, so the Jacobian is diagonal, diag(other factor).' };
    },
    adjoint: () => 'an element-wise product passes back Ḡ ⊙ the other factors',
  },
};

/** k a^(k−1): the derivative of a^k in its base. */
const powerSlope = (u: Expr): Expr => {
  const [base, k] = u.args;
  return mul(k, pow(base, sub(k, num(1))));
};

const powTangent: TangentRule = (u, d) => {
  const [base, k] = u.args;
  return add(hadamard(powerSlope(u), d(base)), mul(d(k), hadamard(u, fn('log', base))));
};

export const POW: OperatorRule = {
  tangent: powTangent,
  adjoint: (u, ubar, i) => {
    if (i === 0) return hadamard(ubar, powerSlope(u));
    return inner(ubar, hadamard(u, fn('log', u.args[0])));
  },
  local: (u, i) => {
    if (i === 0) return diagOf(powerSlope(u));
    return vec(hadamard(u, fn('log', u.args[0])));
  },
  differential: {
    // A constant exponent (x∘², σ∘⁻¹) has no dk term to state.
    formula: (u) => (isConstant(u.args[1]) ? 'd(aᵏ) = k aᵏ⁻¹ ⊙ da for a constant k' : 'd(aᵏ) = k aᵏ⁻¹ ⊙ da + aᵏ ⊙ log(a) dk'),
    of: powTangent,
  },
  derivation: {
    local: (e, depends) => {
      const [base, k] = e.args;
      const name = 'Derivative of a power in its exponent';
      if (depends(k) && depends(base)) {
        return { id: 'function-rule', name: 'Power with a varying base and exponent', sentence: 'Both the base and the exponent vary: aᵏ = e^(k·log a), so d(aᵏ) = k·aᵏ⁻¹ ⊙ da + aᵏ ⊙ log(a) dk.' };
      }
      if (depends(k)) {
        if (isScalar(e.shape)) return { id: 'function-rule', name, sentence: 'aᵏ = e^(k·log a) is an exponential in k: d/dk aᵏ = aᵏ·log(a).' };
        // The exponent of an element-wise power is a scalar (shape.exponent refuses others).
        return { id: 'function-rule', name, sentence: 'Every entry aᵢᵏ has the same scalar exponent k, and aᵢᵏ = e^(k·log aᵢ): ∂(aᵢᵏ)/∂k = aᵢᵏ·log(aᵢ), so the derivative is aᵏ ⊙ log(a).' };
      }
      return isScalar(e.shape)
        ? { id: 'power-rule', sentence: 'd/du uⁿ = n·uⁿ⁻¹: bring the exponent down and lower it by one.' }
        : { id: 'elementwise-diagonal', sentence: 'An element-wise power acts on each entry separately (d/du uⁿ = n·uⁿ⁻¹), so its Jacobian is the diagonal matrix of the entry-wise derivatives.' };
    },
    adjoint: () => 'an element-wise power aᵏ passes back Ḡ ⊙ k·aᵏ⁻¹',
  },
};

/** The exponent of a matrix power, refused past the limit (the reader refuses it first). */
function exponentOf(u: Expr): number {
  const k = u.value as number;
  if (k > MAX_MATRIX_EXPONENT) throw new UnsupportedDerivative(`a matrix power with exponent ${k} (at most ${MAX_MATRIX_EXPONENT})`, u);
  return k;
}

const matpowTangent: TangentRule = (u, d) => {
  const a = u.args[0];
  const k = exponentOf(u);
  const terms: Expr[] = [];
  for (let j = 0; j < k; j++) terms.push(mul(matpow(a, j), d(a), matpow(a, k - 1 - j)));
  return terms.length === 0 ? zeros(u.shape) : add(...terms);
};

export const MATPOW: OperatorRule = {
  tangent: matpowTangent,
  adjoint: (u, ubar) => {
    const a = u.args[0];
    const k = exponentOf(u);
    const terms: Expr[] = [];
    for (let j = 0; j < k; j++) terms.push(mul(transpose(matpow(a, j)), ubar, transpose(matpow(a, k - 1 - j))));
    return terms.length === 0 ? zeros(a.shape) : add(...terms);
  },
  local: (u) => {
    const a = u.args[0];
    const k = exponentOf(u);
    const terms: Expr[] = [];
    for (let j = 0; j < k; j++) terms.push(kron(transpose(matpow(a, k - 1 - j)), matpow(a, j)));
    return terms.length === 0 ? zeros(shape(sizeOf(u.shape), sizeOf(a.shape))) : add(...terms);
  },
  differential: { formula: 'd(Aᵏ) = Σᵢ Aⁱ dA Aᵏ⁻¹⁻ⁱ', of: matpowTangent },
  derivation: {
    local: () => ({ id: 'matrix-power', sentence: 'd(Aᵏ) = Σᵢ Aⁱ·dA·Aᵏ⁻¹⁻ⁱ, one term per factor A.' }),
    adjoint: () => 'Aᵏ passes back Σᵢ (Aⁱ)ᵀ·Ḡ·(Aᵏ⁻¹⁻ⁱ)ᵀ, one term per factor A',
  },
};
