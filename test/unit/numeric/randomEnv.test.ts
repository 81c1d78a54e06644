import * as assert from 'node:assert/strict';
import {
  entry, rawAdd, rawFn, rawInv, rawMul, rawPow, rawReduce, rawTranspose, num, unit, variable, Expr,
} from '../../../src/core/model/expr';
import { shape, SCALAR } from '../../../src/core/model/shape';
import {
  makeRng, randomEnv, evaluate, isAllFinite, NumericEnv, positiveDomainVariables,
} from '../../../src/core/numeric/index';

const A = variable('A', shape('m', 'n'));
const x = variable('x', shape('n', 1));
const S = variable('S', shape('n', 'n'), true);

function envOf(vars: Expr[], root: Expr | Expr[], seed = 1, opts = {}): NumericEnv {
  const r = randomEnv(vars, root, makeRng(seed), opts);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('numeric/makeRng', () => {
  it('is reproducible and seed-dependent', () => {
    const a = makeRng(42);
    const b = makeRng(42);
    const c = makeRng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(seqA, Array.from({ length: 5 }, () => b.next()));
    assert.notDeepEqual(seqA, Array.from({ length: 5 }, () => c.next()));
    assert.ok(seqA.every((u) => u >= 0 && u < 1));
  });

  it('int is inclusive on both ends and uniform-ish; normal has mean 0 and variance 1', () => {
    const r = makeRng(7);
    const counts = [0, 0, 0];
    for (let k = 0; k < 3000; k++) counts[r.int(2, 4) - 2]++;
    assert.ok(counts.every((c) => c > 850 && c < 1150), `${counts}`);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let k = 0; k < n; k++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    assert.ok(Math.abs(s / n) < 0.05 && Math.abs(s2 / n - 1) < 0.05);
  });
});

describe('numeric/randomEnv: dimensions', () => {
  it('gives each symbol one size in 2..4, used consistently', () => {
    for (let seed = 0; seed < 20; seed++) {
      const env = envOf([x], rawMul([A, x]), seed);
      const m = env.dims.get('m') as number;
      const n = env.dims.get('n') as number;
      assert.ok(m >= 2 && m <= 4 && n >= 2 && n <= 4);
      assert.equal(env.values.get('A')?.rows, m);
      assert.equal(env.values.get('A')?.columns, n);
      assert.equal(env.values.get('x')?.rows, n);
      assert.equal(env.values.get('x')?.columns, 1);
    }
  });

  it('keeps numeric dimensions, derives products from their parts, honours fixed sizes', () => {
    const y = variable('y', shape(3, 1));
    const v = variable('v', shape('m·n', 1));
    const env = envOf([], rawAdd([rawMul([rawTranspose(y), y]), rawMul([rawTranspose(v), v])]), 3, { dims: new Map([['m', 7]]) });
    assert.equal(env.values.get('y')?.rows, 3);
    assert.equal(env.dims.get('m'), 7);
    assert.equal(env.values.get('v')?.rows, 7 * (env.dims.get('n') as number));
  });

  it('gives variables only in `vars` values too', () => {
    const env = envOf([x], rawReduce('sum', A));
    assert.equal(env.values.get('x')?.rows, env.dims.get('n'));
  });

  it('makes dimensions large enough for entry and unit indices', () => {
    for (let seed = 0; seed < 20; seed++) {
      const env = envOf([], rawAdd([entry(A, 4, 1), rawMul([rawTranspose(unit('n', 5)), x])]), seed);
      assert.ok((env.dims.get('m') as number) >= 4);
      assert.ok((env.dims.get('n') as number) >= 5);
      assert.ok(isAllFinite(evaluate(entry(A, 4, 1), env)));
    }
  });
});

describe('numeric/randomEnv: values', () => {
  it('draws entries uniform in [−2, 2] by default, symmetric matrices symmetric', () => {
    const env = envOf([], rawAdd([rawMul([rawTranspose(x), S, x]), rawReduce('sum', A)]), 5);
    const all = [...env.values.values()].flatMap((m) => m.to1DArray());
    assert.ok(all.every((v) => v >= -2 && v <= 2));
    assert.ok(new Set(all).size > all.length / 2, 'not constant');
    const s = env.values.get('S');
    assert.ok(s?.isSymmetric());
  });

  it('normal values when asked', () => {
    const env = envOf([], rawReduce('sum', A), 5, { distribution: 'normal', dims: new Map([['m', 30], ['n', 30]]) });
    const all = env.values.get('A')?.to1DArray() ?? [];
    assert.ok(all.some((v) => Math.abs(v) > 2), 'a standard normal exceeds 2 in 900 draws');
  });

  it('is reproducible with a seed', () => {
    const f = rawMul([rawTranspose(x), S, x]);
    const a = envOf([x], f, 9);
    const b = envOf([x], f, 9);
    const c = envOf([x], f, 10);
    assert.deepEqual([...a.dims], [...b.dims]);
    assert.deepEqual(a.values.get('S')?.to2DArray(), b.values.get('S')?.to2DArray());
    assert.notDeepEqual(a.values.get('x')?.to2DArray(), c.values.get('x')?.to2DArray());
  });
});

describe('numeric/randomEnv: function domains', () => {
  it('samples variables that feed log, sqrt or a fractional power directly in [0.5, 2]', () => {
    const y = variable('y', shape('n', 1));
    const z = variable('z', shape('n', 1));
    const f = rawAdd([rawReduce('sum', rawFn('log', x)), rawReduce('sum', rawFn('sqrt', rawTranspose(y))), rawReduce('sum', rawPow(z, num(1.5)))]);
    assert.deepEqual([...positiveDomainVariables([f])].sort(), ['x', 'y', 'z']);
    for (let seed = 0; seed < 10; seed++) {
      const env = envOf([], f, seed);
      for (const name of ['x', 'y', 'z']) assert.ok(env.values.get(name)?.to1DArray().every((v) => v >= 0.5 && v <= 2));
    }
    assert.deepEqual([...positiveDomainVariables([rawPow(x, num(2))])], [], 'integer powers need no sign');
  });

  it('samples variables that feed acosh directly above 1 (its domain), on every try', () => {
    // acosh(x) is real only for x ≥ 1 and its derivative 1/√(x² − 1) finite only for x > 1: a
    // vector of 5 entries drawn in [0.5, 2] would all lie above 1 one time in eight.
    const f = rawReduce('sum', rawFn('acosh', x));
    for (let seed = 0; seed < 10; seed++) {
      const env = envOf([], f, seed, { dims: new Map([['n', 5]]) });
      assert.ok(env.values.get('x')?.to1DArray().every((v) => v >= 1.1 && v <= 3), `seed ${seed}`);
    }
  });

  it('resamples until every subexpression is finite', () => {
    // log(sum(x)) is not fed directly: half of the random points are outside the domain.
    const f = rawFn('log', rawReduce('sum', x));
    for (let seed = 0; seed < 20; seed++) {
      const env = envOf([], f, seed);
      assert.ok((env.values.get('x')?.sum() as number) > 0);
      assert.ok(isAllFinite(evaluate(f, env)));
    }
  });

  it('finds points where several roots are all finite', () => {
    const a = variable('a', SCALAR);
    const f = rawFn('log', a);
    const g = rawFn('sqrt', rawAdd([num(1), rawMul([num(-1), a])]));
    for (let seed = 0; seed < 10; seed++) {
      const env = envOf([], [f, g], seed);
      const av = env.values.get('a')?.get(0, 0) as number;
      assert.ok(av > 0 && av <= 1, `a = ${av}`);
    }
  });

  it('prefers points without huge intermediate values', () => {
    const f = rawFn('exp', rawFn('exp', rawMul([num(3), rawReduce('sum', x)])));
    for (let seed = 0; seed < 5; seed++) {
      assert.ok(evaluate(f, envOf([], f, seed)).get(0, 0) <= 1e8);
    }
  });

  it('gives up with a diagnostic, not a throw, when no point is in the domain', () => {
    const f = rawFn('log', rawMul([num(-1), rawFn('exp', x)]));
    const r = randomEnv([], f, makeRng(1), { maxTries: 10 });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.code, 'numeric.no-valid-point');
  });

  it('rejects singular matrices under inv', () => {
    const Z = variable('Z', shape(2, 2));
    // inv(Z − Z): always singular.
    const f = rawInv(rawAdd([Z, rawMul([num(-1), Z])]));
    assert.equal(randomEnv([], f, makeRng(1), { maxTries: 5 }).ok, false);
  });
});
