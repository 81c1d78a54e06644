/**
 * Every piece a derivation step prints is written for a reader given the request's declarations, as
 * the answer is (issue 17: everything printed reads back). With a name declared that juxtaposed
 * letters of a step would spell — Wx beside W and x, used or not — the step's fractions, factors and
 * sentences set the product apart (∂(W·x)/∂x, (A·x)ᵀ, d(x·y)/dx), so that no piece reads back as the
 * declared name. Checked in every printed form of every step: the LaTeX before, after and focus, the
 * Unicode after, the explanation, the name, the shapes' and the product's names, at both
 * granularities and in two layouts; every expression a step prints whole (the focus, the top of
 * every fraction) read back with the declarations names none of them, and the Unicode and LaTeX
 * tops of a fraction read alike; every step's claims hold numerically.
 */
import * as assert from 'node:assert/strict';
import type { DerivationStep, Granularity, Layout } from '../../../src/core/api';
import { derive } from '../../../src/core/index';
import type { Expr } from '../../../src/core/model/expr';
import { readExpression } from '../../../src/core/read';
import { toText } from '../../../src/core/write';
import { assertSound, derivation } from './helpers';

interface Case {
  readonly expr: string;
  readonly where: string;
  readonly wrt: readonly string[];
  readonly order?: 1 | 2;
  /** Declared names that letters of the steps would spell, not used by the expression. */
  readonly unused: readonly string[];
}

const WX = 'W: matrix(m,n); x: vector(n); Wx: vector(m)';
const CASES: readonly Case[] = [
  { expr: 'W*x', where: WX, wrt: ['x'], unused: ['Wx'] },
  { expr: "x'*A*x", where: 'x: vector(n); A: matrix(n,n); Ax: vector(n)', wrt: ['x'], unused: ['Ax'] },
  { expr: "x'*A*x", where: 'x: vector(n); A: matrix(n,n); Ax: vector(n)', wrt: ['x'], order: 2, unused: ['Ax'] },
  { expr: 'x*y', where: 'x: scalar; y: scalar; xy: scalar', wrt: ['x'], unused: ['xy'] },
  { expr: 'x*y', where: 'x: scalar; y: scalar; xy: scalar', wrt: ['x', 'y'], unused: ['xy'] },
  { expr: 'x*sin(x*y)', where: 'x: scalar; y: scalar; xy: scalar', wrt: ['x'], unused: ['xy'] },
  { expr: 'sin(W*x)', where: WX, wrt: ['x'], unused: ['Wx'] },
  { expr: 'sin(W*x)', where: WX, wrt: ['W'], unused: ['Wx'] },
  { expr: 'sum(sin(W*x))', where: WX, wrt: ['W'], unused: ['Wx'] },
  { expr: 'sum(tanh(W*x))', where: WX, wrt: ['x'], order: 2, unused: ['Wx'] },
  { expr: 'W1*(2*x)', where: 'W1: matrix(n,n); x: vector(n); W12: matrix(n,n); W1x: vector(n)', wrt: ['x'], unused: ['W12', 'W1x'] },
  // A contraction's sentence writes its operands' entries: (W·V)ᵢⱼ, not (WV)ᵢⱼ.
  {
    expr: 'einsum("ij,ik,il,jk,jl,kl,i->", W*V, B, C, D, E, F, x)',
    where: 'x: vector(n); W: matrix(n,n); V: matrix(n,n); B: matrix(n,n); C: matrix(n,n); D: matrix(n,n); E: matrix(n,n); F: matrix(n,n); WV: matrix(n,n)',
    wrt: ['x'],
    unused: ['WV'],
  },
  // Used: the expression's own Wx, beside the product W·x.
  { expr: 'sin(W*x) + Wx', where: WX, wrt: ['x'], unused: [] },
  { expr: "(W*x)'*Wx", where: WX, wrt: ['W'], unused: [] },
];

const label = (c: Case, layout: Layout, g: Granularity): string => `${c.expr} by ${c.wrt.join(',')}${c.order === 2 ? ' (order 2)' : ''} with ${c.where}, ${layout}, ${g}`;

/** The Unicode strings a step prints. */
function unicodeOf(s: DerivationStep): string[] {
  return [
    s.name,
    s.explanation,
    s.afterText ?? '',
    ...Object.keys(s.shapes ?? {}),
    ...(s.product ? [...s.product.factors.map((f) => f.name), s.product.result.name] : []),
  ];
}

/** The tops of the fractions with an expression on top, in order: ∂(E)/∂x, d(E)/dx, ∂vec(E)/… in Unicode text; \partial \left(E\right) in LaTeX. */
function unicodeTops(t: string): string[] {
  const out: string[] = [];
  for (const m of t.matchAll(/(?:∂|∂vec|(?<![\p{L}\p{N}])d)\(/gu)) {
    const start = (m.index ?? 0) + m[0].length;
    const top = balanced(t, start, '(', ')');
    if (t[start + top.length + 1] === '/') out.push(top);
  }
  return out;
}

function latexTops(t: string): string[] {
  return [...t.matchAll(/\\frac\{(?:\\partial|d) (?:\\operatorname\{vec\} )?\\left\(/g)].map((m) => balanced(t, (m.index ?? 0) + m[0].length, '\\left(', '\\right)'));
}

/** The text from `start` to the closing bracket that balances the opening one before it. */
function balanced(t: string, start: number, open: string, close: string): string {
  let depth = 1;
  for (let k = start; k < t.length; k++) {
    if (t.startsWith(open, k)) depth++;
    else if (t.startsWith(close, k) && --depth === 0) return t.slice(start, k);
  }
  return assert.fail(`unbalanced ${open} in ${t}`);
}

function derived(c: Case, layout: Layout, granularity: Granularity): readonly DerivationStep[] {
  const r = derive({ expr: c.expr, where: c.where, wrt: [...c.wrt], order: c.order ?? 1, layout, granularity, steps: true });
  assert.ok(r.ok, r.ok ? '' : `${c.expr}: ${r.error.message}`);
  return r.value.steps ?? assert.fail(`${c.expr}: no steps`);
}

describe('derivation steps written for the declarations: no piece reads back as a declared name its letters spell', () => {
  for (const c of CASES) {
    for (const layout of ['numerator', 'denominator'] as const) {
      for (const granularity of ['full', 'summary'] as const) {
        const what = label(c, layout, granularity);
        it(what, () => {
          const steps = derived(c, layout, granularity);
          steps.forEach((s, k) => {
            const at = `${what}: step ${k + 1} (${s.name})`;
            for (const name of c.unused) {
              const word = new RegExp(`(^|[^\\p{L}\\p{N}_])${name}(?![\\p{L}\\p{N}₀-₉])`, 'u');
              for (const t of unicodeOf(s)) assert.doesNotMatch(t, word, `${at}: ${name} in ${t}`);
              for (const t of [s.before, s.after, s.focus ?? '']) assert.doesNotMatch(t, new RegExp(`\\{${name}\\}`), `${at}: ${name} in ${t}`);
            }
            const unused = new Set(c.unused);
            const reading = (text: string, from: 'unicode' | 'latex', what: string): Expr => {
              const r = readExpression(text, c.where, from);
              assert.ok(r.ok, `${at}: ${what} ${text} (${from}): ${r.ok ? '' : r.error.message}`);
              const names = r.value.variables.map((v) => v.name as string);
              assert.ok(!names.some((n) => unused.has(n)), `${at}: ${what} ${text} (${from}) reads ${toText(r.value.expr)}`);
              return r.value.expr;
            };
            if (s.focus !== undefined) reading(s.focus, 'latex', 'the focus');
            // The same fractions in the Unicode text and the LaTeX, their tops read alike.
            const text = unicodeTops(s.afterText ?? '');
            const tex = latexTops(s.after);
            assert.equal(text.length, tex.length, `${at}: fractions ${text.join(', ')} in ${s.afterText}; ${tex.join(', ')} in ${s.after}`);
            text.forEach((t, i) => {
              const e = reading(t, 'unicode', 'the fraction top');
              if (e !== reading(tex[i], 'latex', 'the fraction top')) assert.fail(`${at}: the fraction top ${t} reads ${toText(e)}, its LaTeX ${tex[i]} ${toText(reading(tex[i], 'latex', ''))}`);
            });
            for (const key of [...Object.keys(s.shapes ?? {}), ...(s.product ? [...s.product.factors.map((p) => p.name), s.product.result.name] : [])]) {
              for (const t of unicodeTops(key)) reading(t, 'unicode', 'the name of a shape');
            }
          });
        });
      }
    }
  }

  it('every claim of every step holds numerically (the cases by the derivation alone, as derive() makes them)', () => {
    for (const c of CASES) {
      for (const granularity of ['full', 'summary'] as const) {
        const d = derivation({ expr: c.expr, where: c.where, wrt: c.wrt, ...(c.order ? { order: c.order } : {}) }, granularity);
        assertSound(d, label(c, 'numerator', granularity));
      }
    }
  });

  it('the expression pieces of a step read back: the product beside the name (∂(W·x)/∂x = W, u = W·x, (A·x)ᵀ)', () => {
    const afterTexts = (c: Case): string[] => derived(c, 'numerator', 'full').map((s) => s.afterText ?? '');
    assert.deepEqual(afterTexts(CASES[0]), ['∂(W·x)/∂x = W']);
    assert.ok(afterTexts(CASES[1]).some((t) => t.includes('(A·x)ᵀ')), afterTexts(CASES[1]).join(' | '));
    assert.deepEqual(afterTexts(CASES[3]), ['d(x·y)/dx = y']);
  });

  it('and so do the sentences, beside the declared name used as well ((W*x)ᵀWx by W: the differential of u = W·x; y = uᵀWx)', () => {
    const used = CASES[CASES.length - 1];
    const explanations = derived(used, 'numerator', 'full').map((s) => s.explanation);
    assert.ok(explanations.some((e) => e.includes('Take the differential of u = W·x:')), explanations.join(' | '));
    assert.ok(explanations.some((e) => e.includes('Take the differential of f = uᵀWx:')), explanations.join(' | '));
  });
});
