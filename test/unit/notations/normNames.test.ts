/**
 * How the norms are written, in each notation, and what an error about one says: it names the
 * function as the user wrote it (norm, \operatorname{norm}, linalg.norm), never only the internal
 * norm2, and it says which norms there are (norm2: the 2-norm of a vector, the Frobenius norm of a
 * matrix; norm1: the 1-norm of a vector).
 */
import * as assert from 'node:assert/strict';
import { readExpression } from '../../../src/core/read';
import { assertError, error, numpyIs } from './helpers';

const x = 'x: vector(n)';

describe('notations: the norms, as written', () => {
  it('norm(x, 1) in LaTeX and Unicode math: an error that names norm and the norms there are', () => {
    for (const [text, from, written] of [
      ['norm(x, 1)', 'auto', 'norm'],
      ['norm(x, 1)', 'unicode', 'norm'],
      ['\\operatorname{norm}(x, 1)', 'latex', '\\operatorname{norm}'],
      ['\\mathrm{norm}(x, 1)', 'latex', '\\mathrm{norm}'],
    ] as const) {
      const e = error(readExpression(text, x, from));
      assertError(e, 'call.arity', text, text, `${written} takes 1 argument, found 2`);
      assert.ok(!/norm2 takes/.test(e.message), e.message);
      assert.ok(e.message.includes('‖x‖₁'), `${e.message}: the 1-norm's spelling`);
      assert.ok(e.message.includes('Frobenius'), `${e.message}: what norm(X) of a matrix is`);
    }
  });

  it('norm(…) in the plain syntax: unknown, with both norms named', () => {
    const t = 'norm(x)';
    const e = error(readExpression(t, x, 'plain'));
    assertError(e, 'name.unknown-function', 'norm', t, "unknown function 'norm'");
    for (const s of ['norm2(x)', 'norm1(x)', 'Frobenius']) assert.ok(e.message.includes(s), `${e.message}: ${s}`);
  });

  it('linalg.norm (from numpy import linalg) is np.linalg.norm', () => {
    numpyIs('linalg.norm(x, 1) + linalg.norm(x)', 'norm1(x) + norm2(x)', x);
  });

  it("np.linalg.norm(A, 'fro') is the Frobenius norm; an unsupported ord names the norms there are", () => {
    numpyIs("np.linalg.norm(A, 'fro')", 'norm2(A)', 'A: matrix(m, n)');
    const t = 'np.linalg.norm(A, 1)';
    const e = error(readExpression(t, 'A: matrix(m, n)', 'numpy'));
    assertError(e, 'numpy.unsupported', '1', t, 'np.linalg.norm with ord=1');
    assert.ok(e.message.includes('Frobenius'), e.message);
  });
});
