/**
 * hadamard() on a deep chain of products of the factors its rules watch (exp, relu, sign, |·|;
 * simplify/hadamard.ts): a product holding one was never kept whole, so h_k = exp(W h_(k−1)) ⊙ h_(k−1)
 * was the flat product of every level's exp at each level, and so was the forward differential of
 * exp(…exp(x)…), d_k = exp(u_(k−1)) ⊙ d_(k−1): quadratic in the depth (33,152 / 128,640 / 507,520
 * checkpoints at 250 / 500 / 1,000 levels of the first, docs/reliability.md). Work in budget checkpoints
 * (deterministic), never time: it grows with a log-log slope ≤ 1.1. And the rules still fire where a
 * watched factor, at any depth of a kept product, meets its partner beside it (sign(u) ⊙ |u| = u, relu(u)
 * ⊙ 𝟙[u > 0] = relu(u), exp(u) ⊙ (exp(u) + 1)∘⁻¹ = σ(u)), each checked numerically; short chains'
 * derivatives are checked against finite differences.
 */
import * as assert from 'node:assert/strict';
import { fitExponent } from '../../../bench/growth';
import { derive } from '../../../src/core/index';
import { type Expr, num, ones, rawHadamard, variable } from '../../../src/core/model/expr';
import { shape } from '../../../src/core/model/shape';
import { exprsEqualNumerically } from '../../../src/core/numeric/index';
import { add, fn, hadamard, mul, pow } from '../../../src/core/simplify/build';
import { counted } from '../checkpoints';

const SIZES = [250, 500, 1_000] as const;

/** Checkpoints passed building `build`. */
const work = (build: () => Expr): number => counted(build).work;

let fresh = 0;
const vars = (): { W: Expr; V: Expr; x: Expr } => {
  fresh++;
  return { W: variable(`Ww${fresh}`, shape('n', 'n')), V: variable(`Vw${fresh}`, shape('n', 'n')), x: variable(`xw${fresh}`, shape('n', 1)) };
};

/** h_k = gate(W h_(k−1)) ⊙ h_(k−1). */
const gated = (...gates: string[]) => (n: number): Expr => {
  const { W, V, x } = vars();
  let h = x;
  for (let k = 0; k < n; k++) h = hadamard(...gates.map((g, i) => fn(g as 'exp', mul(i === 0 ? W : V, h))), h);
  return h;
};

const CHAINS: readonly (readonly [string, (n: number) => Expr])[] = [
  ['h = exp(W h) ⊙ h', gated('exp')],
  ['h = relu(W h) ⊙ h', gated('relu')],
  ['h = |W h| ⊙ sign(V h) ⊙ h', gated('abs', 'sign')],
  ['d = exp(u) ⊙ d, u = exp(u) (the forward differential of exp(…exp(x)…))', (n) => {
    const { x } = vars();
    let u = x;
    let d = variable(`d${x.name as string}`, shape('n', 1));
    for (let k = 0; k < n; k++) {
      d = hadamard(fn('exp', u), d);
      u = fn('exp', u);
    }
    return d;
  }],
];

/** hadamard(...factors), checked equal to their raw product at random points. */
function sound(...factors: Expr[]): Expr {
  const e = hadamard(...factors);
  assert.ok(exprsEqualNumerically(rawHadamard(factors), e), 'hadamard() changed the value');
  return e;
}

/** Every factor of e, through nested Hadamard products. */
function leaves(e: Expr): Expr[] {
  return e.op === 'hadamard' ? e.args.flatMap(leaves) : [e];
}

describe('hadamard(): a deep chain of products of exp, relu, sign or |·| is built in linear work', function () {
  this.timeout(120_000);

  for (const [name, chain] of CHAINS) {
    it(`${name}: checkpoints at ${SIZES.join(' / ')} levels grow with a log-log slope ≤ 1.1`, () => {
      const ys = SIZES.map((n) => work(() => chain(n)));
      const slope = fitExponent(SIZES.map((n, i) => [n, ys[i]] as const)).exponent;
      assert.ok(slope <= 1.1, `log-log slope ${slope.toFixed(3)} (${ys.join(', ')} at ${SIZES.join(', ')} levels)`);
    });
  }

  it('a watched factor at any depth of a kept product meets its partner beside it: the rule fires (checked numerically)', () => {
    const { W, x } = vars();
    const t = (k: number): Expr => fn('tanh', mul(W, mul(num(k), x)));
    const u = mul(W, x);
    // Two levels deep: kept inside kept.
    const deep = (g: Expr): Expr => {
      const inner = hadamard(t(1), t(2), g);
      const outer = hadamard(t(3), t(4), inner);
      assert.equal(outer.op, 'hadamard');
      assert.ok(outer.args.includes(inner), 'the inner product is kept whole');
      return outer;
    };
    // sign(u) ⊙ |u| = u, sign(u) ⊙ |u|∘⁻¹ = u∘⁻¹, either side deep.
    assert.ok(leaves(sound(deep(fn('sign', u)), fn('abs', u))).includes(u), 'sign deep, |u| beside');
    assert.ok(leaves(sound(fn('sign', u), deep(fn('abs', u)))).includes(u), '|u| deep, sign beside');
    assert.ok(leaves(sound(deep(fn('sign', u)), pow(fn('abs', u), num(-1)))).includes(pow(u, num(-1))), 'sign deep, |u|∘⁻¹ beside');
    // Both in kept products side by side.
    const other = hadamard(t(5), t(6), fn('abs', u));
    const both = leaves(sound(deep(fn('sign', u)), other));
    assert.ok(both.includes(u) && !both.some((g) => g.op === 'fn' && (g.name === 'sign' || g.name === 'abs')), 'sign and |u| in two kept products');
    // relu(u) ⊙ 𝟙[u > 0] = relu(u), also √relu(u).
    const step = fn('step', u);
    assert.ok(!leaves(sound(deep(fn('relu', u)), step)).includes(step), 'relu deep, its step beside: dropped');
    assert.ok(!leaves(sound(step, deep(fn('sqrt', fn('relu', u))))).includes(step), '√relu deep, its step beside: dropped');
    assert.ok(leaves(sound(deep(fn('relu', u)), fn('step', x))).includes(fn('step', x)), 'a step of another argument stays');
    // exp(u) ⊙ (exp(u) + 1)∘⁻¹ = σ(u).
    const e = fn('exp', u);
    assert.ok(leaves(sound(deep(e), pow(add(e, ones(shape('n', 1))), num(-1)))).includes(fn('sigmoid', u)), 'exp deep, (exp + 1)∘⁻¹ beside: σ');
    // The same factor again: its powers merged.
    assert.ok(leaves(sound(deep(e), e)).includes(pow(e, num(2))), 'exp deep, exp beside: exp∘²');
    // No partner: the product stays whole.
    const apart = deep(fn('relu', u));
    assert.ok(sound(apart, fn('exp', x), fn('sign', x)).args.includes(apart), 'kept beside factors that are no partners');
  });

  it('short gated chains (exp, relu, |·| ⊙ sign) are checked against finite differences', () => {
    for (const gate of ['np.exp(W @ h)', 'np.maximum(W @ h, 0)', 'np.abs(W @ h) * np.sign(V @ h)']) {
      for (const n of [1, 2, 3, 5]) {
        const expr = ['def f(x):', '    h = x', ...Array.from({ length: n }, () => `    h = ${gate} * h`), '    return np.sum(h)'].join('\n');
        const r = derive({ expr, where: 'W: matrix(n, n); V: matrix(n, n); x: vector(n)', wrt: ['x'], from: 'numpy', check: true, timeLimitMs: 60_000 });
        assert.ok(r.ok, r.ok ? '' : `${gate}, ${n} steps: ${r.error.code} ${r.error.message}`);
        assert.equal(r.value.check?.passed, true, `${gate}, ${n} steps: ${JSON.stringify(r.value.check)}`);
      }
    }
  });
});
