/**
 * Shared checks for derivations: every claim of every step holds numerically, the last step
 * reaches exactly the result derive() presents, no simplification step shows no change, and every
 * LaTeX string renders in KaTeX.
 */
import * as assert from 'node:assert/strict';
import katex from 'katex';
import type { DerivationStep, Granularity, Layout } from '../../../src/core/api';
import { differentiate } from '../../../src/core/calculus/derive';
import type { Expr } from '../../../src/core/model/expr';
import { present } from '../../../src/core/service';
import { readPlain } from '../../../src/core/syntax/index';
import { derivationOf, toDerivationSteps, verifyStep, type Step } from '../../../src/core/derivation/index';

export interface Case {
  readonly expr: string;
  readonly where?: string;
  readonly wrt: readonly string[];
  readonly order?: 1 | 2;
  readonly layout?: Layout;
  /** Matrix derivatives by differentials (default) or the reverse-mode "backprop view". */
  readonly method?: 'differential' | 'backprop';
}

export interface Derived {
  readonly f: Expr;
  readonly wrt: readonly Expr[];
  readonly steps: Step[];
  readonly pub: DerivationStep[];
  /** The result derive() returns, as an expression. */
  readonly result: Expr;
}

export function derivation(c: Case, granularity: Granularity): Derived {
  const read = readPlain(c.expr, c.where);
  assert.ok(read.ok, read.ok ? '' : read.error.message);
  const { expr: f, variables } = read.value;
  const wrt = c.wrt.map((name) => {
    const v = variables.find((x) => x.name === name);
    assert.ok(v, `no variable ${name}`);
    return v;
  });
  const layout = c.layout ?? 'numerator';
  const order = c.order ?? 1;
  const steps = derivationOf(f, wrt, order, layout, granularity, { present, ...(c.method ? { method: c.method } : {}) });
  const result = present(differentiate(f, wrt, order), layout);
  return { f, wrt, steps, pub: toDerivationSteps(steps), result };
}

export function assertRenders(tex: string, where: string): void {
  assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), `KaTeX rejects ${where}: ${tex}`);
}

/** Every claim true at random points, the last value the presented result, all LaTeX renderable. */
export function assertSound(d: Derived, label: string): void {
  assert.ok(d.steps.length > 0, `${label}: no steps`);
  d.steps.forEach((s, i) => {
    assert.ok(s.claims.length > 0, `${label}: step ${i + 1} (${s.rule}) claims nothing`);
    for (const r of verifyStep(s)) {
      assert.ok(r.passed, `${label}: step ${i + 1} (${s.rule}, ${r.claim.kind}) fails: max relative error ${r.maxRelError}${r.detail ? `, ${r.detail}` : ''}`);
    }
  });
  const last = d.steps[d.steps.length - 1];
  assert.equal(last.value, d.result, `${label}: the last step does not reach the presented result`);
  d.pub.forEach((p, i) => {
    assert.ok(p.name.length > 0 && p.explanation.length > 0, `${label}: step ${i + 1} lacks a name or explanation`);
    if (p.rule === 'simplify' || p.rule === 'multiply-out') assert.notEqual(p.before, p.after, `${label}: step ${i + 1} (${p.rule}) shows no change`);
    assertRenders(p.before, `${label} step ${i + 1} before`);
    assertRenders(p.after, `${label} step ${i + 1} after`);
    if (p.focus !== undefined) assertRenders(p.focus, `${label} step ${i + 1} focus`);
  });
}

/** The step with a rule (the first, or the n-th). */
export function stepWith(d: Derived, rule: string, n = 0): { s: Step; p: DerivationStep } {
  const k = d.steps.map((s, i) => (s.rule === rule ? i : -1)).filter((i) => i >= 0)[n];
  assert.ok(k !== undefined, `no step ${rule} in ${d.steps.map((s) => s.rule).join(', ')}`);
  return { s: d.steps[k], p: d.pub[k] };
}

export const rules = (d: Derived): string[] => d.steps.map((s) => s.rule);
