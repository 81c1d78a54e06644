/**
 * The plain syntax has no constant e: `e^(-z)` with e undeclared was read as a power of a variable e
 * (its derivative −e^(−z) log(e)…), where a student writing a sigmoid as 1/(1 + e^(-z)) means the
 * exponential, as LaTeX `e^{-z}` and Unicode `e^(-z)` read it. It is refused, pointing at the e, saying
 * how to write either meaning; a declared e (or one defined by `where e = …`) is the variable.
 */
import assert from 'node:assert/strict';
import { readPlain } from '../../../src/core/syntax';
import { derive } from '../../../src/core/index';
import { assertError, error, readSx } from './helpers';

describe('syntax/plain: e raised to a power', () => {
  it('refuses e^u and e.^u with e undeclared, at the e, naming exp and the declaration', () => {
    for (const [text, start] of [['1/(1 + e^(-z))', 7], ['e^x', 0], ['x + e.^y', 4], ['2*e ^ 3', 2]] as const) {
      const d = error(readPlain(text));
      assertError(d, 'name.euler', start, start + 1, 'exp(');
      assert.match(d.message, /e: scalar/, text);
    }
  });

  it('refuses it in a where definition too', () => {
    assertError(error(readPlain('u + x where u = e^x')), 'name.euler', 16, 17, 'exp(');
  });

  it('reads a declared e (or a where-defined one) as the variable it is', () => {
    assert.equal(readSx('e^x', 'e: scalar; x: scalar'), '(pow e x)');
    assert.equal(readSx('e: scalar; x: scalar\ne^2 + x'), '(add (pow e 2) x)');
  });

  it('leaves every other e alone: a product, a name beginning with e, a number with an exponent', () => {
    assert.equal(readSx('e*x'), '(mul e x)');
    assert.equal(readSx('eps^2', 'eps: scalar'), '(pow eps 2)');
    assert.equal(readSx('x^e'), '(pow x e)');
    assert.equal(readSx('2e3*x'), '(mul 2000 x)');
  });

  it('answers the sigmoid through the API with the refusal, and exp(-z) as the student meant it', () => {
    const refused = derive({ expr: '1/(1 + e^(-z))', wrt: ['z'], from: 'plain' });
    assert.equal(refused.ok, false);
    const meant = derive({ expr: '1/(1 + exp(-z))', wrt: ['z'], from: 'plain', where: 'z: scalar' });
    assert.ok(meant.ok);
  });
});
