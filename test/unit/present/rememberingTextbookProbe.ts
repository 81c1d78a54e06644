/**
 * The comparison of rememberingTextbook.test.ts, run in a child process of its own (as
 * robustness/deepProbe.ts): the growing random expressions make many nodes, and in the test process
 * they would push the hash-consing table towards its reset bound (INTERN_LIMIT_BYTES), after which the
 * nodes other test files made at load time are no longer the canonical ones.
 * `node rememberingTextbookProbe.js <sequences>` prints { compared, changed, differ: [first few] } as JSON.
 */
import { type Expr, num, rawAdd, rawDiagm, rawFn, rawHadamard, rawInv, rawMul, rawTranspose, variable } from '../../../src/core/model/expr';
import { SCALAR, shape } from '../../../src/core/model/shape';
import { rememberingTextbook, textbook } from '../../../src/core/present/present';
import { add, hadamard, mul, transpose } from '../../../src/core/simplify/build';
import { toText } from '../../../src/core/write';
import { generator } from '../seeded';

const n = shape('n', 'n');
const A = variable('A', n);
const B = variable('B', n);
const S = variable('S', n, true);
const x = variable('x', shape('n', 1));
const y = variable('y', shape('n', 1));
const s = variable('s', SCALAR);
const t = variable('t', SCALAR);

/**
 * A random n×n matrix of about `depth` levels over `pool` (earlier results among the leaves): sums
 * with shared left, right, Hadamard and scalar factors (what factorize() collects), transposes of
 * sums (what tidy() distributes), scalars out of order, numbers, built raw or through the builders.
 */
function matrix(pick: (k: number) => number, depth: number, pool: readonly Expr[]): Expr {
  if (depth <= 0 || pick(5) === 0) return pool[pick(pool.length)];
  const a = matrix(pick, depth - 1, pool);
  const b = matrix(pick, depth - 1, pool);
  const c = pool[pick(pool.length)];
  const scalar = [s, t, num(2), num(-1), rawFn('tanh', s)][pick(5)];
  switch (pick(12)) {
    case 0: return rawAdd([rawMul([c, a]), rawMul([c, b])]);
    case 1: return rawAdd([rawMul([a, c]), rawMul([b, c]), c]);
    case 2: return rawAdd([rawHadamard([c, a]), rawHadamard([b, c])]);
    case 3: return rawAdd([rawMul([scalar, a]), rawMul([b, scalar])]);
    case 4: return rawTranspose(rawAdd([rawTranspose(a), b]));
    case 5: return rawMul([rawDiagm(rawMul([a, x])), b]);
    case 6: return add(mul(c, a), mul(num(-2), c, b));
    case 7: return hadamard(a, add(b, transpose(b)));
    case 8: return rawMul([a, scalar, b, t]);
    case 9: return rawAdd([rawMul([a, rawInv(c)]), rawMul([num(2), b, rawInv(c)])]);
    case 10: return add(a, rawAdd([b, mul(a, c)]));
    default: return rawMul([rawAdd([a, b]), rawAdd([c, rawMul([c, a])])]);
  }
}

/** `sequences` random sequences of 8 growing expressions, each put in textbook form both ways. */
export function compare(sequences: number): { compared: number; changed: number; differ: string[] } {
  let compared = 0;
  let changed = 0;
  const differ: string[] = [];
  for (let seed = 1; seed <= sequences; seed++) {
    const pick = generator(seed);
    const form = rememberingTextbook();
    const pool: Expr[] = [A, B, S, rawDiagm(x), rawMul([x, rawTranspose(y)])];
    for (let k = 0; k < 8; k++) {
      const e = matrix(pick, 2 + pick(3), pool);
      // A vector end now and then (J·x, xᵀJ), as a total of a vector by a scalar is.
      const asked = pick(6) === 0 ? rawMul([rawTranspose(x), e]) : pick(6) === 0 ? rawMul([e, y]) : e;
      const expected = textbook(asked);
      const got = form(asked);
      compared++;
      if (expected !== asked) changed++;
      if (got !== expected && differ.length < 3) differ.push(`seed ${seed}, call ${k}: ${toText(asked)} gives ${toText(got)}, not ${toText(expected)}`);
      // The next expressions hold this one's result (as a total holds its arguments') and its raw tree.
      if (expected.shape.rows === 'n' && expected.shape.cols === 'n') pool.push(expected);
      pool.push(e);
    }
  }
  return { compared, changed, differ };
}

if (require.main === module) process.stdout.write(JSON.stringify(compare(Number(process.argv[2]))));
