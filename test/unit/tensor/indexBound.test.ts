/**
 * The index form's memory is bounded (issue 17): distributing the differential's products of sums
 * can double the terms at every level — d(((S²)²)…²) with k squares has 2ᵏ terms though its DAG is
 * linear in k — so past MAX_INDEX_TERMS there is no index form, refused before the terms are built.
 * The reader fuzz campaign's input 1*((…(S)^2…)^2) with 64 squares took gigabytes and crashed it;
 * with 2,000 squares the recursive writer overflowed the stack (now bounded by MAX_INDEX_DEPTH).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { derive } from '../../../src/core';
import { differentiate } from '../../../src/core/calculus/derive';
import { readExpression } from '../../../src/core/read';
import { indexFormula, NoIndexForm } from '../../../src/core/tensor';
import { MAX_INDEX_DEPTH, MAX_INDEX_TERMS } from '../../../src/core/tensor/components';
import { MAX_INDEX_NODES } from '../../../src/core/tensor/write';

const WHERE = 'S: matrix(n, n) symmetric';
const squares = (k: number): string => `${'('.repeat(k)}S${')^2'.repeat(k)}`;

/** The index formula of the derivative of `text` by S (throws NoIndexForm when there is none). */
function formulaOf(text: string) {
  const r = readExpression(text, WHERE, 'plain');
  if (!r.ok) throw new Error(r.error.message);
  const s = r.value.variables.find((v) => v.name === 'S');
  assert.ok(s);
  const d = differentiate(r.value.expr, [s], 1);
  return indexFormula(d.f, s, 1);
}

describe('tensor/index form: bounded number of terms', () => {
  it('k nested squares: 2ᵏ terms, every one within the bound, while 2ᵏ ≤ MAX_INDEX_TERMS', () => {
    assert.equal(MAX_INDEX_TERMS, 1024);
    for (const k of [1, 2, 3, 4, 5]) {
      const f = formulaOf(squares(k));
      // ∂(S^(2ᵏ))ᵢⱼ/∂Sₖₗ = ½ Σ_{a+b = 2ᵏ−1} (Sᵃ)ᵢₖ(Sᵇ)ₗⱼ + (the kₗ-swap): 2ᵏ distinct terms once collected.
      assert.ok(f.terms.length >= 2 ** k, `k = ${k}: ${f.terms.length} terms`);
      assert.ok(f.terms.length <= MAX_INDEX_TERMS, `k = ${k}: ${f.terms.length} terms`);
    }
  });

  it('past the bound: NoIndexForm, saying why, at 11 squares (2,048 terms) and at 64 (2⁶⁴)', () => {
    for (const k of [11, 64]) {
      assert.throws(() => formulaOf(squares(k)), (e: unknown) => e instanceof NoIndexForm && /more than 1,024 terms/.test(e.message), `k = ${k}`);
    }
  });

  it('deep: 2,000 squares answer NoIndexForm (the differential nested past MAX_INDEX_DEPTH), not a stack overflow', () => {
    assert.equal(MAX_INDEX_DEPTH, 200);
    // In a child process: the 2,000-level differential adds ~18 MB of nodes to the hash-consing
    // table, which in the test process would bring it nearer its reset bound (INTERN_LIMIT_BYTES),
    // after which the nodes other test files made at load time are no longer the canonical ones.
    const out = execFileSync(process.execPath, [path.join(__dirname, 'deepSquaresProbe.js'), '2000'], { encoding: 'utf8' });
    assert.equal(out.trim(), 'NoIndexForm');
  });

  it('derive(): the matrix form without an index form, and form: index answers form.index-unavailable', () => {
    const expr = `1*${squares(11)}`;
    const r = derive({ expr, where: WHERE, from: 'plain', timeLimitMs: 60_000 });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.ok(r.value.result.text.length > 0);
    assert.equal(r.value.indexForm, undefined);
    const asked = derive({ expr, where: WHERE, from: 'plain', form: 'index', timeLimitMs: 60_000 });
    assert.ok(!asked.ok);
    assert.equal(asked.error.code, 'form.index-unavailable');
    assert.match(asked.error.message, /more than 1,024 terms/);
  });
});

/** exp(exp(…exp(softmax(W*x))…)) with k exps: a vector by a matrix, so derive() writes its index form unasked. */
const expChain = (k: number): string => `${'exp('.repeat(k)}softmax(W*x)${')'.repeat(k)}`;
const CHAIN_WHERE = 'W: matrix(m, n); x: vector(n)';

describe('tensor/index form: bounded written length', () => {
  // Each term of ∂(exp(…exp(p)…))ᵢ/∂Wⱼₖ writes the entries (exp(p))ᵢ, (exp(exp(p)))ᵢ, … of every depth
  // below k: quadratic in k. The reader campaigns (issue 13) spent 4 s of a request writing 6 MB of it
  // for k = 1,000, far past their budget; the result itself is written linearly (its binding form).
  it('a short chain has its index form: one entry per level in each term, p named', () => {
    const r = derive({ expr: expChain(3), where: CHAIN_WHERE, from: 'plain', timeLimitMs: 60_000 });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(
      r.value.indexForm?.unicode,
      '∂(exp(exp(exp(p))))ᵢ/∂Wⱼₖ = (exp(exp(exp(p))))ᵢ(exp(exp(p)))ᵢ(exp(p))ᵢpᵢδᵢⱼxₖ − (exp(exp(exp(p))))ᵢ(exp(exp(p)))ᵢ(exp(p))ᵢpᵢpⱼxₖ' +
        '   (i, j = 1…m; k = 1…n), where p = softmax(Wx)',
    );
  });

  it('past MAX_INDEX_NODES written nodes: no index form, refused before it is written; form: index says why', () => {
    assert.equal(MAX_INDEX_NODES, 4096);
    const resultLength: number[] = [];
    for (const k of [100, 400]) {
      const r = derive({ expr: expChain(k), where: CHAIN_WHERE, from: 'plain', timeLimitMs: 60_000 });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value.indexForm, undefined, `k = ${k}`);
      // The result in its binding form stays linear in k: each link named once (u₂ = exp(u₁), …, badf4f6), ~67 characters a level.
      assert.ok(r.value.result.latex.length < 70 * k, `k = ${k}: ${r.value.result.latex.length} characters`);
      resultLength.push(r.value.result.latex.length);
      const asked = derive({ expr: expChain(k), where: CHAIN_WHERE, from: 'plain', form: 'index', timeLimitMs: 60_000 });
      assert.ok(!asked.ok);
      assert.equal(asked.error.code, 'form.index-unavailable');
      assert.match(asked.error.message, /more than 4,096 nodes/);
    }
    // Four times the depth, at most 4.4 times the characters: a log-log slope ≤ 1.07.
    assert.ok(resultLength[1] <= 4.4 * resultLength[0], `${resultLength.join(' → ')} characters`);
  });

  it('every index form written is within the bound: the longest chain that has one writes at most ~30 characters a node', () => {
    let longest = 0;
    for (let k = 1; k <= 100; k += 9) {
      const r = derive({ expr: expChain(k), where: CHAIN_WHERE, from: 'plain', timeLimitMs: 60_000 });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      const written = r.value.indexForm;
      if (written) longest = Math.max(longest, written.latex.length, written.unicode.length);
    }
    assert.ok(longest > 0 && longest <= 30 * MAX_INDEX_NODES, `${longest} characters`);
  });
});
