/**
 * The corpus (test/corpus/*.json): every worked example and reference row of Parr & Howard, the
 * Matrix Cookbook identities of matrix-calculus-peers.md §(b), machine-learning losses, and the
 * regressions found by the property tests. Each derivative is checked against central finite
 * differences at several random points, and its textbook form (`expect`, the plain text of the
 * presented result) is compared exactly where the case states one.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { derive, type Layout } from '../../../src/core/index';

export interface CorpusCase {
  readonly id: string;
  readonly source: string;
  readonly expr: string;
  readonly where?: string;
  readonly wrt: readonly string[];
  readonly order?: 1 | 2;
  readonly layout?: Layout;
  /** The presented result as plain text (textbook form). */
  readonly expect?: string;
}

const CORPUS_DIR = join(__dirname, '..', '..', '..', '..', 'test', 'corpus');

export function loadCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const file of readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const data = JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as unknown[];
    for (const c of data) {
      if (typeof c === 'object' && c !== null && 'expr' in c && 'wrt' in c) cases.push(c as CorpusCase);
    }
  }
  return cases;
}

describe('corpus: derivatives agree with finite differences and read as in the textbooks', () => {
  const cases = loadCorpus();
  it('has at least 80 cases', () => assert.ok(cases.length >= 80, `${cases.length} cases`));
  it('has at least 60 batch-form cases (issue 13), each with its textbook answer or a numerical check only where the form is long', () => {
    const batch = JSON.parse(readFileSync(join(CORPUS_DIR, 'batch.json'), 'utf8')) as CorpusCase[];
    assert.ok(batch.length >= 60, `${batch.length} batch cases`);
    assert.ok(batch.filter((c) => c.expect !== undefined).length >= 60, 'textbook answers');
  });
  for (const c of cases) {
    it(`${c.id} — ${c.source}`, () => {
      const r = derive({ expr: c.expr, where: c.where, wrt: c.wrt, order: c.order, layout: c.layout, check: true });
      assert.ok(r.ok, r.ok ? '' : `${r.error.message} (${r.error.code})`);
      const { check, result } = r.value;
      assert.ok(check && check.passed, `numerical check failed: max relative error ${check?.maxRelError} over ${check?.samples} points; result ${result.text}`);
      assert.ok(check.samples >= 3);
      if (c.expect !== undefined) assert.equal(result.text, c.expect);
    });
  }
});

describe('derive: variables the expression does not use', () => {
  it('a declared but unused variable has a zero derivative of its shape', () => {
    const r = derive({ expr: "x'*x", where: 'x: vector(n); y: vector(n)', wrt: ['y'], check: true });
    assert.ok(r.ok);
    assert.equal(r.value.result.text, 'zeros(1, n)');
    assert.ok(r.value.check?.passed);
  });
  it('an unknown variable is an error naming the variables there are', () => {
    const r = derive({ expr: "x'*x", wrt: ['q'] });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'wrt.unknown');
    assert.match(r.error.message, /'q' does not occur .*variables: x/);
  });
});
