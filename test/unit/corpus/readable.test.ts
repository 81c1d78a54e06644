/**
 * deriveReadable (what `matcalc derive` prints for a person: plain text and Unicode, no LaTeX)
 * answers exactly what derive() answers in those forms — the input's text, the result's text,
 * Unicode and shape, the named and block forms' Unicode lines, the check, the steps, the index form,
 * the assumptions (the index form's Unicode line and each step's text: their LaTeX is not written) — for every corpus case in every layout, for results written in the binding form
 * (chained assignments, deep networks, whose input is written as a tree or in the binding form), for
 * named and block forms, steps, checks and index forms, and for requests that fail (the same
 * Diagnostic) — and does less work than derive() where the LaTeX is a large part of the writing.
 */
import * as assert from 'node:assert/strict';
import { derive, deriveReadable, namedForms, type DerivationStep, type DeriveRequest, type DeriveResult, type ReadableAnswer, type ReadableStep } from '../../../src/core/index';
import { chainedRequest, mlpNumpyRequest } from '../../../bench/families';
import { withBudget } from '../../../src/core/limits/index';
import { loadCorpus } from './corpus.test';

/** derive()'s step cut down to what a terminal prints of it (its LaTeX is not written). */
function readableStep(s: DerivationStep): ReadableStep {
  assert.ok(s.afterText !== undefined, `a step without its text: ${s.name}`);
  return {
    rule: s.rule,
    name: s.name,
    ...(s.reference ? { reference: s.reference } : {}),
    explanation: s.explanation,
    ...(s.kind ? { kind: s.kind } : {}),
    afterText: s.afterText,
  };
}

/** derive()'s answer cut down to what deriveReadable gives, field by field. */
function readableOf(r: DeriveResult): ReadableAnswer {
  const { result } = r;
  return {
    input: { text: r.input.text, notation: r.input.notation },
    wrt: r.wrt,
    wrtShape: r.wrtShape,
    layout: r.layout,
    order: r.order,
    result: {
      text: result.text,
      unicode: result.unicode as string,
      shape: result.shape,
      ...(result.named ? { named: namedForms(result.named).unicode } : {}),
      ...(result.blocks ? { blocks: { unicode: namedForms(result.blocks).unicode, sentence: result.blocks.reading.sentence } } : {}),
    },
    ...(r.check ? { check: r.check } : {}),
    ...(r.indexForm ? { indexForm: { unicode: r.indexForm.unicode } } : {}),
    ...(r.steps ? { steps: r.steps.map(readableStep) } : {}),
    assumed: r.assumed,
  };
}

/** Asserts the two answers agree; returns derive()'s (for the caller to check what the case covers). */
function assertSameAsDerive(req: DeriveRequest): DeriveResult | undefined {
  // deriveReadable first: its writers start from nothing (derive() in the same process shares only the
  // hash-consing table and the last derivatives, never a writer).
  const readable = deriveReadable(req);
  const full = derive(req);
  if (!full.ok) {
    assert.deepEqual(readable, full, 'the same error as derive()');
    return undefined;
  }
  assert.ok(readable.ok, readable.ok ? '' : readable.error.message);
  assert.deepEqual(readable.value, readableOf(full.value));
  return full.value;
}

describe('deriveReadable: the plain and Unicode forms, the same as derive() writes them', () => {
  for (const c of loadCorpus()) {
    it(c.id, () => {
      for (const layout of ['numerator', 'denominator', 'mixed'] as const) {
        assertSameAsDerive({ expr: c.expr, wrt: c.wrt, layout, ...(c.where ? { where: c.where } : {}), ...(c.order ? { order: c.order } : {}) });
      }
    });
  }

  it('results written in the binding form (chained assignments, a 16-layer network) and as a tree (2 layers)', () => {
    for (const req of [chainedRequest(8), mlpNumpyRequest(16)]) {
      const r = assertSameAsDerive(req);
      assert.ok(r && r.result.text.includes(' where '), 'the result is in the binding form');
    }
    const tree = assertSameAsDerive(mlpNumpyRequest(2));
    assert.ok(tree && !tree.result.text.includes(' where '), 'the result is a tree');
  });

  it('an input written in the binding form (the NumPy chain read as one expression, written with its shared parts named)', () => {
    const r = assertSameAsDerive({ ...chainedRequest(8), wrt: ['x'] });
    assert.ok(r && r.input.text.includes(' where '), 'the input is in the binding form');
  });

  it('a named form, a block form, steps, a check and an index form', () => {
    const named = assertSameAsDerive({ expr: 'softmax(z)', wrt: ['z'], where: 'z: vector(n)', steps: true, check: true });
    assert.ok(named?.result.named && named.steps && named.check, 'named form, steps and check');
    const blocks = assertSameAsDerive({ expr: 'softmax(Z, 2)', wrt: ['Z'], where: 'Z: matrix(N, k)', layout: 'denominator' });
    assert.ok(blocks?.result.blocks, 'block form');
    const index = assertSameAsDerive({ expr: 'inv(X)', wrt: ['X'], where: 'X: matrix(n, n)', form: 'index' });
    assert.ok(index?.indexForm, 'index form');
    const summary = assertSameAsDerive({ expr: "x'*A*x", wrt: ['x'], steps: true, granularity: 'summary' });
    assert.ok(summary?.steps, 'summary steps');
  });

  it('requests that fail answer as derive() does', () => {
    assertSameAsDerive({ expr: 'x*y', wrt: ['z'], where: 'x, y: scalar' });
    assertSameAsDerive({ expr: 'A*', wrt: ['A'] });
    assertSameAsDerive({ expr: 'sum(x)', wrt: ['x'], form: 'index' });
    assertSameAsDerive({ expr: '∂/∂y (x^2)', wrt: ['x'] });
  });

  it('does less work than derive() on a 32-layer network: the result is written in two notations, not three', () => {
    // Counted, not timed: the budget's cancellation polls, one per CHECK_EVERY checkpoints (every
    // constructor and every node a writer walks passes one). Each request has variables of its own, so
    // that neither reuses the other's derivative (calculus/derive.ts remembers the last ones).
    const network = (tag: string): DeriveRequest => {
      const weights = Array.from({ length: 32 }, (_, k) => `W${tag}_${k + 1}`);
      const body = weights.map((w) => `    h = np.tanh(${w} @ h)`);
      const expr = [`def loss(x${tag}, y${tag}):`, `    h = x${tag}`, ...body, `    return np.linalg.norm(h - y${tag})**2`].join('\n');
      return { expr, where: `${weights.join(', ')}: matrix(n, n); x${tag}, y${tag}: vector(n)`, wrt: [weights[0]], layout: 'mixed', from: 'numpy', timeLimitMs: 600_000 };
    };
    const work = (answer: () => { ok: boolean }): number => {
      let polls = 0;
      const r = withBudget({ timeMs: 600_000, cancelled: () => (polls++, false) }, answer);
      assert.ok(r.ok);
      return polls;
    };
    const full = work(() => derive(network('rf')));
    const readable = work(() => deriveReadable(network('rr')));
    assert.ok(readable <= 0.9 * full, `deriveReadable ${readable} polls, derive() ${full}`);
  });

  it('with steps, does less work than derive(): each step is written in Unicode only (matcalc derive --steps)', () => {
    // Counted, not timed, as above; fresh variables for each request. Both answers' steps agree (above).
    const request = (tag: string): DeriveRequest => {
      const r = chainedRequest(6);
      const named = (text: string): string => text.replace(/\bx\b/g, `x${tag}`);
      return { ...r, expr: named(r.expr), where: named(r.where ?? ''), wrt: [`x${tag}`], steps: true, timeLimitMs: 600_000 };
    };
    const work = (answer: () => { ok: boolean }): number => {
      let polls = 0;
      const r = withBudget({ timeMs: 600_000, cancelled: () => (polls++, false) }, answer);
      assert.ok(r.ok);
      return polls;
    };
    assertSameAsDerive(request('c'));
    const full = work(() => derive(request('sf')));
    const readable = work(() => deriveReadable(request('sr')));
    assert.ok(readable <= 0.9 * full, `deriveReadable ${readable} polls, derive() ${full}`);
  });
});
