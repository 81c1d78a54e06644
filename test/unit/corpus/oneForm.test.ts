/**
 * deriveForm (the CLI's and the batch's `--emit text` / `--emit latex`, which write one form only)
 * answers exactly what derive() answers in that form: for every corpus case in every layout, for
 * results written in the binding form (chained assignments, a deep network), and for requests that
 * fail (the same Diagnostic).
 */
import * as assert from 'node:assert/strict';
import { derive, deriveForm, type DeriveRequest } from '../../../src/core/index';
import { chainedRequest, mlpNumpyRequest } from '../../../bench/families';
import { loadCorpus } from './corpus.test';

const FORMS = ['text', 'unicode', 'latex'] as const;

function assertSameAsDerive(req: DeriveRequest): void {
  const full = derive(req);
  for (const form of FORMS) {
    const one = deriveForm(req, form);
    if (!full.ok) {
      assert.deepEqual(one, full, `${form}: the same error as derive()`);
      continue;
    }
    assert.ok(one.ok, one.ok ? '' : one.error.message);
    assert.equal(one.value, full.value.result[form], form);
  }
}

describe('deriveForm: one form, the same as derive() writes it', () => {
  for (const c of loadCorpus()) {
    it(c.id, () => {
      for (const layout of ['numerator', 'denominator', 'mixed'] as const) {
        assertSameAsDerive({ expr: c.expr, wrt: c.wrt, layout, ...(c.where ? { where: c.where } : {}), ...(c.order ? { order: c.order } : {}) });
      }
    });
  }

  it('results written in the binding form: chained assignments and a 16-layer network', () => {
    for (const req of [chainedRequest(8), mlpNumpyRequest(16)]) {
      const r = derive(req);
      assert.ok(r.ok && r.value.result.text.includes(' where '), 'the result is in the binding form');
      assertSameAsDerive(req);
    }
  });

  it('the index form asked for, and requests that fail, answer as derive() does', () => {
    assertSameAsDerive({ expr: 'inv(X)', wrt: ['X'], where: 'X: matrix(n, n)', form: 'index' });
    assertSameAsDerive({ expr: 'x*y', wrt: ['z'], where: 'x, y: scalar' });
    assertSameAsDerive({ expr: 'A*', wrt: ['A'] });
    assertSameAsDerive({ expr: 'sum(x)', wrt: ['x'], form: 'index' });
  });
});
