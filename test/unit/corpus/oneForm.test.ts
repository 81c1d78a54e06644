/**
 * deriveForm (the CLI's and the batch's `--emit text` / `--emit latex`, which write one form only)
 * answers exactly what derive() answers in that form: for every corpus case in every layout, for
 * results written in the binding form (chained assignments, a deep network), and for requests that
 * fail (the same Diagnostic). A request for the index form is refused where derive() refuses it, and
 * its index form is not written (counted, not timed).
 */
import * as assert from 'node:assert/strict';
import { derive, deriveForm, type DeriveRequest } from '../../../src/core/index';
import { chainedRequest, mlpNumpyRequest } from '../../../bench/families';
import { withBudget } from '../../../src/core/limits/index';
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

  it('a request for the index form does not write it, nor the other forms: less work than derive() on an 8-layer network', () => {
    // Counted, not timed: the budget's cancellation polls, one per CHECK_EVERY checkpoints (every
    // constructor and every node a writer walks passes one). Each request has variables of its own, so
    // that neither reuses the other's derivative (calculus/derive.ts remembers the last ones).
    const network = (tag: string): DeriveRequest => {
      const weights = Array.from({ length: 8 }, (_, k) => `W${tag}_${k + 1}`);
      const expr = weights.reduce((e, w) => `tanh(${w}*${e})`, `x${tag}`);
      return { expr, where: `${weights.join(', ')}: matrix(n, n); x${tag}: vector(n)`, wrt: [weights[0]], form: 'index', timeLimitMs: 600_000 };
    };
    const work = (answer: () => { ok: boolean }): number => {
      let polls = 0;
      const r = withBudget({ timeMs: 600_000, cancelled: () => (polls++, false) }, answer);
      assert.ok(r.ok);
      return polls;
    };
    const full = work(() => derive(network('ff')));
    const one = work(() => deriveForm(network('fo'), 'latex'));
    assert.ok(one <= 0.5 * full, `deriveForm ${one} polls, derive() ${full}`);
    assertSameAsDerive(network('fs'));
  });
});
