/**
 * Fuzzing the readers through the public entry points (CI size; `npm run fuzz` runs 100,000 per
 * reader): random full-Unicode text, operator soup and mutated valid inputs, in each notation. No
 * request may throw or fail without a well-formed Diagnostic (code, message, span inside the text it
 * refers to); `npm run fuzz` also flags a request slower than REQUEST_TIME_LIMIT_MS (at its fastest of
 * TIMINGS) as a hang.
 */
import assert from 'node:assert/strict';
import type { DiagnosticCode, Notation } from '../../../src/core/index';
import { fuzzReader } from '../../fuzz/readers';
import { diagnosticProblem, runRequest, shortened, TIMINGS } from '../../fuzz/request';
import { mutate, tokenize, type Mutation } from '../../fuzz/texts';

/** Inputs per reader in the unit suite (3 readers: 3,000 requests, a few seconds). */
const RUNS = 1_000;
const SEED = 20_251_126;

describe('robustness: fuzzed readers answer every input with a result or a clear error', function () {
  this.timeout(120_000);
  for (const from of ['plain', 'latex', 'numpy'] as Notation[]) {
    // No wall-clock bound here (speed is measured by `npm run bench`, never asserted in `npm test`):
    // a hang still ends in the core's own time budget (limit.time, a well-formed diagnostic) or in
    // mocha's timeout. `npm run fuzz` keeps the REQUEST_TIME_LIMIT_MS flag as a hang detector.
    it(`${from}: ${RUNS} random and mutated inputs, none throws or answers badly`, () => {
      const r = fuzzReader(from, { runs: RUNS, seed: SEED, limitMs: Number.POSITIVE_INFINITY });
      assert.ok(r.failure === undefined, r.failure && `${r.failure.problem.kind}: ${r.failure.problem.detail}\ninput: ${shortened(r.failure.input, 2000)}`);
      assert.equal(r.runs, RUNS);
      // every kind of input was drawn, and some mutated inputs still reach the differentiator
      for (const kind of ['unicode', 'soup', 'mutation'] as const) assert.ok(r.byKind[kind] > RUNS / 5, `${kind}: ${r.byKind[kind]}`);
      assert.ok(r.derived > 0, `no ${from} input was derived`);
    });
  }
});

/** Inputs the fuzzers found (or that stand for what they found), kept so that they stay answered well. */
const FOUND: readonly { expr: string; where?: string; from: Notation }[] = [
  { expr: '"\\', from: 'numpy' }, // an unclosed string ending in a backslash: its span ran past the text
  { expr: "'''", from: 'numpy' },
  { expr: '"""a', from: 'numpy' },
  { expr: '\ud835', from: 'plain' },
  { expr: 'x\u0000y', from: 'latex' },
  { expr: `\\sum_i \\log(1 + e^{-y_i${"'".repeat(2_000)} x_i^\\top w})`, from: 'latex' },
  { expr: `3${'.T'.repeat(4_000)}*x**2*y`, from: 'numpy' },
  { expr: '\\left( A + A^0 \\right) \\mathbf{x}', from: 'latex' }, // A^0: "add of nothing" thrown by the engines
];

describe('robustness: inputs the fuzzers found are answered well', () => {
  for (const input of FOUND) {
    it(`${input.from}: ${shortened(JSON.stringify(input.expr), 60)}`, () => {
      const r = runRequest(input, Number.POSITIVE_INFINITY);
      assert.ok(r.problem === undefined, r.problem && `${r.problem.kind}: ${r.problem.detail}`);
    });
  }
});

describe('robustness: the fuzzing harness itself', () => {
  it('tokenizes the notations into names, numbers, control words and operators', () => {
    assert.deepEqual(tokenize("x'*A.^2 + \\frac{1}{2}"), ['x', "'", '*', 'A', '.^', '2', ' ', '+', ' ', '\\frac', '{', '1', '}', '{', '2', '}']);
    assert.deepEqual(tokenize('np.exp(x)**2'), ['np', '.', 'exp', '(', 'x', ')', '**', '2']);
  });

  it('applies mutations as written (positions modulo the length)', () => {
    const ms: Mutation[] = [
      { kind: 'replace', at: 0, token: 'y' },
      { kind: 'nest', at: 0, length: 1, nester: 0, depth: 3 },
      { kind: 'insert', at: 101, token: '+' },
    ];
    assert.equal(mutate('x', ms), '(((y)))+');
    assert.equal(mutate('a*b', [{ kind: 'duplicate', at: 1, length: 2, to: 3, times: 2 }]), 'a*b*b*b');
    assert.equal(mutate('a*b', [{ kind: 'delete', at: 4 }]), 'ab');
  });

  it('recognizes a malformed diagnostic', () => {
    const input = { expr: 'abc', from: 'plain' as const };
    // Malformed on purpose (as a diagnostic read from JSON could be): the code is any string.
    const bad = (start: number, end: number, message = 'm', code = 'c') => ({ ok: false as const, error: { start, end, message, code: code as DiagnosticCode } });
    assert.equal(diagnosticProblem(bad(0, 3), input), undefined);
    assert.match(diagnosticProblem(bad(2, 4), input) ?? '', /outside/);
    assert.match(diagnosticProblem(bad(2, 1), input) ?? '', /outside/);
    assert.match(diagnosticProblem(bad(0, 1, ' '), input) ?? '', /empty message/);
    assert.match(diagnosticProblem(bad(0, 1, 'm', ''), input) ?? '', /no code/);
    assert.match(diagnosticProblem(bad(0.5, 1), input) ?? '', /non-integer/);
  });

  it(`flags a request over the time limit, timed ${TIMINGS} times`, () => {
    const r = runRequest({ expr: 'x', from: 'plain' }, -1);
    assert.equal(r.problem?.kind, 'slow');
    assert.match(r.problem?.detail ?? '', new RegExp(`in ${TIMINGS} timings`));
  });
});
