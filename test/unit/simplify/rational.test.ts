/**
 * Exact numbers (issue 12): the rationals of model/rational.ts, and the smart constructors folding
 * integer and rational arithmetic exactly — and only where the result is exact.
 */
import assert from 'node:assert/strict';
import * as Q from '../../../src/core/model/rational';
import { num, rationalNum, rationalOf, rawPow, variable } from '../../../src/core/model/expr';
import { SCALAR } from '../../../src/core/model/shape';
import { add, fn, mul, pow } from '../../../src/core/simplify/build';
import { toText } from '../../../src/core/write';

const q = (n: number, d = 1): Q.Rational => Q.rational(BigInt(n), BigInt(d));
const x = variable('x', SCALAR);

describe('simplify/rational: exact numbers', () => {
  it('parses decimal literals exactly, remembering that they were decimals', () => {
    assert.deepEqual(Q.parseDecimal('0.1'), Q.rational(1n, 10n, true));
    assert.deepEqual(Q.parseDecimal('3'), q(3));
    assert.deepEqual(Q.parseDecimal('2.5E+4'), q(25000));
    assert.deepEqual(Q.parseDecimal('1e-3'), Q.rational(1n, 1000n, true));
    assert.equal(Q.parseDecimal('0x10'), undefined);
    assert.equal(Q.parseDecimal('.'), undefined);
  });

  it('prints integers and decimals as digits, the rest as fractions', () => {
    assert.deepEqual(Q.numberParts(q(1, 3)), { numerator: '1', denominator: '3' });
    assert.deepEqual(Q.numberParts(Q.parseDecimal('0.25') as Q.Rational), { digits: '0.25' });
    assert.deepEqual(Q.numberParts(q(1, 4)), { numerator: '1', denominator: '4' });
    assert.deepEqual(Q.numberParts(Q.parseDecimal('1e300') as Q.Rational), { digits: '1e300' });
    assert.deepEqual(Q.numberParts(Q.parseDecimal('1.5e-7') as Q.Rational), { digits: '1.5e-7' });
    assert.deepEqual(Q.numberParts(Q.parseDecimal('0.000001') as Q.Rational), { digits: '0.000001' });
    // 0.1 · 3 is 0.3 (a decimal still), 0.1 / 3 is 1/30
    assert.deepEqual(Q.numberParts(Q.mul(Q.parseDecimal('0.1') as Q.Rational, q(3))), { digits: '0.3' });
    assert.deepEqual(Q.numberParts(Q.mul(Q.parseDecimal('0.1') as Q.Rational, q(1, 3))), { numerator: '1', denominator: '30' });
  });

  it('takes powers exactly where the result is rational', () => {
    assert.deepEqual(Q.power(q(8), q(2, 3)), q(4));
    assert.deepEqual(Q.power(q(1, 4), q(-1, 2)), q(2));
    assert.equal(Q.power(q(2), q(1, 2)), undefined);
    assert.equal(Q.power(q(0), q(-1)), undefined);
    assert.equal(Q.power(q(3), q(100_000)), undefined, 'huge powers stay written');
  });

  it('the smart constructors fold exactly: 3·⅓ = 1, ½ + ⅓ = ⅚, x·x^(1/3) = x^(4/3)', () => {
    assert.equal(mul(num(3), pow(num(3), num(-1)), x), x);
    assert.deepEqual(rationalOf(add(pow(num(2), num(-1)), pow(num(3), num(-1)))), q(5, 6));
    assert.equal(toText(mul(x, pow(x, rationalNum(q(1, 3))))), 'x^(4/3)');
    assert.equal(toText(mul(pow(num(3), num(-1)), x)), 'x/3');
    // (3x^⅔)⁻² = x^(−4/3)/9
    assert.equal(toText(pow(mul(num(3), pow(x, rationalNum(q(2, 3)))), num(-2))), 'x^(-4/3)/9');
  });

  it('a number node is one per exact value, large numbers too (the table keys them in hexadecimal)', () => {
    const big = 3n * 2n ** 2_000n;
    assert.equal(rationalNum(Q.rational(big)), rationalNum(Q.rational(big)));
    assert.notEqual(rationalNum(Q.rational(big)), rationalNum(Q.rational(big + 1n)));
    assert.notEqual(rationalNum(Q.rational(-big)), rationalNum(Q.rational(big)));
    assert.notEqual(rationalNum(Q.rational(1n, big)), rationalNum(Q.rational(big)));
    // 0.1 as written (a decimal) and 1/10 made by code print differently: two nodes
    assert.notEqual(rationalNum(Q.rational(1n, 10n, true)), rationalNum(q(1, 10)));
    assert.equal(rationalNum(q(-7, 16)), rationalNum(q(14, -32)));
  });

  it('opens chains of integer powers: ((x²)³)⁻¹ = x⁻⁶, (x^½)⁴ = x², (x²)^½ stays', () => {
    // nested as a reader makes them (rawPow: each power as written)
    const x2 = rawPow(x, num(2));
    assert.equal(toText(pow(rawPow(x2, num(3)), num(-1))), 'x^-6');
    assert.equal(toText(pow(rawPow(x, rationalNum(q(1, 2))), num(4))), 'x^2');
    assert.equal(toText(pow(x2, rationalNum(q(1, 2)))), '(x^2)^(1/2)');
    // a chain opened once and then again from a level inside it (the remembered opening) agrees
    const chain = [x];
    for (let i = 1; i <= 6; i++) chain.push(rawPow(chain[i - 1], num(i % 2 === 0 ? 2 : -3)));
    assert.equal(toText(pow(chain[6], num(2))), 'x^-432');
    assert.equal(toText(pow(chain[3], num(5))), 'x^90');
  });

  it('folds a function of a number only where the value is exact', () => {
    assert.equal(toText(fn('exp', num(2))), 'exp(2)');
    assert.equal(toText(fn('exp', num(0))), '1');
    assert.equal(toText(fn('sqrt', rationalNum(q(9, 4)))), '3/2');
    assert.equal(toText(fn('sqrt', num(2))), 'sqrt(2)');
    assert.equal(toText(fn('abs', num(-3))), '3');
    assert.equal(toText(fn('sigmoid', num(0))), '1/2');
    assert.equal(toText(fn('softplus', num(0))), 'softplus(0)', 'log 2 is not rational');
    assert.equal(toText(fn('acos', num(0))), 'acos(0)', 'π/2 is not rational');
  });
});
