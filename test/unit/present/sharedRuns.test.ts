/**
 * present/sharedRuns.ts: before the binding form names its nodes, products that share a start or an end of
 * three factors or more hold it as one product node (issue 17: a Hessian through a deep chain wrote each
 * layer's Jacobian out again in every longer product). Only associativity: on random sums of matrix and
 * Hadamard products sharing starts and ends (numbers and scalars in front, inverses, transposes, powers,
 * diagonals of products, rows and columns at the ends, 1×1 runs), the nested expression written flat again
 * is the expression written flat, it has the same value, no 1×1 run is made a node, and each binding form
 * reads back to the same value.
 */
import * as assert from 'node:assert/strict';
import { type Expr, postorder, rawHadamard, rawMul, rawTranspose, variable, withArgs } from '../../../src/core/model/expr';
import { isScalar, shape } from '../../../src/core/model/shape';
import { nestSharedRuns } from '../../../src/core/present/sharedRuns';
import { bindShared, writeBoundForm } from '../../../src/core/present/bindings';
import { add, diagm, fn, hadamard, mul, num } from '../../../src/core/simplify/build';
import { flattensInto } from '../../../src/core/simplify/product';
import { compareNumerically } from '../../../src/core/numeric/index';
import { readExpression } from '../../../src/core/read';
import { generator } from '../seeded';
import { SQUARE, x, y } from './matrixChains';

const a = variable('a', shape(1, 1));
const WHERE = 'A, B, C: matrix(n, n); S: matrix(n, n) symmetric; x, y: vector(n); a: scalar';

/** Every product holding a product of its kind (written flat into it) written flat, bottom-up. */
function flat(e: Expr): Expr {
  const done = new Map<Expr, Expr>();
  for (const n of postorder(e)) {
    const args = n.args.map((c) => done.get(c) as Expr);
    if (n.op === 'mul' && args.some(flattensInto)) done.set(n, rawMul(args.flatMap((c) => (flattensInto(c) ? c.args : [c]))));
    else if (n.op === 'hadamard' && args.some((c) => c.op === 'hadamard')) done.set(n, rawHadamard(args.flatMap((c) => (c.op === 'hadamard' ? c.args : [c]))));
    else done.set(n, withArgs(n, args));
  }
  return done.get(e) as Expr;
}

const VECTORS: readonly Expr[] = [x, y, fn('tanh', x), fn('exp', y), fn('cos', x), fn('tanh', y), fn('tanh', mul(SQUARE[0], x)), fn('sin', mul(SQUARE[1], y)), fn('exp', mul(SQUARE[2], x)), hadamard(x, y)];

/**
 * A random sum of Hadamard products of vectors sharing a start or an end of one run (leaving one factor out,
 * as the gated chain's), or of matrix products, most starting with a prefix of one chain (2–7 factors) or
 * ending with a suffix of another, some inside diagonals.
 */
function randomSum(pick: (k: number) => number): Expr {
  if (pick(3) === 0) {
    const pool = [...VECTORS];
    const run = Array.from({ length: 4 + pick(5) }, () => pool.splice(pick(pool.length), 1)[0]);
    // Each term the whole run but for one factor (or two, or none).
    return add(...Array.from({ length: 2 + pick(5) }, () => hadamard(...run.filter((_, i) => i !== pick(run.length) || pick(4) === 0))));
  }
  const factor = (): Expr => SQUARE[pick(SQUARE.length)];
  const base = Array.from({ length: 2 + pick(6) }, factor);
  const tail = Array.from({ length: 2 + pick(5) }, factor);
  const ends = pick(3); // 0: n×n terms, 1: columns (…x), 2: rows (yᵀ…)
  const term = (): Expr => {
    const own = pick(5) === 0 ? [factor(), factor()] : base.slice(0, 1 + pick(base.length));
    const chain = [...own, ...Array.from({ length: pick(3) }, factor), ...(pick(2) === 0 ? tail.slice(pick(tail.length)) : [])];
    if (pick(4) === 0) chain.splice(pick(chain.length), 0, diagm(fn('tanh', mul(...base.slice(0, 1 + pick(base.length)), x))));
    const scalars = pick(3) === 0 ? [num(pick(2) === 0 ? -2 : 3)] : pick(5) === 0 ? [a] : [];
    const ended = ends === 1 ? [...chain, x] : ends === 2 ? [rawTranspose(y), ...chain] : chain;
    return mul(...scalars, ...ended);
  };
  return add(...Array.from({ length: 2 + pick(5) }, term));
}

describe('present: products that share a start or an end hold it as one node (sharedRuns)', () => {
  it('only by associativity, no 1×1 run, the same value, and the binding form reads back (500 random sums)', () => {
    let nested = 0;
    let readBack = 0;
    let hadamardRuns = 0;
    let ends = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const pick = generator(91_000 + seed);
      const e = randomSum(pick);
      const n = nestSharedRuns(e);
      assert.equal(flat(n), flat(e), `seed ${seed}: written flat again, another expression`);
      if (n === e) continue;
      nested++;
      const made = postorder(n);
      if (made.some((p) => p.op === 'hadamard' && p.args.some((f) => f.op === 'hadamard' && !postorder(e).includes(f)))) hadamardRuns++;
      if (made.some((p) => p.op === 'mul' && p.args[p.args.length - 1].op === 'mul')) ends++;
      for (const p of made) {
        if (p.op !== 'mul') continue;
        for (const f of p.args) assert.ok(!(f.op === 'mul' && isScalar(f.shape) && f.args.some((g) => !isScalar(g.shape))), `seed ${seed}: a 1×1 run made a node`);
      }
      if (seed % 3 !== 0) continue;
      const report = compareNumerically(n, e, [], { samples: 2 });
      assert.ok(report.equal, `seed ${seed}: another value (${report.maxRelError})`);
      const b = bindShared(e);
      for (const [notation, from] of [['text', 'plain'], ['unicode', 'unicode'], ['latex', 'latex']] as const) {
        const written = writeBoundForm(b, notation);
        const back = readExpression(written, WHERE, from);
        assert.ok(back.ok, back.ok ? '' : `seed ${seed}, ${notation}: ${written}: ${back.error.message}`);
        const same = compareNumerically(e, back.value.expr, back.value.variables, { samples: 2 });
        assert.ok(same.equal, `seed ${seed}, ${notation}: ${written} (${same.maxRelError})`);
        readBack++;
      }
    }
    assert.ok(nested >= 200 && readBack >= 150 && hadamardRuns >= 30 && ends >= 60, `${nested} of 500 sums nested (${hadamardRuns} with a Hadamard run, ${ends} with a shared end), ${readBack} binding forms read back`);
  });
});
