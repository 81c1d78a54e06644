/**
 * The deterministic part of the benchmark's scaling families (bench/families.ts): the sizes of the
 * results — never their times, which `npm run bench` reports — and how they grow. The sizes are
 * those of the result as presented (layout applied, factored, tidied): `Expr.size` counts the nodes
 * of the written-out tree, distinct nodes count the DAG the core stores.
 */
import * as assert from 'node:assert/strict';
import { FAMILIES, MLP_TEXT_MAX_LAYERS, chainRequest, mlpExpr, mlpRequest, sumRequest, vectorRequest } from '../../../bench/families';
import { fitExponent } from '../../../bench/growth';
import type { DeriveRequest } from '../../../src/core/api';
import { differentiate } from '../../../src/core/calculus/derive';
import { postorder, type Expr } from '../../../src/core/model/expr';
import { readExpression } from '../../../src/core/read';
import { present } from '../../../src/core/service';

interface Sizes {
  readonly tree: number;
  readonly dag: number;
}

function read(req: DeriveRequest): { f: Expr; wrt: Expr[] } {
  const r = readExpression(req.expr, req.where, 'auto');
  if (!r.ok) assert.fail(`${req.expr.slice(0, 80)}: ${r.error.message}`);
  const wrt = (req.wrt ?? []).map((name) => {
    const v = r.value.variables.find((x) => x.name === name);
    assert.ok(v, `${name} is not a variable of ${req.expr.slice(0, 80)}`);
    return v;
  });
  return { f: r.value.expr, wrt };
}

function sizesOf(f: Expr, wrt: readonly Expr[], layout: DeriveRequest['layout']): Sizes {
  const shown = present(differentiate(f, wrt, 1), layout ?? 'numerator');
  return { tree: shown.size, dag: postorder(shown).length };
}

const sizes = (req: DeriveRequest): Sizes => {
  const { f, wrt } = read(req);
  return sizesOf(f, wrt, req.layout);
};

function mlpSizes(layers: number): Sizes {
  const { f, w1 } = mlpExpr(layers);
  return sizesOf(f, [w1], 'mixed');
}

const exponent = (ns: readonly number[], ys: readonly number[]): number => fitExponent(ns.map((n, i) => [n, ys[i]] as const)).exponent;

describe('benchmark scaling families: result sizes and their growth', () => {
  it('every family request reads and differentiates at its smallest and a middle size', () => {
    for (const family of FAMILIES) {
      for (const size of [family.sizes[0], family.sizes[Math.floor(family.sizes.length / 2)]]) {
        const s = sizes(family.request(size));
        assert.ok(s.tree > 0 && s.dag > 0 && s.dag <= s.tree, `${family.name}(${size})`);
      }
    }
  });

  it('the MLP built in the model is the very expression the reader builds from the text', () => {
    for (const layers of [1, 2, 5, 16]) {
      const { f, wrt } = read(mlpRequest(layers));
      const built = mlpExpr(layers);
      assert.equal(built.f, f, `L = ${layers}`);
      assert.deepEqual(wrt, [built.w1]);
    }
  });

  it('the reader accepts the MLP up to MLP_TEXT_MAX_LAYERS layers and refuses longer ones (limit.size)', () => {
    const deepest = mlpRequest(MLP_TEXT_MAX_LAYERS);
    assert.equal(readExpression(deepest.expr, deepest.where, 'auto').ok, true);
    const deeper = mlpRequest(MLP_TEXT_MAX_LAYERS + 1);
    const r = readExpression(deeper.expr, deeper.where, 'auto');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.code, 'limit.size');
  });

  it('a 256-layer MLP reads through the plain reader as the very node mlpExpr builds (issue 17)', () => {
    const { f, wrt } = read(mlpRequest(256));
    const built = mlpExpr(256);
    assert.equal(built.f, f);
    assert.deepEqual(wrt, [built.w1]);
  });

  it('MLP: the stored result (DAG) grows linearly in the depth, up to 256 layers', () => {
    const ls = [32, 64, 128, 256];
    const dag = ls.map((l) => mlpSizes(l).dag);
    for (let i = 1; i < ls.length; i++) assert.ok(dag[i] / dag[i - 1] <= 2.2, `DAG ${dag[i - 1]} → ${dag[i]} (L = ${ls[i]})`);
    assert.ok(exponent(ls, dag) <= 1.1, `DAG growth exponent ${exponent(ls, dag)}`);
  });

  it('MLP: the result as a tree grows no faster than L², since every activation h_k occurs where it is used', () => {
    // The tree (Expr.size) is quadratic; what is written is linear, since past a few layers the
    // writers use the binding form (present/bindings.ts; test/unit/bench/output.test.ts).
    const ls = [16, 32, 64];
    const tree = ls.map((l) => mlpSizes(l).tree);
    assert.ok(exponent(ls, tree) <= 2.05, `tree growth exponent ${exponent(ls, tree)}`);
    for (let i = 1; i < ls.length; i++) assert.ok(tree[i] / tree[i - 1] <= 4.2, `tree ${tree[i - 1]} → ${tree[i]} (L = ${ls[i]})`);
  });

  it('sum of K terms: the result grows linearly in K (tree and DAG), up to 512 terms', () => {
    const ks = [64, 128, 256, 512];
    const s = ks.map((k) => sizes(sumRequest(k)));
    for (let i = 1; i < ks.length; i++) assert.ok(s[i].tree / s[i - 1].tree <= 2.2, `tree ${s[i - 1].tree} → ${s[i].tree} (K = ${ks[i]})`);
    assert.ok(exponent(ks, s.map((x) => x.tree)) <= 1.1);
    assert.ok(exponent(ks, s.map((x) => x.dag)) <= 1.1);
  });

  it('chain of K matrix products: the gradient in one factor grows linearly in K, up to 256 factors', () => {
    const ks = [32, 64, 128, 256];
    const s = ks.map((k) => sizes(chainRequest(k)));
    for (let i = 1; i < ks.length; i++) assert.ok(s[i].tree / s[i - 1].tree <= 2.2, `tree ${s[i - 1].tree} → ${s[i].tree} (K = ${ks[i]})`);
    assert.ok(exponent(ks, s.map((x) => x.tree)) <= 1.1);
  });

  it('component-wise vector function of M components: the M×3 Jacobian grows linearly in M, up to 200', () => {
    const ms = [25, 50, 100, 200];
    const s = ms.map((m) => sizes(vectorRequest(m)));
    for (let i = 1; i < ms.length; i++) assert.ok(s[i].tree / s[i - 1].tree <= 2.2, `tree ${s[i - 1].tree} → ${s[i].tree} (M = ${ms[i]})`);
    assert.ok(exponent(ms, s.map((x) => x.tree)) <= 1.1);
    assert.ok(exponent(ms, s.map((x) => x.dag)) <= 1.1);
  });
});
