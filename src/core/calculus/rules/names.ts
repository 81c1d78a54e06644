/**
 * The catalogue of the textbook rules the operator records name (several operators share one:
 * the product rule serves products and Hadamard products): display name and reference.
 */
export type OperatorRuleId =
  | 'constant' | 'identity' | 'constant-multiple' | 'power-rule' | 'sum-rule' | 'product-rule' | 'function-rule'
  | 'elementwise-diagonal' | 'scalar-expansion' | 'sum-reduction' | 'mean-reduction' | 'dot-product'
  | 'matrix-vector-product' | 'matrix-product' | 'transpose' | 'trace-rule' | 'det-rule' | 'logdet-rule' | 'inverse-rule'
  | 'norm-rule' | 'l1-norm-rule' | 'softmax-rule' | 'logsumexp-rule' | 'diag-rule' | 'vector-literal' | 'component'
  | 'matrix-power' | 'kronecker' | 'vec' | 'softmax-along' | 'logsumexp-along' | 'elementwise-extremum' | 'contraction';

export interface RuleInfo {
  readonly name: string;
  readonly reference?: string;
}

export const OPERATOR_RULE_INFO: Readonly<Record<OperatorRuleId, RuleInfo>> = {
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
  'softmax-along': { name: 'Row-/column-wise softmax (block-diagonal Jacobian)', reference: 'CS231n notes; Goodfellow et al. §6.2.2.3' },
  'logsumexp-along': { name: 'Row-/column-wise log-sum-exp', reference: 'Goodfellow et al. §6.2.2.3' },
  'elementwise-extremum': { name: 'Element-wise max / min → indicators', reference: 'Parr & Howard §4.2 (element-wise binary operators)' },
  contraction: { name: 'Contraction (einsum), in components', reference: 'Laue, Mitterreiter & Giesen (NeurIPS 2018): derivatives in index form' },
};
