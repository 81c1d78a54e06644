/**
 * deriveReadable (what `matcalc derive` prints for a person: plain text and Unicode, no LaTeX)
 * answers exactly what derive() answers in those forms — the input's text, the result's text,
 * Unicode and shape, the named and block forms' Unicode lines, the check, the steps, the index form,
 * the assumptions — for every corpus case in every layout, for results written in the binding form
 * (chained assignments, deep networks, whose input is written as a tree or in the binding form), for
 * named and block forms, steps, checks and index forms, and for requests that fail (the same
 * Diagnostic).
 */
import * as assert from 'node:assert/strict';
import { derive, deriveReadable, namedForms, type DeriveRequest, type DeriveResult, type ReadableAnswer } from '../../../src/core/index';
import { chainedRequest, mlpNumpyRequest } from '../../../bench/families';
import { loadCorpus } from './corpus.test';

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
    ...(r.indexForm ? { indexForm: r.indexForm } : {}),
    ...(r.steps ? { steps: r.steps } : {}),
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
});
