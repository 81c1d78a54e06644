/**
 * Deep input through the plain reader (issue 17): 10,000 levels of each kind of nesting read
 * (parser, shape inference, building: no recursion on the JavaScript stack, or recursion from
 * checkpoints a bounded distance apart), write and read back as the same node; the reader does not
 * depend on the host's stack size; past MAX_DEPTH a clean `limit.depth` with its position. Sizes
 * only, no timings.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { derive } from '../../../src/core/index';
import { MAX_DEPTH, MAX_INPUT_LENGTH, readPlain } from '../../../src/core/syntax/index';
import { toText } from '../../../src/core/write/index';
import { exprDepth } from './depth';

const LEVELS = 10_000;

/** 10,000 levels of each kind of nesting, in the plain syntax. */
const DEEP: readonly (readonly [string, string, string])[] = [
  ['parentheses', `${'('.repeat(LEVELS)}x${')'.repeat(LEVELS)}`, 'x: scalar'],
  ['calls', `${'sin('.repeat(LEVELS)}x${')'.repeat(LEVELS)}`, 'x: scalar'],
  ['signs', `${'-'.repeat(LEVELS)}x`, 'x: scalar'],
  ['negated groups', `${'-('.repeat(LEVELS)}x${')'.repeat(LEVELS)}`, 'x: scalar'],
  ['right-nested powers', `${'x^('.repeat(LEVELS)}x${')'.repeat(LEVELS)}`, 'x: scalar'],
  ['left-nested powers', `x${'^2'.repeat(LEVELS)}`, 'x: scalar'],
  ['right-nested sums', `${'a + ('.repeat(LEVELS)}x${')'.repeat(LEVELS)}`, 'x, a: scalar'],
  ['vector literals', `sum(${'['.repeat(LEVELS)}x${']'.repeat(LEVELS)})`, 'x: scalar'],
  ['transposes', `x${"'".repeat(LEVELS)}`, 'x: vector(n)'],
];

describe('deep input (issue 17): 10,000 levels through the plain reader', function () {
  this.timeout(120_000);

  for (const [kind, text, where] of DEEP) {
    it(`${kind}: reads, writes and reads back as the same node`, () => {
      assert.ok(text.length <= MAX_INPUT_LENGTH);
      const r = readPlain(text, where);
      assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
      const written = toText(r.value.expr);
      const back = readPlain(written, where);
      assert.ok(back.ok, back.ok ? '' : `${back.error.code}: ${back.error.message}`);
      assert.equal(back.value.expr, r.value.expr, 'the written text reads back to the same hash-consed node');
      if (kind !== 'parentheses' && kind !== 'signs' && kind !== 'transposes') {
        // Parentheses vanish, and pairs of signs and of transposes cancel; every other kind stays deep.
        assert.ok(exprDepth(r.value.expr) >= LEVELS, `depth ${exprDepth(r.value.expr)}`);
      }
    });
  }

  it('differentiates (checked numerically) what is linear in the depth: 10,000 parentheses, vector literals, transposes', () => {
    for (const [kind, expr, where] of DEEP.filter(([k]) => ['parentheses', 'vector literals', 'transposes'].includes(k))) {
      const wrapped = kind === 'transposes' ? `sum(${expr})` : expr;
      const o = derive({ expr: wrapped, where, wrt: ['x'], check: true, timeLimitMs: 60_000 });
      assert.ok(o.ok, o.ok ? '' : `${kind}: ${o.error.code}: ${o.error.message}`);
      assert.equal(o.value.check?.passed, true, `${kind}: ${JSON.stringify(o.value.check)}`);
    }
  });

  it('a 256-layer MLP reads and differentiates through the reader', () => {
    let h = 'x';
    for (let k = 1; k <= 256; k++) h = `tanh(W${k}*${h})`;
    const weights = Array.from({ length: 256 }, (_, i) => `W${i + 1}`).join(', ');
    const o = derive({ expr: `norm2(${h} - y)^2`, where: `${weights}: matrix(n, n); x, y: vector(n)`, wrt: ['W1'], timeLimitMs: 60_000 });
    assert.ok(o.ok, o.ok ? '' : `${o.error.code}: ${o.error.message}`);
    assert.equal(o.value.wrtShape, 'n×n');
    assert.ok(o.value.result.text.length > 0);
  });

  it(`past MAX_DEPTH (${MAX_DEPTH.toLocaleString('en-US')}) a clean limit.depth at the first level too many`, () => {
    for (const text of [`${'('.repeat(MAX_DEPTH)}x${')'.repeat(MAX_DEPTH)}`, `${'-('.repeat(MAX_DEPTH / 2)}x${')'.repeat(MAX_DEPTH / 2)}`]) {
      const r = readPlain(text, 'x: scalar');
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.error.code, 'limit.depth');
        assert.deepEqual([r.error.start, r.error.end], [MAX_DEPTH, MAX_DEPTH + 1], text.slice(0, 5));
      }
    }
    assert.ok(readPlain(`${'('.repeat(MAX_DEPTH - 1)}x${')'.repeat(MAX_DEPTH - 1)}`, 'x: scalar').ok);
  });

  it('a run of signs is one level, read as the sign it amounts to: MAX_DEPTH + 1 minus signs are −x', () => {
    const r = readPlain(`${'-'.repeat(MAX_DEPTH + 1)}x`, 'x: scalar');
    assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
    assert.equal(toText(r.value.expr), '-x');
    const even = readPlain(`${'-'.repeat(MAX_DEPTH + 2)}x`, 'x: scalar');
    assert.ok(even.ok && toText(even.value.expr) === 'x');
  });

  it('does not depend on the stack size: 10,000 levels read in a process with a tenth of the default stack', () => {
    // A web worker or another host may give the core less stack than Node's default (~984 KB).
    const reader = path.resolve(__dirname, '../../../src/core/syntax/index.js');
    // The same inputs, built in the child (they are too long for its command line).
    const build = DEEP.map(([kind]) => JSON.stringify(kind));
    const script = `
      const { readPlain } = require(${JSON.stringify(reader)});
      const L = ${LEVELS}, r = (s, n) => s.repeat(n);
      const texts = {
        parentheses: [r('(', L) + 'x' + r(')', L), 'x: scalar'], calls: [r('sin(', L) + 'x' + r(')', L), 'x: scalar'],
        signs: [r('-', L) + 'x', 'x: scalar'], 'negated groups': [r('-(', L) + 'x' + r(')', L), 'x: scalar'],
        'right-nested powers': [r('x^(', L) + 'x' + r(')', L), 'x: scalar'], 'left-nested powers': ['x' + r('^2', L), 'x: scalar'],
        'right-nested sums': [r('a + (', L) + 'x' + r(')', L), 'x, a: scalar'],
        'vector literals': ['sum(' + r('[', L) + 'x' + r(']', L) + ')', 'x: scalar'], transposes: ['x' + r("'", L), 'x: vector(n)'],
      };
      let ok = 0;
      for (const kind of [${build.join(', ')}]) if (readPlain(...texts[kind]).ok) ok++;
      process.stdout.write(String(ok));`;
    const out = execFileSync(process.execPath, ['--stack-size=100', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
    assert.equal(out, String(DEEP.length));
  });
});

describe('deep input (issue 17): checkpoints only where the checker looks', () => {
  it('deep dimension, index, axis and unknown-function arguments answer as the same arguments in 3 parentheses', () => {
    const wrapped = (s: string, n: number): string => `${'('.repeat(n)}${s}${')'.repeat(n)}`;
    for (const [expr, where] of [
      [(n: number) => `sum(eye(${wrapped('n', n)})*x)`, 'x: vector(n)'],
      [(n: number) => `entry(A, ${wrapped('1', n)}, 2)`, 'A: matrix(n, n)'],
      [(n: number) => `sum(sum(A, ${wrapped('2', n)}))`, 'A: matrix(n, n)'],
      [(n: number) => `sum(vector(${wrapped('1', n)}) .* x)`, 'x: vector(n)'],
      [(n: number) => `foo(${wrapped('qq', n)})`, ''],
    ] as const) {
      const shallow = readPlain(expr(3), where);
      const deep = readPlain(expr(100), where);
      assert.equal(deep.ok, shallow.ok, expr(3));
      if (deep.ok && shallow.ok) assert.equal(deep.value.expr, shallow.value.expr, expr(3));
      if (!deep.ok && !shallow.ok) assert.equal(deep.error.code, shallow.error.code, expr(3));
    }
  });

  it('a deep tree lists its variables in order of first use', () => {
    const r = readPlain(`a + ${'('.repeat(200)}b*c${')'.repeat(200)} + d`, 'a, b, c, d: scalar');
    assert.ok(r.ok);
    assert.deepEqual(r.value.variables.map((v) => v.name), ['a', 'b', 'c', 'd']);
  });
});
