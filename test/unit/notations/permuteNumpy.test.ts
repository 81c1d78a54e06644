/**
 * Reorderings of the axes of a 2-D array — A.permute(1, 0), torch.permute(A, (1, 0)),
 * np.permute_dims, A.swapaxes(0, 1), torch.swapdims, np.moveaxis, torch.movedim — were "unknown
 * method"; np.transpose(A, (0, 1)) (A itself) read as Aᵀ. Each reads as Aᵀ or A as the library
 * computes it. A.transpose(0, 1) is Aᵀ for a PyTorch tensor (two axes swapped) and A for a NumPy array
 * (the order of the axes): the code's library decides, and where nothing says which it is refused.
 */
import { readNumpy } from '../../../src/core/syntax/numpy';
import { assertError, assertNumpyDerivativeChecked, error, numpyIs } from './helpers';

const WHERE = 'A: matrix(m, n); x: vector(m); y: vector(n)';

describe('notations/numpy: permute, swapaxes, moveaxis and transpose with axes', () => {
  it('reads each as the transpose or the array itself', () => {
    for (const [text, plain] of [
      ['A.permute(1, 0) @ x', 'A\'*x'],
      ['A.permute((1, 0)) @ x', 'A\'*x'],
      ['A.permute(-1, -2) @ x', 'A\'*x'],
      ['A.permute(0, 1) @ y', 'A*y'],
      ['torch.permute(A, (1, 0)) @ x', 'A\'*x'],
      ['torch.permute(A, dims=[1, 0]) @ x', 'A\'*x'],
      ['np.permute_dims(A, (1, 0)) @ x', 'A\'*x'],
      ['np.permute_dims(A, axes=(0, 1)) @ y', 'A*y'],
      ['A.swapaxes(0, 1) @ x', 'A\'*x'],
      ['A.swapaxes(1, 1) @ y', 'A*y'],
      ['np.swapaxes(A, 0, -1) @ x', 'A\'*x'],
      ['torch.swapaxes(A, 0, 1) @ x', 'A\'*x'],
      ['torch.swapdims(A, dim0=0, dim1=1) @ x', 'A\'*x'],
      ['np.moveaxis(A, 0, 1) @ x', 'A\'*x'],
      ['np.moveaxis(A, 0, 0) @ y', 'A*y'],
      ['torch.movedim(A, 1, 0) @ x', 'A\'*x'],
      ['np.transpose(A) @ x', 'A\'*x'],
      ['np.transpose(A, (1, 0)) @ x', 'A\'*x'],
      ['np.transpose(A, axes=(0, 1)) @ y', 'A*y'],
      ['np.transpose(A, (0, 1)) @ y', 'A*y'],
      ['torch.transpose(A, 0, 1) @ x', 'A\'*x'],
      ['torch.transpose(A, 1, 1) @ y', 'A*y'],
      ['A.transpose() @ x', 'A\'*x'],
      ['A.transpose(1, 0) @ x', 'A\'*x'],
      ['A.transpose((0, 1)) @ y', 'A*y'],
      // A 1-D array: only itself.
      ['x.permute(0) @ x', 'x\'*x'],
      ['np.swapaxes(x, 0, -1) @ x', 'x\'*x'],
    ] as const) numpyIs(text, plain, WHERE);
  });

  it('A.transpose(0, 1): the transpose in PyTorch code, A itself in NumPy code, refused where nothing says which', () => {
    numpyIs('torch.sum(A.transpose(0, 1) @ x)', "sum(A'*x)", WHERE);
    numpyIs('np.sum(A.transpose(0, 1) @ y)', 'sum(A*y)', WHERE);
    numpyIs('A.transpose(-2, -1) @ x + torch.zeros(n)', "A'*x + zeros(n)", WHERE);
    const t = 'A.transpose(0, 1) @ x';
    assertError(error(readNumpy(t, WHERE)), 'numpy.ambiguous-library', '0, 1', t, 'nothing here says which');
  });

  it('refuses axes that name no permutation, as the libraries do', () => {
    let t = 'A.permute(0, 0) @ y';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '0, 0', t, 'repeated');
    t = 'A.permute(1) @ y';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '1', t, 'each of the 2 axes');
    t = 'A.permute(2, 0) @ y';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '2', t, 'out of range');
    t = 'np.swapaxes(x, 0, 1) @ x';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '1', t, 'out of range for a 1-D array');
    t = 'np.moveaxis(A, (0, 1), (1, 0)) @ x';
    assertError(error(readNumpy(t, WHERE)), 'numpy.argument', '(0, 1)', t, 'an axis must be an integer');
    t = 'A.permute() @ x';
    assertError(error(readNumpy(t, WHERE)), 'call.arity', t.slice(0, 11), t);
  });

  it('derivatives through a permuted matrix agree with finite differences', () => {
    for (const [expr, wrt] of [
      ['torch.tanh(A.permute(1, 0) @ x).sum()', 'A'],
      ['(np.swapaxes(A, 0, 1) @ x) @ y', 'A'],
      ['(torch.transpose(A, 0, 1) @ x) @ y', 'x'],
    ] as const) {
      assertNumpyDerivativeChecked(expr, 'A: matrix(m, n); x: vector(m); y: vector(n)', wrt);
    }
  });
});
