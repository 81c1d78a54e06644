/**
 * A function or method of one library is read only where it is that library's: NumPy has no
 * np.softplus, NumPy's and JAX's arrays have no .neg(), .rsqrt(), .reciprocal(), .hardshrink() (nor
 * .exp(), .t(), .inverse(), …: those are PyTorch tensors' methods), and PyTorch has no torch.power,
 * torch.identity, torch.array, torch.inv. Each was read as if it existed (an AttributeError in the
 * code); now a call under np./numpy./jnp. that NumPy lacks, a PyTorch-only method in code that uses
 * NumPy or JAX and not PyTorch, and a NumPy-only name under torch. are refused at the call's name,
 * naming the library and what to write instead — as X.numel() in NumPy code is (a586ef1).
 */
import assert from 'node:assert/strict';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { numpy, numpyIs } from './helpers';

const WHERE = 'x: vector(n); X: matrix(n, n)';

/** The refusal of `text` as NumPy code: its code, and the text its span covers. */
function refusal(text: string): { code: string; at: string; message: string } {
  const r = readNumpy(text, WHERE);
  assert.ok(!r.ok, `${text} should be refused`);
  return { code: r.error.code, at: text.slice(r.error.start, r.error.end), message: r.error.message };
}

function assertRefused(text: string, at: string, says: RegExp, code = 'numpy.unsupported'): void {
  const e = refusal(text);
  assert.equal(e.code, code, `${text}: ${e.message}`);
  assert.equal(e.at, at, `${text}: the span`);
  assert.match(e.message, says, text);
}

describe('notations/library names: a name read only where its library has it', () => {
  it('PyTorch-only methods in code of NumPy or JAX only are refused at the method, naming the library', () => {
    for (const m of ['hardshrink', 'neg', 'rsqrt', 'reciprocal']) {
      assertRefused(`np.sum(x.${m}())`, `x.${m}`, /PyTorch tensor.*NumPy/);
      assertRefused(`jnp.sum(x.${m}())`, `x.${m}`, /PyTorch tensor.*NumPy/);
    }
    for (const [call, at] of [
      ['np.sum(x.exp())', 'x.exp'], ['np.sum(x.sigmoid())', 'x.sigmoid'], ['np.sum(X.t())', 'X.t'], ['np.trace(X.inverse())', 'X.inverse'],
      ['np.sum(x.square())', 'x.square'], ['np.sum(x.pow(2))', 'x.pow'], ['np.sum(x.clamp(0, 1))', 'x.clamp'], ['X.det() + np.sum(X)', 'X.det'],
      ['np.sum(x.softmax(0))', 'x.softmax'], ['np.sum(x.add(x))', 'x.add'], ['np.sum(X.permute(1, 0))', 'X.permute'], ['x.norm() + np.sum(x)', 'x.norm'],
      ['np.sum(X.mm(X))', 'X.mm'], ['np.sum(x.relu())', 'x.relu'],
    ] as const) {
      assertRefused(call, at, /PyTorch tensor.*NumPy/);
    }
    // What to write instead is named.
    assert.match(refusal('np.sum(x.neg())').message, /-x/);
    assert.match(refusal('np.sum(x.rsqrt())').message, /1 \/ np\.sqrt\(x\)/);
    assert.match(refusal('np.sum(x.reciprocal())').message, /np\.reciprocal\(x\)/);
    assert.match(refusal('np.sum(x.exp())').message, /np\.exp\(x\)/);
  });

  it('functions NumPy does not have are refused under np., numpy. and jnp., at the name', () => {
    assertRefused('np.sum(np.softplus(x))', 'np.softplus', /NumPy has no softplus/);
    assertRefused('jnp.sum(jnp.softplus(x))', 'jnp.softplus', /NumPy has no softplus.*jax\.nn\.softplus/);
    for (const f of ['sigmoid', 'relu', 'erf', 'expit', 'gelu', 'rsqrt', 'neg', 'hardshrink', 'silu', 'clamp', 'softmax', 'logsumexp']) {
      assertRefused(`np.sum(np.${f}(x))`, `np.${f}`, new RegExp(`NumPy has no ${f}`));
    }
    assertRefused('np.trace(np.inv(X))', 'np.inv', /NumPy has no inv.*np\.linalg\.inv/);
    assertRefused('np.det(X)', 'np.det', /np\.linalg\.det/);
    assertRefused('numpy.sum(numpy.mul(x, x))', 'numpy.mul', /NumPy has no mul.*np\.multiply/);
  });

  it('NumPy-only spellings in PyTorch code are refused', () => {
    assertRefused('torch.sum(torch.power(x, 2))', 'torch.power', /PyTorch has no power.*torch\.pow/);
    assertRefused('torch.trace(torch.inv(X))', 'torch.inv', /PyTorch has no inv.*torch\.linalg\.inv/);
    assertRefused('torch.trace(torch.identity(3) @ X)', 'torch.identity', /PyTorch has no identity.*torch\.eye/);
    assertRefused('torch.sum(torch.expit(x))', 'torch.expit', /PyTorch has no expit.*torch\.sigmoid/);
    // A tensor's transpose() takes the two dimensions it swaps.
    assertRefused('torch.sum(X.transpose() @ x)', 'X.transpose()', /PyTorch.*two dimensions.*X\.T/);
  });

  it('what each library has still reads', () => {
    numpyIs('np.sum(np.reciprocal(x)) + np.sum(np.negative(x))', 'sum(x.^-1) + sum(-x)', WHERE);
    numpyIs('x.sum() + X.trace() + x.dot(x) + x.mean()', 'sum(x) + tr(X) + x\'*x + mean(x)', WHERE);
    numpy('np.sum(X.transpose() @ x) + np.sum(x.clip(0, 1)) + np.sum(X.swapaxes(0, 1)) + np.sum(X.diagonal()) + x.var() + x.std()', WHERE);
    numpy('np.sum(np.linalg.inv(X)) + np.linalg.det(X) + np.sum(np.power(x, 2)) + np.sum(np.clip(x, 0, 1))', WHERE);
    numpy('scipy.special.expit(x).sum() + jax.nn.softplus(x).sum()', WHERE);
    // In PyTorch code, and in code naming neither library, the tensor's methods read as before.
    for (const m of ['hardshrink', 'neg', 'rsqrt', 'reciprocal', 'exp']) {
      numpy(`torch.sum(x.${m}())`, WHERE);
      numpy(`x.${m}().sum()`, WHERE);
    }
    numpyIs('torch.sum(torch.pow(x, 2)) + torch.trace(torch.linalg.inv(X))', "sum(x.^2) + tr(inv(X))", WHERE);
    numpy('torch.sum(X.transpose(0, 1) @ x) + torch.sum(F.softplus(x))', WHERE);
  });
});
