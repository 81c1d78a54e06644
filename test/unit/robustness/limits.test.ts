/**
 * Limits and how they answer: the input length, nesting depth 100,000 in every notation (refused
 * with limit.depth, never a stack overflow), the internal pipeline on expressions 100,000 levels
 * deep (every pass iterative), and the shared limits module (src/core/limits): the time budget, the
 * size of a numerical check and the matrix exponent.
 */
import assert from 'node:assert/strict';
import { derive, variables, type Notation } from '../../../src/core/index';
import { MAX_DEPTH, MAX_INPUT_LENGTH } from '../../../src/core/syntax/index';
import {
  checkpoint, checkSizeProblem, CHECK_EVERY, LimitExceeded, limitDiagnostic, matrixExponentProblem, MAX_CHECK_VARIABLE_ENTRIES,
  MAX_MATRIX_EXPONENT, withBudget,
} from '../../../src/core/limits/index';
import { readPlain } from '../../../src/core/syntax/index';
import { differentiate } from '../../../src/core/calculus/derive';
import { diagnosticProblem } from '../../fuzz/request';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { deepPipeline, DEEP_BUILDERS, type DeepReport } from '../../fuzz/deep';

const DEPTH = 100_000;

/** Inputs nested DEPTH levels where the notation allows it in MAX_INPUT_LENGTH characters, else as deep as fits. */
const DEEP_INPUTS: Readonly<Record<Notation, readonly string[]>> = {
  // Plain calls: f( (33,333 levels fit; exp( would fit only 20,000, under the plain MAX_DEPTH of 30,000).
  // A run of signs is one level (read as the sign it amounts to); -( nests two per pair.
  plain: ['-('.repeat(33_333) + 'x' + ')'.repeat(33_333), '('.repeat(49_999) + 'x' + ')'.repeat(49_999), "x'".padEnd(DEPTH, "'"), 'f('.repeat(33_333) + 'x' + ')'.repeat(33_333)],
  // LaTeX: x^{ (24,999 levels fit) is under MAX_DEPTH and reads; a chain of primes is past it.
  latex: ['-'.repeat(DEPTH - 1) + 'x', '{'.repeat(49_999) + 'x' + '}'.repeat(49_999), '('.repeat(49_999) + 'x' + ')'.repeat(49_999), 'x' + "'".repeat(DEPTH - 1)],
  // NumPy: np.exp( (12,000 levels fit) is under MAX_DEPTH and reads; .sum() chains past it fit.
  numpy: ['-('.repeat(33_333) + 'x' + ')'.repeat(33_333), '('.repeat(49_999) + 'x' + ')'.repeat(49_999), 'x' + '.sum()'.repeat(16_000), 'x' + '.T'.repeat(49_999)],
  unicode: ['−'.repeat(DEPTH - 1) + 'x', '('.repeat(49_999) + 'x' + ')'.repeat(49_999)],
};

describe('limits: input length and nesting depth', function () {
  this.timeout(60_000);
  for (const from of ['plain', 'latex', 'numpy', 'unicode'] as Notation[]) {
    it(`${from}: inputs nested ${DEPTH.toLocaleString('en-US')} levels deep are refused with limit.depth (no stack overflow)`, () => {
      for (const expr of DEEP_INPUTS[from]) {
        assert.ok(expr.length <= MAX_INPUT_LENGTH, `${expr.length}`);
        for (const run of [() => derive({ expr, from, order: 2, check: true }), () => variables(expr, undefined, from)]) {
          const o = run();
          assert.equal(o.ok, false, `${from}: ${expr.slice(0, 20)}… was accepted`);
          if (!o.ok) {
            assert.equal(o.error.code, 'limit.depth', `${from}: ${expr.slice(0, 20)}…: ${o.error.code}: ${o.error.message}`);
            assert.equal(diagnosticProblem(o, { expr, from }), undefined);
          }
        }
      }
    });

    it(`${from}: an input longer than ${MAX_INPUT_LENGTH.toLocaleString('en-US')} characters is refused with limit.size`, () => {
      const expr = 'x + '.repeat(MAX_INPUT_LENGTH / 4) + 'x';
      const o = derive({ expr, from });
      assert.equal(o.ok, false);
      if (!o.ok) {
        assert.equal(o.error.code, 'limit.size');
        assert.equal(diagnosticProblem(o, { expr, from }), undefined);
      }
    });
  }

  /** Postfix chains (transposes, powers, subscripts, attributes, method calls) are built in loops, not by recursion. */
  const POSTFIX: Readonly<Record<Notation, readonly string[]>> = {
    plain: ["'", '^T', '.^2', "^2'"],
    latex: ["'", '^T', '^{\\top}', '^2', '_1', '^{-1}'],
    numpy: ['.T', '[0]', '.sum()', '**2', '[:, 0]', '.a'],
    unicode: ['ᵀ', '²', '⁻¹', '₁'],
  };
  for (const from of ['plain', 'latex', 'numpy', 'unicode'] as Notation[]) {
    it(`${from}: postfix chains 3,000 and 30,000 long answer with a Diagnostic or a result, never a stack overflow`, () => {
      for (const p of POSTFIX[from]) {
        for (const n of [3_000, 30_000]) {
          const expr = 'x' + p.repeat(Math.min(n, Math.floor((MAX_INPUT_LENGTH - 1) / p.length)));
          let o: ReturnType<typeof derive> | undefined;
          assert.doesNotThrow(() => {
            o = derive({ expr, from });
          }, `${from}: x${p}… (${n} times) threw`);
          if (o && !o.ok) assert.equal(diagnosticProblem(o, { expr, from }), undefined);
        }
      }
    });
  }

  it(`the plain depth limit is ${MAX_DEPTH}: one level less is read`, () => {
    assert.ok(readPlain('('.repeat(MAX_DEPTH - 1) + 'x' + ')'.repeat(MAX_DEPTH - 1)).ok);
    assert.equal(readPlain('('.repeat(MAX_DEPTH + 1) + 'x' + ')'.repeat(MAX_DEPTH + 1)).ok, false);
    // a run of signs is one level however long
    assert.ok(readPlain('-'.repeat(MAX_DEPTH + 1) + 'x').ok);
  });

  it('long flat inputs are not deep: a 10,000-term sum differentiates', () => {
    const expr = Array.from({ length: 10_000 }, (_, i) => `a${i % 50}*x`).join(' + ');
    // What is tested is that a long flat input is not refused as deep, not its speed (that is
    // `npm run bench`'s): about 0.8 s of CPU, so the budget is wide enough for a loaded machine.
    const o = derive({ expr, wrt: ['x'], where: 'x: vector(n)', timeLimitMs: 30_000 });
    assert.ok(o.ok, o.ok ? '' : o.error.message);
  });
});

/** deepPipeline in a child process (deepPipelineProbe.ts: the chains' nodes would fill this process's hash-consing table). */
function deepPipelineApart(name: string, depth: number, differentiate: boolean): DeepReport {
  const args = [path.join(__dirname, 'deepPipelineProbe.js'), name, String(depth), ...(differentiate ? ['differentiate'] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 })) as DeepReport;
}

describe('limits: the pipeline on expressions 100,000 levels deep (built directly, past the readers)', function () {
  this.timeout(120_000);
  it('a chain of 100,000 sums: differentiate, present, write (text, LaTeX, NumPy), normalize, simplify, evaluate', () => {
    const report = deepPipelineApart('sum', DEPTH, true);
    assert.ok(report.stages.includes('differentiate') && report.stages.includes('toNumpy'), report.stages.join(', '));
    assert.deepEqual(report.threw, [], report.threw.join('\n'));
  });
  for (const name of Object.keys(DEEP_BUILDERS).filter((b) => b !== 'sum')) {
    it(`a chain of 100,000 ${name} nodes: write (text, LaTeX), normalize, simplify, evaluate`, () => {
      const report = deepPipelineApart(name, DEPTH, false);
      assert.deepEqual(report.stages, ['toText', 'toLatex', 'normalize', 'simplify', 'evaluate']);
      assert.deepEqual(report.threw, [], report.threw.join('\n'));
    });
  }
  it('chains of 1,000 of each kind also differentiate', () => {
    for (const name of Object.keys(DEEP_BUILDERS)) {
      const report = deepPipeline(name, 1_000, { differentiate: true });
      assert.deepEqual(report.threw, [], `${name}: ${report.threw.join('\n')}`);
    }
  });
});

describe('limits module: the time budget', () => {
  it('stops a long computation at a checkpoint once the clock passes the deadline', () => {
    let clock = 0;
    const run = () => withBudget({ timeMs: 100, now: () => clock }, () => {
      for (let i = 0; ; i++) {
        clock = i; // one "ms" per checkpoint
        checkpoint();
      }
    });
    assert.throws(run, (e: unknown) => e instanceof LimitExceeded && e.code === 'limit.time' && /100 ms/.test(e.message));
    // the clock is read every CHECK_EVERY checkpoints, so the overshoot is bounded by that
    assert.ok(clock <= 100 + CHECK_EVERY, `${clock}`);
  });

  it('honours cancellation, and costs nothing outside a budget', () => {
    let cancel = false;
    assert.throws(
      () => withBudget({ cancelled: () => cancel }, () => {
        for (let i = 0; ; i++) {
          if (i === 5_000) cancel = true;
          checkpoint();
        }
      }),
      (e: unknown) => e instanceof LimitExceeded && e.code === 'limit.cancelled',
    );
    for (let i = 0; i < 10 * CHECK_EVERY; i++) checkpoint();
  });

  it('keeps the earlier deadline when nested, and removes the budget afterwards', () => {
    let clock = 0;
    const now = () => clock;
    assert.throws(() => withBudget({ timeMs: 10, now }, () => withBudget({ timeMs: 1_000_000, now }, () => {
      for (;;) {
        clock++;
        checkpoint();
      }
    })), LimitExceeded);
    clock = 0;
    assert.equal(withBudget({ timeMs: 10, now }, () => 42), 42);
    clock = 1e9;
    for (let i = 0; i < 2 * CHECK_EVERY; i++) checkpoint(); // no budget: no throw
  });

  it('runs a nested budget on its outer budget\'s clock', () => {
    // The outer clock counts from 0; Date.now() is ~1.7e12 ms. A nested budget on Date.now would
    // compare its readings with the outer deadline (100) and stop at once.
    let clock = 0;
    const ticks = 10 * CHECK_EVERY;
    const inner = () => withBudget({ timeMs: 1_000 }, () => {
      for (let i = 0; i < ticks; i++) checkpoint();
      return 'done';
    });
    assert.equal(withBudget({ timeMs: 100, now: () => clock }, inner), 'done');
    // ... and the outer deadline still binds, on the outer clock.
    assert.throws(() => withBudget({ timeMs: 100, now: () => clock }, () => withBudget({ timeMs: 1_000 }, () => {
      for (;;) {
        clock++;
        checkpoint();
      }
    })), (e: unknown) => e instanceof LimitExceeded && e.code === 'limit.time');
  });

  it('derive() measures timeLimitMs on the clock the request gives', () => {
    const expr = 'exp('.repeat(100) + "x'*A*x" + ')'.repeat(100);
    const where = 'x: vector(n); A: matrix(n, n)';
    // A clock that advances one ms per reading: the request spends its 5 ms after 5 readings.
    let t = 0;
    const fast = derive({ expr, where, timeLimitMs: 5, clock: () => t++ });
    assert.equal(fast.ok, false);
    if (!fast.ok) assert.equal(fast.error.code, 'limit.time');
    assert.ok(t > 5, `${t}`);
    // A stopped clock never runs out, whatever the wall clock does.
    const stopped = derive({ expr, where, timeLimitMs: 1, clock: () => 0 });
    assert.equal(stopped.ok, true, stopped.ok ? '' : stopped.error.message);
  });

  it('answers with a Diagnostic spanning the input', () => {
    const d = limitDiagnostic(new LimitExceeded('limit.time', 'too long'), 7);
    assert.deepEqual(d, { message: 'too long', code: 'limit.time', start: 0, end: 7 });
  });
});

describe('limits module: the size of a numerical check', () => {
  const read = (expr: string, where: string) => {
    const r = readPlain(expr, where);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    return r.value;
  };
  const problem = (expr: string, where: string, wrt: string, order: 1 | 2 = 1) => {
    const r = read(expr, where);
    const x = [...r.variables, ...r.unused].filter((v) => v.name === wrt);
    const d = differentiate(r.expr, x, order);
    return checkSizeProblem([r.expr, d.expr], x, { order, withGradient: true });
  };

  it('accepts symbolic dimensions (checked at sizes 2–4) and moderate literal ones', () => {
    assert.equal(problem("x'*A*x", 'x: vector(n); A: matrix(n, n)', 'x'), undefined);
    assert.equal(problem('tr(A*A)', 'A: matrix(16, 16)', 'A'), undefined);
    assert.equal(problem('norm2(A*x - b)^2', 'A: matrix(10, 10); x: vector(10); b: vector(10)', 'x', 2), undefined);
  });

  it('refuses huge literal sizes before allocating anything', () => {
    for (const [expr, where, wrt] of [
      ['sum(x)', 'x: vector(100000000)', 'x'],
      ['a*sum(eye(100000))', 'a: scalar', 'a'],
      ['tr(A*A)', 'A: matrix(3000, 3000)', 'A'],
      ['entry(A, 100000000, 1)', 'A: matrix(n, n)', 'A'],
      ['sum(vec(B)*a)', 'B: matrix(1000, 1000); a: scalar', 'a'],
    ] as const) {
      const d = problem(expr, where, wrt);
      assert.ok(d, `${expr} where ${where} was accepted`);
      assert.equal(d.code, 'limit.check-size');
      assert.match(d.message, /without a numerical check/);
    }
  });

  it(`limits the perturbed entries to ${MAX_CHECK_VARIABLE_ENTRIES}, and far fewer for second differences`, () => {
    const r = read('sum(exp(x))', 'x: vector(300)');
    assert.ok(checkSizeProblem([r.expr], r.variables)?.message.includes('300 entries'));
    const s = read('sum(exp(x))', 'x: vector(100)');
    assert.equal(checkSizeProblem([s.expr], s.variables), undefined);
    assert.ok(checkSizeProblem([s.expr], s.variables, { order: 2 }), 'second differences of 100 entries');
  });
});

describe('limits module: the matrix exponent', () => {
  it(`accepts A^${MAX_MATRIX_EXPONENT} and refuses more, with the span of the exponent`, () => {
    assert.equal(matrixExponentProblem(MAX_MATRIX_EXPONENT, { start: 2, end: 4 }, () => 'A^64'), undefined);
    const d = matrixExponentProblem(1_000_000, { start: 2, end: 9 }, () => 'A^1000000');
    assert.equal(d?.code, 'limit.exponent');
    assert.deepEqual([d?.start, d?.end], [2, 9]);
    assert.match(d?.message ?? '', /A\^1000000/);
  });
});
