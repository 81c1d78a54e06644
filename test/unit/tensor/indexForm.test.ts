import assert from 'node:assert/strict';
import { derive, emitCode } from '../../../src/core';
import { differentiate } from '../../../src/core/calculus/derive';
import type { Derivative } from '../../../src/core/calculus/form';
import { dimValue } from '../../../src/core/model/shape';
import { canonicalJacobian, makeRng, randomEnv } from '../../../src/core/numeric';
import { readExpression } from '../../../src/core/read';
import { indexFormula, tensorOrder, type IndexFormula } from '../../../src/core/tensor';
import { indexFunction } from '../../../src/core/tensor/evaluate';
import { compareNumerically } from '../../../src/core/numeric/equal';
import { assertRenders } from '../write/katex';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpus, value, type CorpusCase } from '../notations/helpers';

/** The corpus cases with 3 or 4 indices (test/corpus/tensors.json). */
const tensorCorpus = (): CorpusCase[] =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../test/corpus/tensors.json'), 'utf8')) as CorpusCase[];

const unicodeOf = (expr: string, wrt: string, where?: string, order: 1 | 2 = 1): string =>
  value(derive({ expr, wrt: [wrt], where, form: 'index', order }), expr).indexForm?.unicode ?? '(none)';

describe('tensor/index form: the component formulas of the textbook', () => {
  const cases: [string, string, string, string?, (1 | 2)?][] = [
    ['inv(X)', 'X', '∂(X⁻¹)ᵢⱼ/∂Xₖₗ = −(X⁻¹)ᵢₖ(X⁻¹)ₗⱼ   (i, j, k, l = 1…n)'],
    ['A*X*B', 'X', '∂(AXB)ᵢⱼ/∂Xₖₗ = AᵢₖBₗⱼ   (i = 1…m; j = 1…q; k = 1…n; l = 1…p)', 'A: matrix(m, n); X: matrix(n, p); B: matrix(p, q)'],
    ["x*x'", 'x', '∂(xxᵀ)ᵢⱼ/∂xₖ = δᵢₖxⱼ + xᵢδⱼₖ   (i, j, k = 1…n)'],
    ['A*x', 'x', '∂(Ax)ᵢ/∂xⱼ = Aᵢⱼ   (i = 1…m; j = 1…n)', 'A: matrix(m, n); x: vector(n)'],
    ["x'*A*x", 'x', '∂(xᵀAx)/∂xᵢ = (Ax)ᵢ + (Aᵀx)ᵢ   (i = 1…n)'],
    ["x'*A*x", 'x', '∂²(xᵀAx)/∂xᵢ∂xⱼ = Aᵢⱼ + Aⱼᵢ   (i, j = 1…n)', undefined, 2],
    ['X*A*X', 'X', '∂(XAX)ᵢⱼ/∂Xₖₗ = δᵢₖ(AX)ₗⱼ + (XA)ᵢₖδⱼₗ   (i, j, k, l = 1…n)', 'X: matrix(n, n); A: matrix(n, n)'],
    ['logdet(X)', 'X', '∂(log det(X))/∂Xᵢⱼ = (X⁻¹)ⱼᵢ   (i, j = 1…n)'],
    ['tr(X)', 'X', '∂(tr(X))/∂Xᵢⱼ = δᵢⱼ   (i, j = 1…n)'],
    ["x'*S*x", 'S', '∂(xᵀSx)/∂Sᵢⱼ = xᵢxⱼ   (i, j = 1…n)', 'x: vector(n); S: matrix(n, n) symmetric'],
    // A softmax is written with the name the result defines for it (issue 13): Pᵢⱼ, pᵢ.
    ['softmax(Z, 2)', 'Z', '∂Pᵢⱼ/∂Zₗₘ = Pᵢⱼδᵢₗδⱼₘ − PᵢⱼPᵢₘδᵢₗ   (i, l = 1…N; j, m = 1…k), where P = softmax(Z, 2)', 'Z: matrix(N, k)'],
    ['softmax(Z, 1)', 'Z', '∂Pᵢⱼ/∂Zₗₘ = Pᵢⱼδᵢₗδⱼₘ − PᵢⱼPₗⱼδⱼₘ   (i, l = 1…N; j, m = 1…k), where P = softmax(Z, 1)', 'Z: matrix(N, k)'],
    ['sum(G .* softmax(Z, 2))', 'Z', '∂(sum(G ⊙ P))/∂Zᵢⱼ = GᵢⱼPᵢⱼ − (GPᵀ)ᵢᵢPᵢⱼ   (i = 1…N; j = 1…k), where P = softmax(Z, 2)', 'G: matrix(N, k); Z: matrix(N, k)'],
    ['softmax(z)', 'z', '∂pᵢ/∂zⱼ = pᵢδᵢⱼ − pᵢpⱼ   (i, j = 1…n), where p = softmax(z)'],
    ['softmax(p)', 'p', '∂(softmax(p))ᵢ/∂pⱼ = (softmax(p))ᵢδᵢⱼ − (softmax(p))ᵢ(softmax(p))ⱼ   (i, j = 1…n)'],
  ];
  for (const [expr, wrt, expected, where, order] of cases) {
    it(`${expr} by ${wrt}${order === 2 ? ' (second order)' : ''}`, () => {
      assert.equal(unicodeOf(expr, wrt, where, order), expected);
    });
  }

  it('is written automatically for results with 3 or 4 indices, on request otherwise, and never for stacked scalars', () => {
    assert.ok(value(derive({ expr: 'inv(X)', wrt: ['X'] })).indexForm);
    assert.ok(value(derive({ expr: "x*x'", wrt: ['x'] })).indexForm);
    assert.equal(value(derive({ expr: 'A*x', wrt: ['x'] })).indexForm, undefined);
    assert.ok(value(derive({ expr: 'A*x', wrt: ['x'], form: 'index' })).indexForm);
    const stacked = derive({ expr: 'x*y', wrt: ['x', 'y'], where: 'x: scalar; y: scalar', form: 'index' });
    assert.ok(!stacked.ok && stacked.error.code === 'form.index-unavailable');
  });
});

/** The index formula of expr by wrt (first order) equals its vec/Kronecker Jacobian at two random points. */
function assertEqualsJacobian(expr: string, wrt: string, where?: string): void {
  const read = value(readExpression(expr, where, 'plain'));
  const x = read.variables.find((v) => v.name === wrt);
  assert.ok(x);
  const d = differentiate(read.expr, [x], 1);
  for (const seed of [1, 2]) assert.ok(checkAgainstJacobian(indexFormula(d.f, x, 1), d, seed) < 1e-9);
}

/** ∂fᵢⱼ/∂Xₖₗ from the formula against the canonical Jacobian's entry (vec f)ᵢ₊ⱼₘ, (vec X)ₖ₊ₗₙ. */
function checkAgainstJacobian(formula: IndexFormula, d: Derivative, seed: number): number {
  const rng = makeRng(seed);
  const env = value(randomEnv(d.wrt, [d.f, d.expr], rng));
  const J = canonicalJacobian(d, env);
  const f = indexFunction(formula, env);
  const size = (e: { shape: { rows: unknown; cols: unknown } }): [number, number] => [
    dimValue(e.shape.rows as never, env.dims),
    dimValue(e.shape.cols as never, env.dims),
  ];
  const [fr, fc] = size(formula.f);
  const [xr, xc] = size(formula.x);
  // The axes whose entries vary: the f axes for rows of J (order 1) or the first direction (order 2).
  const rowAxes = formula.order === 1 ? [formula.fIx, [fr, fc] as const] as const : [formula.xIx[0], [xr, xc] as const] as const;
  const colAxes = formula.order === 1 ? formula.xIx[0] : formula.xIx[1];
  let worst = 0;
  const scale = Math.max(1, ...J.to1DArray().map(Math.abs));
  for (let i = 0; i < rowAxes[1][0]; i++) {
    for (let j = 0; j < rowAxes[1][1]; j++) {
      for (let k = 0; k < xr; k++) {
        for (let l = 0; l < xc; l++) {
          const values = new Map<string, number>();
          if (rowAxes[0][0]) values.set(rowAxes[0][0], i);
          if (rowAxes[0][1]) values.set(rowAxes[0][1], j);
          if (colAxes[0]) values.set(colAxes[0], k);
          if (colAxes[1]) values.set(colAxes[1], l);
          const expected = J.get(i + j * rowAxes[1][0], k + l * xr);
          worst = Math.max(worst, Math.abs(f(values) - expected) / scale);
        }
      }
    }
  }
  return worst;
}

describe('tensor/index form: equals the vec/Kronecker Jacobian on every corpus case', () => {
  let written = 0;
  let highOrder = 0;
  for (const c of [...corpus(), ...tensorCorpus()]) {
    if (c.wrt.length !== 1) continue;
    it(`${c.id}: ${c.expr} by ${c.wrt[0]}${c.order === 2 ? ' (order 2)' : ''}`, () => {
      const read = value(readExpression(c.expr, c.where, 'plain'), c.expr);
      const x = read.variables.find((v) => v.name === c.wrt[0]) ?? read.unused?.find((v) => v.name === c.wrt[0]);
      assert.ok(x);
      const d = differentiate(read.expr, [x], c.order);
      if (d.order === 2 && d.f.shape.rows !== 1) return;
      const formula = indexFormula(d.f, x, d.order);
      written++;
      if (tensorOrder(d) >= 3) highOrder++;
      for (const seed of [1, 2]) {
        const err = checkAgainstJacobian(formula, d, seed);
        assert.ok(err < 1e-9, `${c.expr}: the index form differs from the Jacobian by ${err}`);
      }
      const result = value(derive({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order, form: 'index' }), c.expr);
      assert.ok(result.indexForm, 'derive writes the index form');
      assertRenders(result.indexForm.latex);
    });
  }
  after(() => {
    assert.ok(written >= 100, `index forms checked: ${written}`);
    assert.ok(highOrder >= 15, `of order ≥ 3: ${highOrder}`);
  });
});

describe('tensor/index form: rows declared probabilities sum to 1, as in the matrix form', () => {
  it('the softmax cross-entropy by W: Σᵣ Yₚᵣ = 1 is used, (PᵀX)ⱼᵢ/N − (YᵀX)ⱼᵢ/N, equal to the Jacobian where Y𝟏 = 𝟏', () => {
    const expr = "-sum(Y .* logsoftmax(X*W + b', 2))/N";
    const where = 'X: matrix(N, n); W: matrix(n, k); b: vector(k); Y: matrix(N, k) probabilities';
    const text = unicodeOf(expr, 'W', where);
    assert.doesNotMatch(text, /Σ/, text);
    assert.match(text, /\(PᵀX\)ⱼᵢ/, text);
    const read = value(readExpression(expr, where, 'plain'), expr);
    const W = read.variables.find((v) => v.name === 'W');
    assert.ok(W);
    const d = differentiate(read.expr, [W], 1);
    for (const seed of [1, 2, 3]) assert.ok(checkAgainstJacobian(indexFormula(d.f, W, 1), d, seed) < 1e-9);
    // One sample, a vector of probabilities: Σᵣ yᵣ = 1 likewise.
    assert.equal(unicodeOf("-y'*logsoftmax(z)", 'z', 'y: vector(k) probabilities; z: vector(k)'), '∂((−yᵀ)(z − logsumexp(z)𝟏))/∂zᵢ = −yᵢ + pᵢ   (i = 1…k), where p = softmax(z)');
    // Without the declaration the sum stays: it is what holds for any Y.
    assert.match(unicodeOf(expr, 'W', where.replace(' probabilities', '')), /Σ/);
  });
});

describe('tensor/index form: every summation letter has its range, one range per letter', () => {
  // Unicode writes Σₚ without limits, so the closing list gives p's range as it gives the free letters';
  // a letter summed over two ranges in two terms would read as one range, so the second sum gets its own letter.
  const cases: readonly [string, string, string, string][] = [
    ["sum(X*X')", 'X', 'X: matrix(n, m)', '∂(sum(XXᵀ))/∂Xᵢⱼ = Σₚ 2Xₚⱼ   (i, p = 1…n; j = 1…m)'],
    ['sum(X*Y) + sum(X*Z)', 'X', 'X: matrix(m, n); Y: matrix(n, k); Z: matrix(n, q)', '∂(sum(XY) + sum(XZ))/∂Xᵢⱼ = Σₚ Yⱼₚ + Σᵣ Zⱼᵣ   (i = 1…m; j = 1…n; p = 1…k; r = 1…q)'],
  ];
  for (const [expr, wrt, where, expected] of cases) {
    it(`${expr} by ${wrt}: ${expected.split(' = ').slice(1).join(' = ')}; equal to the Jacobian`, () => {
      assert.equal(unicodeOf(expr, wrt, where), expected);
      const r = value(derive({ expr, wrt: [wrt], where, form: 'index' }));
      assertRenders(r.indexForm?.latex ?? '');
      assertEqualsJacobian(expr, wrt, where);
    });
  }
});

describe('tensor/index form: exact coefficients (rationals, not floats)', () => {
  it('an index over a product dimension ranges over n² (not nn), in Unicode and LaTeX (KaTeX renders it)', () => {
    const r = value(derive({ expr: "y'*vec(X)", where: 'X: matrix(n, n); y: vector(n*n)', wrt: ['y'], form: 'index' }));
    assert.equal(r.indexForm?.unicode, '∂(yᵀ vec(X))/∂yᵢ = (vec(X))ᵢ   (i = 1…n²)');
    assert.match(r.indexForm?.latex ?? '', /\(i = 1, \\dots, n\^\{2\}\)$/);
    assertRenders(r.indexForm?.latex ?? '');
    const words = value(derive({ expr: "y'*vec(W)", where: 'W: matrix(batch, d); y: vector(batch*d)', wrt: ['y'], form: 'index' }));
    assert.match(words.indexForm?.unicode ?? '', /\(i = 1…batch·d\)$/);
    assert.match(words.indexForm?.latex ?? '', /\(i = 1, \\dots, \\mathit\{batch\} \\cdot d\)$/);
  });

  it('X³/13: 1/13 in every form, not 0.07692307692307693; equal to the Jacobian', () => {
    const r = value(derive({ expr: 'X^3/13', wrt: ['X'], form: 'index' }));
    assert.equal(r.indexForm?.unicode, '∂(X³/13)ᵢⱼ/∂Xₖₗ = (1/13)δᵢₖ(X²)ₗⱼ + (1/13)XᵢₖXₗⱼ + (1/13)(X²)ᵢₖδⱼₗ   (i, j, k, l = 1…n)');
    assert.match(r.indexForm?.latex ?? '', /^[^0-9]*\\frac\{1\}\{13\}/);
    assert.doesNotMatch(`${r.indexForm?.unicode} ${r.indexForm?.latex}`, /\d\.\d/);
    const read = value(readExpression('X^3/13', undefined, 'plain'));
    const d = differentiate(read.expr, [read.variables[0]], 1);
    for (const seed of [1, 2]) assert.ok(checkAgainstJacobian(indexFormula(d.f, read.variables[0], 1), d, seed) < 1e-9);
  });

  it('the einsum text writes 1/3, which reads back exactly (0.3333333333333333 did not); Python code einsum(…) / 3.0, as the array writer', () => {
    const text = value(emitCode({ expr: 'X^3/3', wrt: ['X'] }, 'einsum'));
    assert.match(text, /^1\/3\*einsum\("ik,lj->ijkl", eye\(n\), X\^2\) \+ 1\/3\*einsum/);
    assert.match(value(emitCode({ expr: 'X^3/3', wrt: ['X'] }, 'numpy')), /return np\.einsum\('ik,lj->ijkl', np\.eye\(n\), _e1\) \/ 3\.0 \+ np\.einsum/);
    const half = value(derive({ expr: "x'*S*x/2", wrt: ['S'], where: 'x: vector(n); S: matrix(n, n) symmetric', form: 'index' }));
    assert.equal(half.indexForm?.unicode, '∂(xᵀSx/2)/∂Sᵢⱼ = ½xᵢxⱼ   (i, j = 1…n)');
  });

  it('the einsum text brackets a scalar factor only where the plain syntax needs it: c*einsum(…), exp(s)*einsum(…), (a + b)*einsum(…); it reads back as the Jacobian', () => {
    const where = 'x: vector(n); y: vector(m); a: scalar; b: scalar; c: scalar; s: scalar';
    for (const [expr, text] of [
      ['c*sum(x)*y', 'c*einsum("i,j->ij", y, ones(n))'],
      ['exp(s)*sum(x)*y', 'exp(s)*einsum("i,j->ij", y, ones(n))'],
      ['s^2*sum(x)*y', 's^2*einsum("i,j->ij", y, ones(n))'],
      ['(a + b)*sum(x)*y', '(a + b)*einsum("i,j->ij", y, ones(n))'],
      ['-c*sum(x)*y', '-c*einsum("i,j->ij", y, ones(n))'],
    ] as const) {
      assert.equal(value(emitCode({ expr, wrt: ['x'], where }, 'einsum')), text, expr);
      const d = value(derive({ expr, wrt: ['x'], where }));
      const meant = value(readExpression(d.result.text ?? '', where, 'plain')).expr;
      const back = value(readExpression(text, where, 'plain')).expr;
      assert.ok(back === meant || compareNumerically(back, meant).equal, `${text} reads back as the Jacobian ${d.result.text}`);
    }
  });
});

describe('tensor/index form: divisions as the textbook writes them (2xᵢ/n, not 2xᵢn⁻¹)', () => {
  const cases: readonly [string, string, string | undefined, string, RegExp, string][] = [
    ['mean(x.^2)', 'x', undefined, '∂(mean(x∘²))/∂xᵢ = 2xᵢ/n   (i = 1…n)', /= \\frac\{2 x_\{i\}\}\{n\}\\qquad/, '2*einsum("i->i", x)/n'],
    ['mean(X*Y)', 'X', 'X: matrix(m, n); Y: matrix(n, p)', '∂(mean(XY))/∂Xᵢⱼ = Σᵣ Yⱼᵣ/(mp)   (i = 1…m; j = 1…n; r = 1…p)', /= \\sum_\{r=1\}\^\{p\} \\frac\{Y_\{jr\}\}\{mp\}\\qquad/,
      'einsum("jr,i->ij", Y, ones(m))/(m*p)'],
    ['X*Y/s^2', 'X', 'X: matrix(m, n); Y: matrix(n, p)', '∂(XY/s²)ᵢⱼ/∂Xₖₗ = δᵢₖYₗⱼ/s²   (i, k = 1…m; j = 1…p; l = 1…n)', /= \\frac\{\\delta_\{ik\} Y_\{lj\}\}\{s\^\{2\}\}\\qquad/,
      'einsum("ik,lj->ijkl", eye(m), Y)/s^2'],
  ];
  for (const [expr, wrt, where, unicode, latex, einsum] of cases) {
    it(`${expr} by ${wrt}: ${unicode.split(' = ')[1]}; its einsum text ${einsum}; equal to the Jacobian`, () => {
      const r = value(derive({ expr, wrt: [wrt], where, form: 'index' }));
      assert.equal(r.indexForm?.unicode, unicode);
      assert.match(r.indexForm?.latex ?? '', latex);
      assertRenders(r.indexForm?.latex ?? '');
      assertEqualsJacobian(expr, wrt, where);
      const text = value(emitCode({ expr, wrt: [wrt], where }, 'einsum'));
      assert.equal(text, einsum);
      const code = value(emitCode({ expr, wrt: [wrt], where }, 'numpy'));
      assert.doesNotMatch(code, /\(_e\d+\) \*|\*\* \(-/, code);
    });
  }
});

describe('tensor/index form: every corpus case of order ≥ 3 gets it without asking', () => {
  it('derive writes the index form of each result with 3 or 4 indices (and KaTeX renders it)', () => {
    let high = 0;
    const missing: string[] = [];
    for (const c of [...corpus(), ...tensorCorpus()]) {
      const read = readExpression(c.expr, c.where, 'plain');
      if (!read.ok) continue;
      const xs = c.wrt.map((w) => [...read.value.variables, ...(read.value.unused ?? [])].find((v) => v.name === w));
      if (xs.some((x) => x === undefined)) continue;
      const d = differentiate(read.value.expr, xs as NonNullable<(typeof xs)[number]>[], c.order);
      if (tensorOrder(d) < 3) continue;
      high++;
      const r = derive({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order });
      if (!r.ok || !r.value.indexForm) missing.push(`${c.id}: ${r.ok ? 'no index form' : r.error.message}`);
      else assertRenders(r.value.indexForm.latex);
    }
    assert.deepEqual(missing, []);
    assert.ok(high >= 20, `corpus cases of order ≥ 3: ${high}`);
  });
});

describe('tensor/index form: index letters are never the names of dimensions, also those only inside a product (i·j)', () => {
  const SUBSCRIPT_LETTERS: Readonly<Record<string, string>> = {
    'ₐ': 'a', 'ₑ': 'e', 'ₕ': 'h', 'ᵢ': 'i', 'ⱼ': 'j', 'ₖ': 'k', 'ₗ': 'l', 'ₘ': 'm', 'ₙ': 'n', 'ₒ': 'o', 'ₚ': 'p', 'ᵣ': 'r', 'ₛ': 's', 'ₜ': 't', 'ᵤ': 'u', 'ᵥ': 'v', 'ₓ': 'x',
  };
  /** The letters a Unicode index form uses: every subscript letter, and each letter given a range. */
  const indexLetters = (unicode: string): Set<string> => {
    const letters = new Set([...unicode].filter((c) => SUBSCRIPT_LETTERS[c] !== undefined).map((c) => SUBSCRIPT_LETTERS[c]));
    const ranges = /\(([^()]*= 1…[^()]*)\)/.exec(unicode)?.[1] ?? '';
    for (const group of ranges.split('; ')) for (const l of group.split(' = ')[0].split(', ')) letters.add(l);
    return letters;
  };
  // Each dimension is a product of one-letter names that are also the first choices of the free
  // letters (i, j, k, l, m, n) and of the summation letters (p, r, s, t, u, v): no letter may be one.
  const cases: readonly [string, string, string, readonly string[], RegExp][] = [
    ['A*x', 'x', 'x: vector(i*j); A: matrix(k, i*j)', ['i', 'j', 'k'], /^∂\(Ax\)ₗ\/∂xₘ = Aₗₘ {3}\(l = 1…k; m = 1…ij\)$/],
    ['X*Y', 'X', 'X: matrix(i*j, k*l); Y: matrix(k*l, m*n)', ['i', 'j', 'k', 'l', 'm', 'n'], /^∂\(XY\)ₚᵣ\/∂Xₛₜ = δₚₛYₜᵣ {3}\(p, s = 1…ij; r = 1…mn; t = 1…kl\)$/],
    ['sum(X*Y)', 'X', 'X: matrix(i*j, p*r); Y: matrix(p*r, s*t)', ['i', 'j', 'p', 'r', 's', 't'], /^∂\(sum\(XY\)\)\/∂Xₖₗ = Σᵤ Yₗᵤ {3}\(k = 1…ij; l = 1…pr; u = 1…st\)$/],
    ["x'*A*B*x", 'x', 'x: vector(i*p); A: matrix(i*p, r*s); B: matrix(r*s, i*p)', ['i', 'p', 'r', 's'], /^∂\(xᵀABx\)\/∂xⱼ = \(ABx\)ⱼ \+ \(BᵀAᵀx\)ⱼ {3}\(j = 1…ip\)$/],
  ];
  for (const [expr, wrt, where, dims, expected] of cases) {
    it(`${expr} by ${wrt} where ${where}: no index is ${dims.join(', ')}; equal to the Jacobian`, () => {
      const unicode = unicodeOf(expr, wrt, where);
      assert.match(unicode, expected);
      const clashes = [...indexLetters(unicode)].filter((l) => dims.includes(l));
      assert.deepEqual(clashes, [], `${unicode}: index letters that name a dimension`);
      assertEqualsJacobian(expr, wrt, where);
    });
  }
});
