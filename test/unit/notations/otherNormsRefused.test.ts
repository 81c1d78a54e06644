/**
 * F.batch_norm, F.group_norm, F.instance_norm (and their torch.nn.functional and torch spellings) and
 * the modules nn.LayerNorm(…)(x), nn.BatchNorm1d(…)(X), … are refused, as F.layer_norm is
 * (layerNormRefused.test.ts), at the name with name.unknown-function naming the code that reads:
 * the normalization written out with the operators the reader has. They said only "unknown function"
 * (the modules: "only calls of named functions are supported"). The written-out code reads, and its
 * derivative passes the numerical check.
 */
import { assertNumpyDerivativeChecked, assertUnknownFunctionHints } from './helpers';

const WHERE = 'X: matrix(N, d); x: vector(d); w: vector(d); m: vector(d); v: vector(d)';

describe('notations: the other normalizations are refused, naming the code that reads', () => {
  it('refuses F.batch_norm, F.group_norm, F.instance_norm at the function name, in every spelling', () => {
    const cases = [
      ['F.batch_norm(X, m, v)', 'F.batch_norm', 'X.var(0, keepdim=True, unbiased=False)'],
      ['torch.nn.functional.batch_norm(X, m, v, training=True)', 'torch.nn.functional.batch_norm', '(X - m) / torch.sqrt(v + eps)'],
      ['torch.batch_norm(X, m, v)', 'torch.batch_norm', 'X.mean(0, keepdim=True)'],
      ['F.instance_norm(X)', 'F.instance_norm', 'X.var(-1, keepdim=True, unbiased=False)'],
      ['torch.sum(F.group_norm(X, 1) * X)', 'F.group_norm', 'torch.sqrt(X.var(unbiased=False) + eps)'],
      ['torch.nn.functional.group_norm(X, 2)', 'torch.nn.functional.group_norm', 'several groups'],
    ] as const;
    assertUnknownFunctionHints(cases, WHERE);
  });

  it('refuses a normalization module called on its input (nn.LayerNorm(d)(x)) at the module, with the same hint', () => {
    const cases = [
      ['nn.LayerNorm(d)(x)', 'nn.LayerNorm', 'x.var(-1, keepdim=True, unbiased=False)'],
      ['torch.nn.LayerNorm(d)(X)', 'torch.nn.LayerNorm', 'x.mean(-1, keepdim=True)'],
      ['nn.RMSNorm(d)(x)', 'nn.RMSNorm', '(x**2).mean(-1, keepdim=True)'],
      ['nn.BatchNorm1d(d)(X)', 'nn.BatchNorm1d', 'X.var(0, keepdim=True, unbiased=False)'],
      ['nn.GroupNorm(1, d)(X)', 'nn.GroupNorm', 'torch.sqrt(X.var(unbiased=False) + eps)'],
      ['nn.InstanceNorm1d(d)(X)', 'nn.InstanceNorm1d', 'X.mean(-1, keepdim=True)'],
    ] as const;
    assertUnknownFunctionHints(cases, WHERE);
  });

  it('the code the messages name reads, and its derivative is checked numerically', () => {
    for (const [expr, wrt] of [
      // batch norm, training: over the batch (axis 0), per feature
      ['torch.sum((X - X.mean(0, keepdim=True)) / torch.sqrt(X.var(0, keepdim=True, unbiased=False) + 1e-5) * w)', 'X'],
      // batch norm, evaluation: the running statistics m and v
      ['torch.sum((X - m) / torch.sqrt(v + 1e-5) * w)', 'X'],
      // instance norm of one sample's channels (rows): over the last axis
      ['torch.sum((X - X.mean(-1, keepdim=True)) / torch.sqrt(X.var(-1, keepdim=True, unbiased=False) + 1e-5) * X)', 'X'],
      // group norm with one group: over all of the sample's entries
      ['torch.sum((X - X.mean()) / torch.sqrt(X.var(unbiased=False) + 1e-5) * X)', 'X'],
    ] as const) {
      assertNumpyDerivativeChecked(expr, WHERE, wrt);
    }
  });
});
