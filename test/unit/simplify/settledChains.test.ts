/**
 * mul() simplifies a product that starts or ends with a product it made before only where the new
 * factors meet it (simplify/build.ts SETTLED: the chain of J·D grows by one factor per level of a deep
 * composition, and was scanned from its first factor each time, quadratic). The shortcut must change
 * nothing: the product is the same node as mul() of the same factors given one by one, which scans
 * the whole chain — checked on random chains of factors the pair rules rewrite (powers of one matrix,
 * inverses, diagonals, rows, columns and 𝟏 at the ends, scalars).
 */
import * as assert from 'node:assert/strict';
import { Expr, variable, num, ones, rawInv, rawMatpow, rawTranspose, rawDiagm } from '../../../src/core/model/expr';
import { shape, SCALAR, isScalar } from '../../../src/core/model/shape';
import { add, mul, withoutFactor } from '../../../src/core/simplify/build';
import { toText } from '../../../src/core/write';
import { generator } from '../seeded';

const A = variable('A', shape('n', 'n'));
const B = variable('B', shape('n', 'n'));
const S = variable('S', shape('n', 'n'), true);
const x = variable('x', shape('n', 1));
const y = variable('y', shape('n', 1));
const s = variable('s', SCALAR);

/** Square factors the pair and run rules rewrite in many ways, and some they leave. */
const SQUARE: readonly Expr[] = [
  A, A, B, S, rawInv(A), rawInv(B), rawTranspose(rawInv(A)), rawTranspose(A), rawMatpow(A, 2), rawMatpow(rawInv(A), 3),
  rawDiagm(x), rawDiagm(y), rawDiagm(x), add(A, B), num(2), s,
];
const LEFT: readonly Expr[] = [rawTranspose(x), ones(shape(1, 'n')), rawTranspose(y)];
const RIGHT: readonly Expr[] = [y, ones(shape('n', 1)), x];

function chain(pick: (n: number) => number, length: number): Expr[] {
  const out: Expr[] = [];
  for (let i = 0; i < length; i++) out.push(SQUARE[pick(SQUARE.length)]);
  return out;
}

const same = (a: Expr, b: Expr, what: string): void => assert.equal(a, b, `${what}: ${toText(a)} ≠ ${toText(b)}`);

describe('simplify: products that start or end with a settled product', () => {
  it('are the same node as the product of the factors one by one (1,000 random chains)', () => {
    for (let seed = 1; seed <= 1_000; seed++) {
      const pick = generator(seed);
      const first = chain(pick, 4 + pick(8));
      const rest = chain(pick, 1 + pick(5));
      const before = pick(3) === 0 ? [LEFT[pick(LEFT.length)]] : [];
      const after = pick(3) === 0 ? [RIGHT[pick(RIGHT.length)]] : [];
      const P = mul(...first);
      const Q = mul(...chain(pick, 4 + pick(6)));
      const label = `seed ${seed}: P = ${toText(P)}`;
      same(mul(P, ...rest, ...after), mul(...P.args, ...rest, ...after), `${label}, P·R`);
      same(mul(...before, ...rest, P), mul(...before, ...rest, ...P.args), `${label}, R·P`);
      same(mul(P, ...rest, Q), mul(...P.args, ...rest, ...Q.args), `${label}, P·R·Q`);
      same(mul(...before, P, Q, ...after), mul(...before, ...P.args, ...Q.args, ...after), `${label}, P·Q`);
      if (P.op !== 'mul') continue;
      // a factor taken out (present/factor.ts): the first or last matrix factor, or a scalar
      const matrices = P.args.map((f, i) => (isScalar(f.shape) ? -1 : i)).filter((i) => i >= 0);
      const scalars = P.args.map((f, i) => (isScalar(f.shape) ? i : -1)).filter((i) => i >= 0);
      const ends = [matrices[0], matrices[matrices.length - 1], scalars[0]].filter((i) => i !== undefined);
      for (const i of ends) {
        if (P.args.length < 2) continue;
        same(withoutFactor(P, i), mul(...P.args.filter((_, j) => j !== i)), `${label}, without factor ${i}`);
      }
    }
  });
});
