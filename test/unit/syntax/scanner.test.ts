import assert from 'node:assert/strict';
import { scan } from '../../../src/core/syntax/plain/scanner';

const kinds = (text: string): string[] => scan(text).map((t) => `${t.kind}:${t.text}`);

describe('syntax/scanner', () => {
  it('scans names, including Greek letters, digits and underscores', () => {
    assert.deepEqual(kinds('x1 W_out σ λ2 _a'), ['name:x1', 'name:W_out', 'name:σ', 'name:λ2', 'name:_a', 'eof:']);
  });

  it('scans integers, decimals and exponents', () => {
    const values = scan('12 1.5 .5 1. 1e-3 2.5E+10 3e').filter((t) => t.kind === 'number').map((t) => t.value);
    assert.deepEqual(values, [12, 1.5, 0.5, 1, 0.001, 2.5e10, 3]);
    // "3e" is the number 3 followed by the name e
    assert.equal(scan('3e')[1].kind, 'name');
  });

  it('keeps the dot of an element-wise operator out of a number (MATLAB: 2.^x is 2 .^ x)', () => {
    assert.deepEqual(kinds('2.^x'), ['number:2', 'op:.^', 'name:x', 'eof:']);
    assert.deepEqual(kinds('1.*x'), ['number:1', 'op:.*', 'name:x', 'eof:']);
    assert.deepEqual(kinds('1./x'), ['number:1', 'op:./', 'name:x', 'eof:']);
  });

  it('scans every operator and normalizes the Unicode minus and transpose marks', () => {
    assert.deepEqual(kinds("+ - * / ^ .* ./ .^ ' − xᵀ x.'"), [
      'op:+', 'op:-', 'op:*', 'op:/', 'op:^', 'op:.*', 'op:./', 'op:.^', "op:'", 'op:-', 'name:x', "op:'", 'name:x', "op:'", 'eof:',
    ]);
  });

  it('gives exact spans, skips comments and reports newlines', () => {
    const tokens = scan('ab + 1 # c\n[x];');
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.start, t.end]),
      [['name', 0, 2], ['op', 3, 4], ['number', 5, 6], ['newline', 10, 11], ['[', 11, 12], ['name', 12, 13], [']', 13, 14], [';', 14, 15], ['eof', 15, 15]],
    );
  });

  it('turns unknown characters into invalid tokens covering whole code points', () => {
    const tokens = scan('x ⊙ 𝑥');
    assert.deepEqual(tokens.map((t) => [t.kind, t.start, t.end]), [['name', 0, 1], ['invalid', 2, 3], ['invalid', 4, 6], ['eof', 6, 6]]);
  });
});
