/**
 * Proofreading documents: equation chains in display math (never inline), align rows, derivative
 * sides in every spelling, layout comments, declarations and definitions written earlier, and the
 * reported position (the line and column where the right side begins).
 */
import * as assert from 'node:assert/strict';
import { claimInEquation, proofread, type CachedStep, type ProofreadFinding } from '../../../src/core/index';

const md = (text: string): readonly ProofreadFinding[] => proofread(text, { kind: 'markdown' }).findings;
const statuses = (fs: readonly ProofreadFinding[]): string[] => fs.map((f) => f.status);

describe('proofread: Markdown and LaTeX', () => {
  it('checks each = of a chain in display math; inline math never', () => {
    const doc = [
      '<!-- x: vector(n); A: matrix(n, n) -->',
      'Inline $\\nabla_x (x^T A x) = 2Ax$ is not checked.',
      '$$\\nabla_{\\mathbf{x}} (\\mathbf{x}^T A \\mathbf{x}) = \\mathbf{x}^T(A + A^T) = 2\\mathbf{x}^T A$$',
    ].join('\n');
    const f = md(doc);
    assert.deepEqual(statuses(f), ['ok', 'wrong']);
    assert.equal(f[0].line, 3);
    assert.equal(f[1].diagnosis?.kind, 'symmetric-only');
    assert.equal(f[1].column, doc.split('\n')[2].indexOf('2\\mathbf{x}^T A') + 1);
  });
  it('\\nabla_x (x^T A x) = 2Ax is diagnosed exactly like check (numerator layout by default)', () => {
    const f = md('$$\\nabla_x (x^T A x) = 2Ax$$');
    assert.equal(f[0].status, 'wrong');
    assert.equal(f[0].diagnosis?.kind, 'symmetric-only');
    assert.equal(f[0].diagnosis?.layout, 'denominator');
    assert.equal(f[0].fix?.text, '\\mathbf{x}^{\\top}(A + A^{\\top})');
  });
  it('the layout comment applies: <!-- layout: denominator --> and % layout: denominator', () => {
    assert.deepEqual(statuses(md('<!-- layout: denominator -->\n$$\\nabla_x (x^T A x) = (A + A^T)x$$')), ['ok']);
    const tex = proofread('% layout: denominator\n\\[ \\frac{\\partial}{\\partial \\mathbf{x}} \\left(\\mathbf{a}^T \\mathbf{x}\\right) = \\mathbf{a} \\]', { kind: 'latex' });
    assert.deepEqual(statuses(tex.findings), ['ok']);
  });
  it('align rows: &= continues the chain, a row with its own left side starts a new one', () => {
    const doc = [
      '% x: vector(n)',
      '% B: matrix(n, n)',
      '\\begin{align}',
      '\\frac{\\partial}{\\partial \\mathbf{x}} \\mathbf{x}^T B \\mathbf{x} &= \\mathbf{x}^T B + \\mathbf{x}^T B^T \\\\',
      '  &= \\mathbf{x}^T (B + B^T) \\nonumber \\\\',
      '  &= 2 \\mathbf{x}^T B. \\label{eq:wrong} \\\\',
      'c &= \\mathbf{x}^T \\mathbf{x} \\\\',
      '\\nabla_{\\mathbf{x}} c &= 2\\mathbf{x}^T',
      '\\end{align}',
    ].join('\n');
    const f = proofread(doc, { kind: 'latex' }).findings;
    assert.deepEqual(statuses(f), ['ok', 'ok', 'wrong', 'ok']);
    assert.deepEqual(f.map((x) => x.line), [4, 5, 6, 8]);
    assert.equal(f[2].diagnosis?.kind, 'symmetric-only'); // left (xᵀ(B + Bᵀ)) is the truth
    assert.equal(f[2].fix, undefined, 'no Quick Fix for a step that is not a derivative claim');
  });
  it('every derivative spelling: \\frac{\\partial f}{\\partial x}, \\frac{d}{dx}, \\frac{\\mathrm{d}f}{\\mathrm{d}x}, \\nabla^2', () => {
    const doc = [
      '<!-- x: scalar; v: vector(n); A: matrix(n, n) -->',
      '$$f(x) = \\sin(x^2)$$',
      '$$\\frac{\\partial f}{\\partial x} = 2x\\cos(x^2)$$',
      '$$\\frac{d}{dx} \\sin(x^2) = \\cos(x^2)$$',
      '$$\\frac{\\mathrm{d} f}{\\mathrm{d} x} = 2x\\cos(x^2)$$',
      '$$\\nabla^2_{\\mathbf{v}} (\\mathbf{v}^T A \\mathbf{v}) = 2A$$',
      '$$\\frac{\\partial^2}{\\partial \\mathbf{v} \\partial \\mathbf{v}^T} (\\mathbf{v}^T A \\mathbf{v}) = A + A^T$$',
    ].join('\n');
    const f = md(doc);
    assert.deepEqual(statuses(f), ['ok', 'wrong', 'ok', 'wrong', 'ok']);
    assert.equal(f[1].diagnosis?.kind, 'other'); // the naive chain rule
    assert.equal(f[3].diagnosis?.kind, 'symmetric-only');
  });
  it('definitions (f = …, f(x) = …, :=, \\coloneqq) are recorded, not checked, and substituted', () => {
    const doc = [
      '<!-- X: matrix(N, d); y: vector(N); w: vector(d) -->',
      '<!-- layout: denominator -->',
      '$$L(\\mathbf{w}) := \\frac{1}{N}\\|X\\mathbf{w} - \\mathbf{y}\\|^2$$',
      '$$\\nabla L = \\frac{2}{N} X^T (X\\mathbf{w} - \\mathbf{y})$$',
      '$$r \\coloneqq X\\mathbf{w} - \\mathbf{y}$$',
      '$$\\frac{\\partial L}{\\partial \\mathbf{w}} = 2 X^T r$$',
    ].join('\n');
    const f = md(doc);
    assert.deepEqual(statuses(f), ['ok', 'wrong']);
    assert.equal(f[1].diagnosis?.kind, 'scaled');
    assert.equal(f[1].diagnosis?.factor, 'N');
  });
  it('what cannot be read is skipped with its reason, never guessed', () => {
    const f = md('<!-- x: vector(n) -->\n$$\\nabla_x (x^T x) = 2x + \\dots$$');
    assert.equal(f[0].status, 'skipped');
    assert.match(f[0].message, /cannot be read/);
  });
  it('other relations are not equalities; an equation environment is a chain', () => {
    const doc = '\\begin{equation}\n\\|\\mathbf{x}\\|^2 = \\mathbf{x}^T\\mathbf{x} \\le 2\\mathbf{x}^T\\mathbf{x}\n\\end{equation}';
    const f = proofread(doc, { kind: 'latex' }).findings;
    assert.deepEqual(statuses(f), ['ok']);
  });
});

describe('proofread: .matcalc files', () => {
  it('EXPR == EXPR lines, d/dx(…), ∂f/∂x, declarations, a layout line and definitions', () => {
    const doc = [
      'x: vector(n)',
      'A: matrix(n, n)',
      'layout: denominator',
      "f = x'*A*x",
      "d/dx(x'*A*x) == 2*A*x",
      "∂f/∂x == (A + A')*x",
      "d/dx f == A*x + A'*x == 2*A*x",
      "x'*A*x == x'*A'*x",
    ].join('\n');
    const r = proofread(doc, { kind: 'matcalc' });
    assert.deepEqual(statuses(r.findings), ['wrong', 'ok', 'ok', 'wrong', 'ok']);
    assert.deepEqual([r.ok, r.wrong, r.skipped], [3, 2, 0]);
    const first = r.findings[0];
    assert.equal(first.line, 5);
    assert.equal(first.column, "d/dx(x'*A*x) == ".length + 1);
    assert.deepEqual(first.fix, { start: doc.indexOf('2*A*x'), end: doc.indexOf('2*A*x') + 5, text: "(A + A')*x" });
  });
});

describe('proofread: reuse and selected equations', () => {
  it('a cache of earlier steps gives the same findings at their new positions', () => {
    const doc = '<!-- x: vector(n); A: matrix(n, n) -->\n$$\\nabla_x (x^T A x) = 2x^T A$$\n';
    const store = new Map<string, CachedStep>();
    const cache = { get: (k: string) => store.get(k), set: (k: string, v: CachedStep) => void store.set(k, v) };
    const first = proofread(doc, { kind: 'markdown', cache }).findings;
    const shifted = proofread(`# Title\n\n${doc}`, { kind: 'markdown', cache }).findings;
    const fresh = proofread(`# Title\n\n${doc}`, { kind: 'markdown' }).findings;
    assert.equal(first[0].status, 'wrong');
    assert.deepEqual(shifted, fresh);
  });
  it('claimInEquation splits a selected equation into the derivative and the claim', () => {
    const latex = '\\frac{\\partial}{\\partial x}(x^T A x) = 2Ax';
    const a = claimInEquation(latex, 'latex');
    assert.ok(a);
    assert.deepEqual([a.expr, a.wrt, a.order, a.claim], ['(x^T A x)', ['x'], 1, '2Ax']);
    assert.equal(latex.slice(a.claimStart, a.claimEnd), '2Ax');
    const plain = claimInEquation("d/dx(x'*A*x) = 2*A*x", 'plain');
    assert.deepEqual([plain?.expr, plain?.wrt, plain?.claim], ["(x'*A*x)", ['x'], '2*A*x']);
    const reversed = claimInEquation('2x = ∇ₓ(x^T x)', 'latex');
    assert.deepEqual([reversed?.expr, reversed?.wrt, reversed?.claim], ['(x^T x)', ['x'], '2x']);
    assert.equal(claimInEquation('a = b', 'latex'), undefined);
  });
});
