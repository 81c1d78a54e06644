import assert from 'node:assert/strict';
import { memoByText } from '../../../src/core/syntax/memo';
import { parseDeclarations } from '../../../src/core/syntax';
import { statementsOf, splitStatements } from '../../../src/core/syntax/plain/statements';
import { scan } from '../../../src/core/syntax/plain/scanner';

describe('syntax/memo', () => {
  it('computes a text once while it is remembered, and again after the table was emptied', () => {
    const calls: string[] = [];
    const f = memoByText((t) => {
      calls.push(t);
      return { length: t.length };
    }, 2);
    const a = f('ab');
    assert.equal(f('ab'), a);
    f('c'); // two texts: the table is full
    f('d'); // emptied, then 'd'
    assert.notEqual(f('ab'), a);
    assert.deepEqual(calls, ['ab', 'c', 'd', 'ab']);
  });

  it('remembers nothing for a call that throws, nor for a text longer than the limit', () => {
    let n = 0;
    const f = memoByText((t) => {
      n++;
      if (t === 'bad') throw new Error('bad text');
      return [t];
    }, 8, 3);
    assert.throws(() => f('bad'), /bad text/);
    assert.throws(() => f('bad'), /bad text/);
    assert.notEqual(f('long'), f('long'));
    assert.equal(n, 4);
  });

  it('gives the remembered declarations and statements equal to fresh ones', () => {
    const where = 'x: vector(n); A: matrix(m, n)\nS: matrix(n, n) symmetric';
    assert.equal(parseDeclarations(where), parseDeclarations(where));
    assert.deepEqual(statementsOf(where), splitStatements(scan(where)));
    const bad = parseDeclarations('x: vector(n');
    assert.equal(bad.ok, false);
    assert.deepEqual(parseDeclarations('x: vector(n'), bad);
  });
});
