/**
 * The claims corpus (test/corpus/claims/*.json): right and wrong derivatives drawn from the classic
 * mistakes of textbooks and Q&A threads — layouts mixed up, 2Ax for a general A, lost factors of 2
 * and 1/N, product-rule terms dropped, the Cookbook's "symmetric derivative" — each with its
 * verdict and expected diagnosis. No wrong claim may be called correct and no right one incorrect.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkClaim, type DiagnosisKind, type Layout, type Notation } from '../../../src/core/index';

interface ClaimCase {
  readonly id: string;
  readonly source: string;
  readonly expr: string;
  readonly wrt: readonly string[];
  readonly where?: string;
  readonly layout?: Layout;
  readonly order?: 1 | 2;
  readonly from?: Notation;
  readonly claim: string;
  readonly verdict: 'correct' | 'incorrect';
  readonly diagnosis?: DiagnosisKind;
  readonly factor?: string;
}

const DIR = join(__dirname, '..', '..', '..', '..', 'test', 'corpus', 'claims');

function load(): ClaimCase[] {
  return readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
    .flatMap((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as ClaimCase[]);
}

describe('check: the corpus of classic mistakes', function () {
  this.timeout(60_000);
  const cases = load();
  it('has at least 80 claims, right and wrong, every diagnosis kind among them', () => {
    assert.ok(cases.length >= 80, `${cases.length} claims`);
    const kinds = new Set(cases.map((c) => c.diagnosis).filter((k) => k !== undefined));
    for (const k of ['layout', 'symmetric-only', 'probabilities-only', 'scaled', 'sign', 'missing-term', 'extra-term', 'shape', 'other']) assert.ok(kinds.has(k as DiagnosisKind), k);
    assert.ok(cases.filter((c) => c.verdict === 'correct').length >= 30);
    assert.ok(cases.filter((c) => c.verdict === 'incorrect').length >= 30);
  });
  it('no false "correct", no false "incorrect", and the expected diagnosis for every wrong claim', () => {
    const falseCorrect: string[] = [];
    const falseIncorrect: string[] = [];
    const wrongDiagnosis: string[] = [];
    for (const c of cases) {
      const r = checkClaim({ expr: c.expr, wrt: c.wrt, claim: c.claim, where: c.where, layout: c.layout, order: c.order, from: c.from });
      if (!r.ok) assert.fail(`${c.id}: ${r.error.code} ${r.error.message}`);
      const v = r.value;
      if (c.verdict === 'incorrect' && v.verdict === 'correct') falseCorrect.push(c.id);
      if (c.verdict === 'correct' && v.verdict === 'incorrect') falseIncorrect.push(`${c.id} (${v.diagnosis?.kind}: ${v.diagnosis?.detail})`);
      if (c.verdict === 'incorrect' && v.verdict === 'incorrect') {
        if (v.diagnosis?.kind !== c.diagnosis) wrongDiagnosis.push(`${c.id}: ${v.diagnosis?.kind} (${v.diagnosis?.detail}), expected ${c.diagnosis}`);
        else if (c.factor !== undefined && v.diagnosis?.factor !== c.factor) wrongDiagnosis.push(`${c.id}: factor ${v.diagnosis?.factor}, expected ${c.factor}`);
      }
    }
    assert.deepEqual(falseCorrect, [], 'wrong claims called correct');
    assert.deepEqual(falseIncorrect, [], 'right claims called incorrect');
    assert.deepEqual(wrongDiagnosis, []);
  });
});
