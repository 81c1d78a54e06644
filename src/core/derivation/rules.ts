/**
 * The rules a derivation names: id, display name, reference, and for the local rules (one
 * operator differentiated with respect to one argument) a sentence for a learner. `localRules`
 * classifies the operators of a definition into these rules.
 */
import { ELEMENTWISE_RULE_TEXT } from '../calculus/elementwise';
import type { ElementwiseFunction, Expr } from '../model/expr';
import { postorder } from '../model/expr';
import { isColumn, isMatrix, isRow, isScalar } from '../model/shape';
import { toUnicode } from '../write/index';

export type RuleId =
  | 'intermediate-variables' | 'local-derivatives' | 'constant' | 'identity' | 'constant-multiple'
  | 'power-rule' | 'sum-rule' | 'product-rule' | 'function-rule' | 'elementwise-diagonal'
  | 'scalar-expansion' | 'sum-reduction' | 'mean-reduction' | 'dot-product' | 'matrix-vector-product'
  | 'matrix-product' | 'transpose' | 'trace-rule' | 'det-rule' | 'logdet-rule' | 'inverse-rule'
  | 'norm-rule' | 'l1-norm-rule' | 'softmax-rule' | 'logsumexp-rule' | 'diag-rule' | 'vector-literal' | 'component'
  | 'matrix-power' | 'kronecker' | 'vec' | 'chain-rule' | 'vector-chain-rule' | 'total-derivative'
  | 'naive-chain-rule' | 'multiply-out' | 'substitute' | 'simplify' | 'symmetric' | 'layout'
  | 'per-sample' | 'partial-derivative' | 'stack-partials' | 'second-derivative';

interface RuleInfo {
  readonly name: string;
  readonly reference?: string;
}

export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  'intermediate-variables': { name: 'Introduce intermediate variables', reference: 'Parr & Howard §4.5.1' },
  'local-derivatives': { name: 'Local derivatives', reference: 'Parr & Howard §4.5.1, §4.5.3' },
  constant: { name: 'Constant rule', reference: 'Parr & Howard §2' },
  identity: { name: 'Identity', reference: 'Parr & Howard §4.1' },
  'constant-multiple': { name: 'Constant multiple rule', reference: 'Parr & Howard §2' },
  'power-rule': { name: 'Power rule', reference: 'Parr & Howard §2' },
  'sum-rule': { name: 'Sum rule', reference: 'Parr & Howard §2, §4.2' },
  'product-rule': { name: 'Product rule', reference: 'Parr & Howard §2' },
  'function-rule': { name: 'Derivative of a function', reference: 'Parr & Howard §2' },
  'elementwise-diagonal': { name: 'Element-wise operation → diagonal Jacobian', reference: 'Parr & Howard §4.2' },
  'scalar-expansion': { name: 'Scalar expansion', reference: 'Parr & Howard §4.3' },
  'sum-reduction': { name: 'Sum reduction → 𝟏ᵀ', reference: 'Parr & Howard §4.4' },
  'mean-reduction': { name: 'Mean → 𝟏ᵀ/N', reference: 'Parr & Howard §4.4, §6' },
  'dot-product': { name: 'Dot product', reference: 'Parr & Howard §4.4, §5; Matrix Cookbook (69)' },
  'matrix-vector-product': { name: 'Matrix–vector product' },
  'matrix-product': { name: 'Matrix product', reference: 'Matrix Cookbook (70), §10.2.2 (vec form)' },
  transpose: { name: 'Transpose' },
  'trace-rule': { name: 'Trace rule', reference: 'Matrix Cookbook (99)–(101)' },
  'det-rule': { name: 'Determinant rule', reference: 'Matrix Cookbook (49)' },
  'logdet-rule': { name: 'Log-determinant rule', reference: 'Matrix Cookbook (57)' },
  'inverse-rule': { name: 'Inverse rule', reference: 'Matrix Cookbook (60)' },
  'norm-rule': { name: 'Norm rule', reference: 'Matrix Cookbook (129)' },
  'l1-norm-rule': { name: 'ℓ₁-norm rule' },
  'softmax-rule': { name: 'Softmax Jacobian' },
  'logsumexp-rule': { name: 'Log-sum-exp rule' },
  'diag-rule': { name: 'diag rule' },
  'vector-literal': { name: 'Vector literal', reference: 'Parr & Howard §4' },
  component: { name: 'Component' },
  'matrix-power': { name: 'Matrix power rule' },
  kronecker: { name: 'Kronecker product rule' },
  vec: { name: 'vec rule' },
  'chain-rule': { name: 'Chain rule', reference: 'Parr & Howard §4.5.1' },
  'vector-chain-rule': { name: 'Vector chain rule', reference: 'Parr & Howard §4.5.3' },
  'total-derivative': { name: 'Total derivative', reference: 'Parr & Howard §4.5.2' },
  'naive-chain-rule': { name: 'Why the naive chain rule fails', reference: 'Parr & Howard §4.5.2' },
  'multiply-out': { name: 'Multiply out' },
  substitute: { name: 'Substitute back', reference: 'Parr & Howard §4.5.1' },
  simplify: { name: 'Simplify' },
  symmetric: { name: 'Symmetric variable' },
  layout: { name: 'Layout' },
  'per-sample': { name: 'Per-sample form', reference: 'Parr & Howard §6' },
  'partial-derivative': { name: 'Partial derivative', reference: 'Parr & Howard §3' },
  'stack-partials': { name: 'Stack the partial derivatives', reference: 'Parr & Howard §3, §4' },
  'second-derivative': { name: 'Second derivative' },
};

/** A local rule applied to one operator of a definition, with the sentence that explains it. */
export interface LocalRule {
  readonly id: RuleId;
  readonly name: string;
  readonly sentence: string;
}

const FUNCTION_NAMES: Readonly<Record<ElementwiseFunction, string>> = {
  exp: 'exp', log: 'log', sin: 'sin', cos: 'cos', tan: 'tan', tanh: 'tanh', sigmoid: 'σ', relu: 'max(0, ·)',
  abs: '|·|', sqrt: '√', sign: 'sign', min0: 'min(0, ·)', step: 'the step function',
};

/** The derivative of an element-wise function, written as the displays write it (𝟙[·] for indicators, log natural). */
const FUNCTION_RULE_TEXT: Readonly<Record<ElementwiseFunction, string>> = {
  ...ELEMENTWISE_RULE_TEXT,
  relu: 'd/du max(0, u) = 𝟙[u > 0]: 1 where u > 0, 0 elsewhere',
  min0: 'd/du min(0, u) = 𝟙[u < 0]: 1 where u < 0, 0 elsewhere',
  step: 'd/du 𝟙[u > 0] = 0 (almost everywhere)',
};

/** How many arguments of `e` (with repetition) depend on the variable. */
function dependentArgs(e: Expr, depends: (a: Expr) => boolean): Expr[] {
  return e.args.filter(depends);
}

function rule(id: RuleId, sentence: string, name = RULES[id].name): LocalRule {
  return { id, name, sentence };
}

/** The rule the operator at the top of `e` contributes to its derivative with respect to a variable. */
export function operatorRule(e: Expr, depends: (a: Expr) => boolean): LocalRule {
  const deps = dependentArgs(e, depends);
  switch (e.op) {
    case 'var':
      return rule('identity', 'The derivative of a variable with respect to itself is 1 (the identity I for a vector).');
    case 'add': {
      const expansion = deps.some((t) => t.op === 'mul' && t.args.some((f) => f.op === 'ones') && t.args.some((f) => isScalar(f.shape) && depends(f)));
      if (expansion) return rule('scalar-expansion', 'Adding a scalar to every element is scalar expansion: its derivative with respect to the scalar is the vector of ones 𝟏.');
      return rule('sum-rule', 'The derivative of a sum is the sum of the derivatives of its terms; terms that do not depend on the variable contribute 0.');
    }
    case 'mul': {
      if (deps.length >= 2) return rule('product-rule', 'The variable appears in more than one factor, so the product rule adds one term per factor, each with the other factors held fixed.');
      const d = deps[0];
      if (d !== undefined && isScalar(d.shape) && !isScalar(e.shape)) {
        if (e.args.some((f) => f.op === 'ones')) return rule('scalar-expansion', 'A scalar times 𝟏 puts the scalar in every element (scalar expansion), so its derivative with respect to that scalar is 𝟏.');
        return rule('constant-multiple', 'A scalar times an array: the derivative with respect to the scalar is the array itself.');
      }
      if (isScalar(e.shape) && e.args.every((f) => isScalar(f.shape))) {
        return rule('constant-multiple', 'A constant factor stays in front of the derivative: d(c·f) = c·df.');
      }
      if (d !== undefined && !isScalar(d.shape)) {
        const chain = e.args.filter((f) => !isScalar(f.shape));
        if (chain.length === 1) return rule('constant-multiple', 'A constant factor c multiplies every entry, so the Jacobian is c·I.');
        if (isScalar(e.shape) && chain.length === 2 && isRow(chain[0].shape) && isColumn(chain[1].shape)) {
          return rule('dot-product', 'A dot product aᵀc = Σᵢ aᵢcᵢ has partial derivative cⱼ with respect to aⱼ, so its derivative with respect to a is the row cᵀ (and aᵀ with respect to c).');
        }
        if (isColumn(e.shape) && isColumn(d.shape) && chain[chain.length - 1] === d) {
          return rule('matrix-vector-product', 'A matrix times a vector is linear in the vector: the Jacobian of A·v with respect to v is A itself.');
        }
        return rule('matrix-product', 'A product is linear in each factor: its local Jacobian is read off from vec(L·a·R) = (Rᵀ ⊗ L)·vec(a) (for a column a with nothing on its right, simply L).');
      }
      return rule('constant-multiple', 'A constant factor stays in front of the derivative: d(c·f) = c·df.');
    }
    case 'hadamard':
      if (isScalar(e.shape)) return rule(deps.length >= 2 ? 'product-rule' : 'constant-multiple', 'A product of scalars: differentiate the factor that depends on the variable and keep the others.');
      return rule('elementwise-diagonal', 'An element-wise product: entry i depends only on entry i of each factor, so the Jacobian is diagonal, diag(other factor).');
    case 'pow':
      if (isScalar(e.shape)) return rule('power-rule', 'd/du uⁿ = n·uⁿ⁻¹: bring the exponent down and lower it by one.');
      return rule('elementwise-diagonal', 'An element-wise power acts on each entry separately, so the Jacobian is diagonal: diag(n·uⁿ⁻¹).');
    case 'fn': {
      const name = e.name as ElementwiseFunction;
      if (isScalar(e.shape)) return rule('function-rule', `Use the known derivative of ${FUNCTION_NAMES[name]}: ${FUNCTION_RULE_TEXT[name]}.`, `Derivative of ${FUNCTION_NAMES[name]}`);
      return rule('elementwise-diagonal', `${FUNCTION_NAMES[name]} acts on each entry separately (${FUNCTION_RULE_TEXT[name]}), so its Jacobian is the diagonal matrix of the entry-wise derivatives.`);
    }
    case 'transpose':
      return rule('transpose', isMatrix(e.shape)
        ? 'Transposing a matrix only permutes its entries: in vec form its Jacobian is the commutation matrix K.'
        : 'Transposing a vector does not change its entries, so it does not change their derivatives.');
    case 'sum':
      return rule('sum-reduction', 'sum adds all entries, each with coefficient 1, so its derivative is the row of ones 𝟏ᵀ.');
    case 'mean':
      return rule('mean-reduction', 'mean is the sum divided by the number of entries N, so its derivative is 𝟏ᵀ/N.');
    case 'tr':
      return rule('trace-rule', 'The trace adds the diagonal entries, so its derivative with respect to the matrix is the identity I.');
    case 'det':
      return rule('det-rule', "Jacobi's formula: the derivative of det(A) with respect to A is det(A)·A⁻ᵀ.");
    case 'logdet':
      return rule('logdet-rule', 'The derivative of log|det(A)| with respect to A is A⁻ᵀ.');
    case 'inv':
      return rule('inverse-rule', 'Differentiating A·A⁻¹ = I gives d(A⁻¹) = −A⁻¹·dA·A⁻¹.');
    case 'norm2':
      return rule('norm-rule', 'The derivative of the Euclidean norm ‖a‖₂ is aᵀ/‖a‖₂ (a unit vector in a’s direction).');
    case 'norm1':
      return rule('l1-norm-rule', 'The derivative of ‖a‖₁ = Σ|aᵢ| is sign(a)ᵀ, since each |aᵢ| changes at the rate sign(aᵢ).');
    case 'softmax':
      return rule('softmax-rule', 'The Jacobian of p = softmax(z) is diag(p) − p·pᵀ.');
    case 'logsumexp':
      return rule('logsumexp-rule', 'The derivative of logsumexp(z) is softmax(z)ᵀ.');
    case 'diagm':
    case 'diagv':
      return rule('diag-rule', 'diag only moves entries between a vector and the diagonal of a matrix, so each entry keeps its derivative.');
    case 'block':
      return rule('vector-literal', 'Each entry of a literal is differentiated on its own, giving one row of the Jacobian per entry.');
    case 'entry':
      return rule('component', 'An entry of an array depends only on that entry.');
    case 'matpow':
      return rule('matrix-power', 'd(Aᵏ) = Σᵢ Aⁱ·dA·Aᵏ⁻¹⁻ⁱ, one term per factor A.');
    case 'kron':
      return rule('kronecker', 'The Kronecker product is linear in each factor.');
    case 'vec':
      return rule('vec', 'vec only stacks the columns, so each entry keeps its derivative.');
    default:
      return rule('constant', 'A constant has derivative 0.');
  }
}

/** The reverse-mode (adjoint) rule of an operator u = op(…, a, …): how the gradient Ḡ = ∂y/∂u passes back to a. */
export function adjointSentence(e: Expr, a: Expr): string {
  switch (e.op) {
    case 'add':
      return 'a sum passes Ḡ unchanged to each of its terms';
    case 'mul': {
      if (isScalar(a.shape) && !isScalar(e.shape)) return 'a scalar factor receives the inner product ⟨Ḡ, rest of the product⟩';
      if (isScalar(e.shape) && e.args.every((f) => isScalar(f.shape))) return 'a scalar factor receives Ḡ times the other factors';
      return 'a factor A of a product L·A·R receives Lᵀ·Ḡ·Rᵀ';
    }
    case 'hadamard':
      return 'an element-wise product passes back Ḡ ⊙ the other factors';
    case 'pow':
      return 'an element-wise power aᵏ passes back Ḡ ⊙ k·aᵏ⁻¹';
    case 'fn':
      return `an element-wise function passes back Ḡ ⊙ its derivative (${FUNCTION_RULE_TEXT[e.name as ElementwiseFunction]})`;
    case 'transpose':
      return 'a transpose passes back Ḡᵀ';
    case 'sum':
      return 'sum passes Ḡ to every entry (Ḡ·𝟏)';
    case 'mean':
      return 'mean passes Ḡ/N to every entry';
    case 'tr':
      return 'tr(A) passes back Ḡ·I';
    case 'det':
      return "det(A) passes back Ḡ·det(A)·A⁻ᵀ (Jacobi's formula)";
    case 'logdet':
      return 'log|det(A)| passes back Ḡ·A⁻ᵀ';
    case 'inv':
      return 'C = A⁻¹ passes back −Cᵀ·Ḡ·Cᵀ';
    case 'norm2':
      return '‖a‖₂ passes back Ḡ·a/‖a‖₂';
    case 'norm1':
      return '‖a‖₁ passes back Ḡ·sign(a)';
    case 'matpow':
      return 'Aᵏ passes back Σᵢ (Aⁱ)ᵀ·Ḡ·(Aᵏ⁻¹⁻ⁱ)ᵀ, one term per factor A';
    case 'softmax':
      return 'p = softmax(z) passes back p ⊙ Ḡ − p·pᵀḠ';
    case 'logsumexp':
      return 'logsumexp(z) passes back Ḡ·softmax(z)';
    case 'diagm':
      return 'diag(v) passes back the diagonal of Ḡ';
    case 'diagv':
      return 'diag(A) passes back Ḡ as a diagonal matrix';
    default:
      return 'each entry passes back its own gradient';
  }
}

/** The adjoint rules used inside a definition with respect to `a`, outermost first, without repeats. */
export function adjointSentences(def: Expr, a: Expr): string[] {
  const order = postorder(def);
  const depends = new Set<number>([a.id]);
  for (const e of order) if (e.args.some((x) => depends.has(x.id))) depends.add(e.id);
  const out = new Set<string>();
  for (let k = order.length - 1; k >= 0; k--) {
    const e = order[k];
    if (!depends.has(e.id) || e === a) continue;
    const arg = e.args.find((x) => depends.has(x.id)) as Expr;
    out.add(adjointSentence(e, arg));
  }
  return [...out];
}

/** "Sum rule" → "sum rule", but "Jacobian …" and "diag rule" unchanged in the middle of a sentence. */
export function lowerFirst(name: string): string {
  return /^[A-Z][a-z]/.test(name) && !name.startsWith('Jacobian') ? name[0].toLowerCase() + name.slice(1) : name;
}

/** The names of several rules as one: "Sum rule, dot product". */
export function ruleNames(rules: readonly LocalRule[]): string {
  return rules.map((r, k) => (k === 0 ? r.name : lowerFirst(r.name))).join(', ');
}

/** The rules used in differentiating a definition with respect to `a`: one per operator on a path to `a`, outermost first, without repeats. */
export function localRules(def: Expr, a: Expr): LocalRule[] {
  const order = postorder(def);
  const depends = new Set<number>([a.id]);
  for (const e of order) if (e.args.some((x) => depends.has(x.id))) depends.add(e.id);
  const dep = (e: Expr): boolean => depends.has(e.id);
  const out: LocalRule[] = [];
  const seen = new Set<string>();
  for (let k = order.length - 1; k >= 0; k--) {
    const e = order[k];
    if (!dep(e) || e === a) continue;
    // Transposes of vectors and scalings by −1 are not worth naming inside a larger definition.
    if (e !== def && e.op === 'transpose' && !isMatrix(e.shape)) continue;
    const general = operatorRule(e, dep);
    // Applied directly to the variable, a function's rule is written in it: d/dy yⁿ = n·yⁿ⁻¹.
    const r = (e.op === 'pow' || e.op === 'fn') && e.args[0] === a && isScalar(e.shape) ? { ...general, sentence: writtenIn(general.sentence, toUnicode(a)) } : general;
    if (seen.has(r.name)) continue;
    seen.add(r.name);
    out.push(r);
  }
  if (out.length === 0) out.push(operatorRule(def === a ? a : def, dep));
  return out;
}

/** A rule's formula written in the variable v instead of the generic u (d/du sin(u) → d/dx sin(x)). */
function writtenIn(sentence: string, v: string): string {
  if (v === 'u') return sentence;
  return sentence.replace(/d\/du/g, `d/d${v}`).replace(/(?<![A-Za-z])u(?![A-Za-z])/g, v);
}
