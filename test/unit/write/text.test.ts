import * as assert from 'node:assert/strict';
import {
  Expr, block, commutation, entry, eye, freeVariables, num, ones, postorder, rawAdd, rawDiagm, rawDiagv, rawFn,
  rawHadamard, rawInv, rawKron, rawMatpow, rawMul, rawPow, rawReduce, rawSoftmax, rawTranspose, rawVec, sizeNode,
  unit, variable, withArgs, zeros,
  rationalNum, PI,
} from '../../../src/core/model/expr';
import { rational } from '../../../src/core/model/rational';
import { isScalar, shape } from '../../../src/core/model/shape';
import { readPlain } from '../../../src/core/syntax';
import { declarationsFor, toText } from '../../../src/core/write';
import { A, B, S, X, a, alpha, b, decimal, div, neg, r, s, sub, t, theta, w, wOut, x, x1, y, z } from './fixtures';

const Ax = rawMul([A, x]);
const sig = rawFn('sigmoid', x);
const expand = (c: Expr, like: Expr): Expr => rawMul([c, ones(like.shape)]);

/**
 * The liberties the writer takes: a negative coefficient in a sum is written as a subtraction
 * (a + (−2)·b as `a - 2*b`, read back as a + (−1)·(2·b)), and a scaled expansion c·z·𝟏 as `c*z`
 * (read back as (c·z)·𝟏). Equal up to the association of products: flatten nested products (not
 * inner products, whose factors are not part of the outer chain) and fold their numbers into one
 * leading coefficient.
 */
function foldCoefficients(root: Expr): Expr {
  const done = new Map<Expr, Expr>();
  const innerProduct = (f: Expr): boolean => isScalar(f.shape) && f.args.some((g) => !isScalar(g.shape));
  for (const e of postorder(root)) {
    const args = e.args.map((c) => done.get(c) as Expr);
    if (e.op !== 'mul') {
      done.set(e, withArgs(e, args));
      continue;
    }
    let c = 1;
    const rest: Expr[] = [];
    const pending = [...args];
    while (pending.length > 0) {
      const f = pending.shift() as Expr;
      if (f.op === 'num') c *= f.value as number;
      else if (f.op === 'mul' && !innerProduct(f)) pending.unshift(...f.args);
      else rest.push(f);
    }
    const factors = c === 1 && rest.length > 0 ? rest : [num(c), ...rest];
    done.set(e, factors.length === 1 && factors[0].shape === e.shape ? factors[0] : rawMul(factors));
  }
  return done.get(root) as Expr;
}

/** Read `text` back with declarations for the variables of `e`. */
function readBack(e: Expr, text: string): Expr {
  const where = declarationsFor(freeVariables(e));
  const read = readPlain(text, where);
  if (!read.ok) assert.fail(`cannot read back ${text} (where ${where}): ${read.error.code}: ${read.error.message}`);
  return read.value.expr;
}

type RoundTrip = 'exact' | 'coefficients';

/** [what, expression, expected text, how it reads back] */
const CASES: readonly [string, Expr, string, RoundTrip][] = [
  ['a name', x, 'x', 'exact'],
  ['a Greek name', alpha, 'alpha', 'exact'],
  ['a subscripted name', wOut, 'w_out', 'exact'],
  ['transpose', rawTranspose(x), "x'", 'exact'],
  ['a matrix product', Ax, 'A*x', 'exact'],
  ['(A + Aᵀ)x', rawMul([rawAdd([X, rawTranspose(X)]), x]), "(X + X')*x", 'exact'],
  ['2Aᵀ(Ax − b)', rawMul([num(2), rawTranspose(A), sub(Ax, b)]), "2*A'*(A*x - b)", 'exact'],
  ['xᵀAx', rawMul([rawTranspose(x), X, x]), "x'*X*x", 'exact'],
  ['a − b', sub(x, y), 'x - y', 'exact'],
  ['a − 2b from the reader', sub(x, rawMul([num(2), y])), 'x - 2*y', 'exact'],
  ['a negative coefficient', rawAdd([x, rawMul([num(-2), y])]), 'x - 2*y', 'coefficients'],
  ['a − (b + c)', sub(x, rawAdd([y, z])), 'x - (y + z)', 'exact'],
  ['a − (−b)', sub(x, neg(y)), 'x - (-y)', 'exact'],
  ['a leading minus', rawAdd([neg(x), y]), '-x + y', 'exact'],
  ['a negative number', rawAdd([s, num(-3)]), 's - 3', 'exact'],
  ['a negative literal coefficient', rawMul([num(-2), x]), '-2*x', 'exact'],
  ['minus a product', neg(Ax), '-(A*x)', 'exact'],
  ['minus a transpose', neg(rawTranspose(x)), "-x'", 'exact'],
  ['minus a negation', neg(neg(x)), '-(-x)', 'exact'],
  ['(−x)·y keeps its grouping', rawMul([neg(s), t]), '(-s)*t', 'exact'],
  ['a nested sum keeps its parentheses', rawAdd([rawAdd([x, y]), z]), '(x + y) + z', 'exact'],
  ['a right-nested product', rawMul([A, rawMul([B, rawTranspose(B)])]), "A*(B*B')", 'exact'],
  ['an inner product scaling a vector', rawMul([rawMul([rawTranspose(x), y]), z]), "(x'*y)*z", 'exact'],
  ['division by a scalar', div(x, s), 'x/s', 'exact'],
  ['a scalar quotient of a sum', div(rawAdd([s, t]), rawAdd([a, t])), '(s + t)/(a + t)', 'exact'],
  ['a reciprocal', rawPow(s, num(-1)), 's^-1', 'exact'],
  ['element-wise product', rawHadamard([x, y]), 'x .* y', 'exact'],
  ['element-wise division', rawHadamard([x, rawPow(y, num(-1))]), 'x ./ y', 'exact'],
  ['a number over an array, as the reader reads c ./ v', rawMul([num(1), rawPow(rawAdd([y, rawFn('exp', neg(x))]), num(-1))]), '1 ./ (y + exp(-x))', 'exact'],
  ['a whole number over a matrix', rawMul([num(2), rawPow(X, num(-1))]), '2 ./ X', 'exact'],
  ['a number over an array inside a product', rawMul([A, rawMul([num(3), rawPow(x, num(-1))])]), 'A*(3 ./ x)', 'exact'],
  ['a product inside .*', rawHadamard([Ax, b]), '(A*x) .* b', 'exact'],
  ['a Hadamard product inside a product', rawMul([A, rawHadamard([x, y])]), 'A*(x .* y)', 'exact'],
  ['an element-wise power', rawPow(x, num(2)), 'x.^2', 'exact'],
  ['a scalar power', rawPow(s, num(2)), 's^2', 'exact'],
  ['a power of a sum', rawPow(rawAdd([s, t]), num(3)), '(s + t)^3', 'exact'],
  ['a symbolic exponent', rawPow(s, rawAdd([a, t])), 's^(a + t)', 'exact'],
  ['a power of a transpose', rawPow(rawTranspose(x), num(2)), "(x').^2", 'exact'],
  ['a matrix power', rawMatpow(X, 3), 'X^3', 'exact'],
  ['minus a power', neg(rawPow(s, num(2))), '-s^2', 'exact'],
  ['a decimal', rawMul([decimal('0.5'), x]), '0.5*x', 'exact'],
  ['a tiny number', rawMul([decimal('1e-7'), x]), '1e-7*x', 'exact'],
  ['a fraction alone', rationalNum(rational(1n, 3n)), '1/3', 'exact'],
  ['a fractional exponent', rawPow(x, rationalNum(rational(-1n, 2n))), 'x.^(-1/2)', 'exact'],
  ['a huge integer', rawMul([decimal('1e300'), x]), '1e300*x', 'exact'],
  ['scalar expansion', rawAdd([x, expand(s, x)]), 'x + s', 'exact'],
  ['scalar expansion first', rawAdd([expand(s, x), x]), 's + x', 'exact'],
  ['expansion of 1', rawAdd([x, ones(x.shape)]), 'x + 1', 'exact'],
  ['subtracting a scalar', sub(x, expand(s, x)), 'x - s', 'exact'],
  ['subtracting a sum of scalars', sub(x, expand(rawAdd([s, t]), x)), 'x - (s + t)', 'exact'],
  ['expanding a negative constant', rawAdd([x, expand(num(-2), x)]), 'x - 2', 'coefficients'],
  ['a flat negated expansion', rawAdd([Ax, rawMul([num(-1), a, ones(b.shape)])]), 'A*x - a', 'coefficients'],
  ['a flat scaled expansion', rawAdd([x, rawMul([num(2), s, ones(x.shape)])]), 'x + 2*s', 'coefficients'],
  ['a flat negative scaled expansion', rawAdd([x, rawMul([num(-2), s, t, ones(x.shape)])]), 'x - 2*s*t', 'coefficients'],
  ['a leading scaled expansion', rawAdd([rawMul([num(-2), s, ones(x.shape)]), x]), '-2*s + x', 'coefficients'],
  ['two expansions need the array first', rawAdd([expand(s, x), expand(t, x), x]), 's*ones(n) + t + x', 'exact'],
  ['σ(x) ⊙ (1 − σ(x))', rawHadamard([sig, sub(ones(x.shape), sig)]), 'sigmoid(x) .* (1 - sigmoid(x))', 'exact'],
  ['relu', rawFn('relu', Ax), 'max(0, A*x)', 'exact'],
  ['min0', rawFn('min0', s), 'min(0, s)', 'exact'],
  ['step', rawFn('step', rawAdd([rawMul([rawTranspose(w), x]), s])), "step(w'*x + s)", 'exact'],
  ['exp', rawFn('exp', x), 'exp(x)', 'exact'],
  ['log', rawFn('log', rawAdd([s, t])), 'log(s + t)', 'exact'],
  ['abs, sqrt, sign, tanh', rawAdd([rawFn('abs', x), rawFn('sqrt', y), rawFn('sign', z), rawFn('tanh', w)]),
    'abs(x) + sqrt(y) + sign(z) + tanh(w)', 'exact'],
  ['sum', rawReduce('sum', x), 'sum(x)', 'exact'],
  ['mean', rawReduce('mean', A), 'mean(A)', 'exact'],
  ['norm2', rawPow(rawReduce('norm2', sub(Ax, b)), num(2)), 'norm2(A*x - b)^2', 'exact'],
  ['norm1', rawReduce('norm1', x), 'norm1(x)', 'exact'],
  ['tr', rawReduce('tr', rawMul([rawTranspose(A), A])), "tr(A'*A)", 'exact'],
  ['det and logdet', rawAdd([rawReduce('det', X), rawReduce('logdet', S)]), 'det(X) + logdet(S)', 'exact'],
  ['inv', rawTranspose(rawInv(X)), "inv(X)'", 'exact'],
  ['inverse of a transpose', rawInv(rawTranspose(X)), "inv(X')", 'exact'],
  ['diag both ways', rawMul([rawDiagm(x), rawDiagv(X)]), 'diag(x)*diag(X)', 'exact'],
  ['softmax and logsumexp', rawAdd([rawSoftmax(x), expand(rawReduce('logsumexp', y), x)]), 'softmax(x) + logsumexp(y)', 'exact'],
  ['eye', rawMul([rawAdd([X, eye('n')]), x]), '(X + eye(n))*x', 'exact'],
  ['ones (as an expansion of 1) and zeros', rawAdd([ones(A.shape), zeros(A.shape)]), '1 + zeros(m, n)', 'exact'],
  ['a row of ones', rawMul([ones(r.shape), x]), 'ones(1, n)*x', 'exact'],
  ['vector(c)', rawMul([num(3), ones(x.shape)]), '3*ones(n)', 'exact'],
  ['a vector literal', block(2, 1, [rawMul([num(3), rawPow(s, num(2)), t]), rawAdd([rawMul([num(2), s]), rawPow(t, num(8))])]),
    '[3*s^2*t, 2*s + t^8]', 'exact'],
  ['Greek and digits', rawMul([rawTranspose(theta), x1]), "theta'*x1", 'exact'],
  // nodes the differentiator makes
  ['kron', rawKron(A, B), 'kron(A, B)', 'exact'],
  ['vec', rawVec(A), 'vec(A)', 'exact'],
  ['commutation', rawMul([commutation('m', 'n'), rawVec(A)]), 'commutation(m, n)*vec(A)', 'exact'],
  ['a unit vector', rawMul([rawTranspose(unit('n', 2)), x]), "unit(n, 2)'*x", 'exact'],
  ['an entry', rawMul([entry(A, 1, 2), x]), 'entry(A, 1, 2)*x', 'exact'],
  ['a count', div(rawReduce('sum', A), sizeNode(A.shape)), 'sum(A)/(m*n)', 'exact'],
  ['a product dimension', rawMul([eye('m·n'), rawVec(A)]), 'eye(m*n)*vec(A)', 'exact'],
  ['a matrix literal', rawMul([block(2, 2, [s, t, a, num(1)]), variable('v', shape(2, 1))]), '[s, t; a, 1]*v', 'exact'],
];

/** Not read back as the same node: a row literal is written as the transpose of a column. */
const WRITE_ONLY: readonly [string, Expr, string][] = [
  ['a row literal', block(1, 2, [s, t]), "[s, t]'"],
  // Fractions in products: the denominator last (reads back as x*2^-1, the same value)
  ['a fraction', rawMul([num(0.5), x]), 'x/2'],
  ['a fraction with a numerator', rawMul([rationalNum(rational(2n, 3n)), x]), '2*x/3'],
  ['a negative fraction', rawMul([rationalNum(rational(-2n, 3n)), x]), '-(2*x/3)'],
  ['π', rawMul([num(2), PI(), s]), '2*pi*s'],
];

describe('write/text: the plain syntax', () => {
  for (const [what, e, expected, how] of CASES) {
    it(`${what}: ${expected}`, () => {
      const text = toText(e);
      assert.equal(text, expected);
      assert.doesNotMatch(text, /[^\x20-\x7e]/, 'plain text is ASCII');
      const back = readBack(e, text);
      if (how === 'exact') assert.equal(back, e, `read back as a different expression: ${toText(back)}`);
      else {
        assert.notEqual(back, e, 'expected the reader to associate the coefficient differently');
        assert.equal(foldCoefficients(back), foldCoefficients(e));
      }
    });
  }
  for (const [what, e, expected] of WRITE_ONLY) {
    it(`${what}: ${expected}`, () => assert.equal(toText(e), expected));
  }
});

describe('write/declarations', () => {
  it('declares scalars, vectors, rows, matrices and symmetric matrices', () => {
    assert.equal(declarationsFor([s, x, r, A, S]), 's: scalar; x: vector(n); r: matrix(1, n); A: matrix(m, n); S: matrix(n, n) symmetric');
  });

  it('declares numeric sizes and skips non-variables', () => {
    const v = variable('v', shape(3, 1));
    assert.equal(declarationsFor([v, num(2), x]), 'v: vector(3); x: vector(n)');
  });

  it('declarations read back to the same variables', () => {
    const e = rawAdd([rawMul([r, S, x]), rawMul([rawTranspose(b), A, x]), s]);
    const back = readBack(e, toText(e));
    assert.equal(back, e);
  });
});
