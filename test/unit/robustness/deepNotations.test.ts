/**
 * Deep input through the LaTeX, Unicode and NumPy readers (issue 17): 10,000 levels of each kind of
 * nesting the notation has read (the parsers' rules and the NumPy lowering are generators run by
 * `syntax/deferred.ts`, the kind estimator and the index and sum passes use heap stacks), write in
 * the notation (NumPy: in the plain syntax) and read back as the same node; the readers do not
 * depend on the host's stack size; past MAX_DEPTH a clean `limit.depth` with its position. Sizes
 * only, no timings.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { Outcome } from '../../../src/core/api';
import type { CheckedExpression } from '../../../src/core/syntax/check';
import { MAX_DEPTH, MAX_INPUT_LENGTH } from '../../../src/core/syntax/index';
import { readLatex } from '../../../src/core/syntax/latex/index';
import { readUnicode } from '../../../src/core/syntax/unicode/index';
import { readNumpy } from '../../../src/core/syntax/numpy/index';
import { readPlain } from '../../../src/core/syntax/plain/index';
import { toLatex, toText, toUnicode } from '../../../src/core/write/index';
import { exprDepth } from './depth';

const LEVELS = 10_000;
const nest = (open: string, inner: string, close: string, n = LEVELS): string => `${open.repeat(n)}${inner}${close.repeat(n)}`;

type Reader = (text: string, where?: string) => Outcome<CheckedExpression>;

/** [kind, text, declarations, whether the tree stays LEVELS deep (parentheses vanish, pairs of signs and transposes cancel)]. */
type Case = readonly [string, string, string, boolean];

const LATEX: readonly Case[] = [
  ['parentheses', nest('(', 'x', ')'), 'x: scalar', false],
  ['braces', nest('{', 'x', '}'), 'x: scalar', false],
  ['\\left( \\right) (as many as fit: 7,600)', nest('\\left(', 'x', '\\right)', 7_600), 'x: scalar', false],
  ['function calls', nest('\\sin(', 'x', ')'), 'x: scalar', true],
  ['functions without parentheses', `${'\\exp '.repeat(LEVELS)}x`, 'x: scalar', true],
  ['square roots', nest('\\sqrt{', 'x', '}'), 'x: scalar', true],
  ['signs', `${'-'.repeat(LEVELS)}x`, 'x: scalar', false],
  ['negated groups', nest('-(', 'x', ')'), 'x: scalar', false],
  ['exponent towers', nest('x^{', '2', '}'), 'x: scalar', true],
  ['left-nested powers', `x${'^2'.repeat(LEVELS)}`, 'x: scalar', true],
  ['transposes', `x${'^T'.repeat(LEVELS)}`, 'x: vector(n)', false],
  ['layers', nest('\\tanh(W', 'x', ')'), 'W: matrix(n, n); x: vector(n)', true],
  ['a sum over samples', `\\sum_i ${nest('\\sin(', 'y_i', ')')}`, 'y: vector(n)', true],
  ['index notation', `\\sum_{i,j} ${nest('\\exp(', 'A_{ij}', ')')}`, 'A: matrix(n, n)', true],
];

const UNICODE: readonly Case[] = [
  ['parentheses', nest('(', 'x', ')'), 'x: scalar', false],
  ['function calls', nest('sin(', 'x', ')'), 'x: scalar', true],
  ['roots', nest('√(', 'x', ')'), 'x: scalar', true],
  ['roots without parentheses', `${'√'.repeat(LEVELS)}x`, 'x: scalar', true],
  ['signs', `${'−'.repeat(LEVELS)}x`, 'x: scalar', false],
  ['transposes', `x${'ᵀ'.repeat(LEVELS)}`, 'x: vector(n)', false],
  ['layers', nest('tanh(W', 'x', ')'), 'W: matrix(n, n); x: vector(n)', true],
];

const NUMPY: readonly Case[] = [
  ['parentheses', nest('(', 'x', ')'), 'x: scalar', false],
  ['function calls', nest('np.exp(', 'x', ')'), 'x: scalar', true],
  ['signs', `${'-'.repeat(LEVELS)}x`, 'x: scalar', false],
  ['negated groups', nest('-(', 'x', ')'), 'x: scalar', false],
  ['power towers', `${'x**'.repeat(LEVELS)}2`, 'x: scalar', true],
  ['powers of groups', `${'('.repeat(LEVELS)}x${')**2'.repeat(LEVELS)}`, 'x: scalar', true],
  ['transposes', `x${'.T'.repeat(LEVELS)}`, 'x: matrix(n, n)', false],
  ['methods', `x${'.sum()'.repeat(LEVELS)}`, 'x: scalar', true],
  ['lists', `np.sum(np.array(${nest('[', 'x', ']')}))`, 'x: scalar', false],
  ['layers (as many as fit: 7,600)', nest('np.tanh(W @ ', 'x', ')', 7_600), 'W: matrix(n, n); x: vector(n)', false],
];

function readsDeep(read: Reader, write: (e: CheckedExpression['expr']) => string, [kind, text, where, deep]: Case): void {
  assert.ok(text.length <= MAX_INPUT_LENGTH, `${kind}: ${text.length} characters`);
  const r = read(text, where);
  assert.ok(r.ok, r.ok ? '' : `${kind}: ${r.error.code}: ${r.error.message}`);
  if (deep) assert.ok(exprDepth(r.value.expr) >= LEVELS, `${kind}: depth ${exprDepth(r.value.expr)}`);
  const written = write(r.value.expr);
  // NumPy code is written for derivatives: the NumPy reader's expressions are written as plain text.
  const back = (read === readNumpy ? readPlain : read)(written, where);
  assert.ok(back.ok, back.ok ? '' : `${kind}: the written form does not read: ${back.error.code}: ${back.error.message}`);
  assert.equal(back.value.expr, r.value.expr, `${kind}: the written form reads back to the same hash-consed node`);
}

/** A `limit.depth` error (not an overflow, not `internal`) whose span starts at `at`. */
function refusedAt(o: Outcome<unknown>, at: number, what: string): void {
  assert.equal(o.ok, false, `${what} was accepted`);
  if (o.ok) return;
  assert.equal(o.error.code, 'limit.depth', `${what}: ${o.error.code}: ${o.error.message}`);
  assert.equal(o.error.start, at, `${what}: span ${o.error.start}–${o.error.end}`);
  assert.ok(o.error.end > o.error.start, what);
}

describe('deep input (issue 17): 10,000 levels through the LaTeX reader', function () {
  this.timeout(120_000);
  for (const c of LATEX) it(`${c[0]}: reads, writes as LaTeX and reads back as the same node`, () => readsDeep(readLatex, toLatex, c));

  it(`past MAX_DEPTH (${MAX_DEPTH.toLocaleString('en-US')}): a clean limit.depth at the first level too many`, () => {
    refusedAt(readLatex(nest('(', 'x', ')', MAX_DEPTH + 5)), MAX_DEPTH, 'parentheses');
    refusedAt(readLatex(nest('{', 'x', '}', MAX_DEPTH + 5)), MAX_DEPTH, 'braces');
    refusedAt(readLatex(`${'-'.repeat(MAX_DEPTH + 5)}x`), MAX_DEPTH, 'signs');
    refusedAt(readLatex(`x${"'".repeat(MAX_DEPTH + 5)}`), MAX_DEPTH + 1, 'transposes');
    assert.ok(readLatex(`${'-'.repeat(MAX_DEPTH - 1)}x`, 'x: scalar').ok);
  });
});

describe('deep input (issue 17): 10,000 levels through the Unicode reader', function () {
  this.timeout(120_000);
  for (const c of UNICODE) it(`${c[0]}: reads, writes as Unicode and reads back as the same node`, () => readsDeep(readUnicode, toUnicode, c));

  it('past MAX_DEPTH: a clean limit.depth, its span in the Unicode text', () => {
    refusedAt(readUnicode(nest('(', 'x', ')', MAX_DEPTH + 5)), MAX_DEPTH, 'parentheses');
    refusedAt(readUnicode(`${'−'.repeat(MAX_DEPTH + 5)}x`), MAX_DEPTH, 'signs');
  });
});

describe('deep input (issue 17): 10,000 levels through the NumPy reader', function () {
  this.timeout(120_000);
  for (const c of NUMPY) it(`${c[0]}: reads, writes as plain text and reads back as the same node`, () => readsDeep(readNumpy, toText, c));

  it(`past MAX_DEPTH: a clean limit.depth at the first level too many`, () => {
    refusedAt(readNumpy(nest('(', 'x', ')', MAX_DEPTH + 5)), MAX_DEPTH, 'parentheses');
    // a run of signs is one level, read as the sign it amounts to (30,005 minus signs: −x)
    const signs = readNumpy(`${'-'.repeat(MAX_DEPTH + 5)}x`, 'x: scalar');
    assert.ok(signs.ok && toText(signs.value.expr) === '-x');
    refusedAt(readNumpy(`x${'.T'.repeat(MAX_DEPTH + 5)}`), 1 + 2 * MAX_DEPTH, 'transposes');
  });
});

describe('deep input (issue 17): the LaTeX, Unicode and NumPy readers do not depend on the stack size', function () {
  this.timeout(120_000);
  it('10,000 levels read in a process with a tenth of the default stack', () => {
    const latex = path.resolve(__dirname, '../../../src/core/syntax/latex/index.js');
    const unicode = path.resolve(__dirname, '../../../src/core/syntax/unicode/index.js');
    const numpy = path.resolve(__dirname, '../../../src/core/syntax/numpy/index.js');
    const script = `
      const { readLatex } = require(${JSON.stringify(latex)});
      const { readUnicode } = require(${JSON.stringify(unicode)});
      const { readNumpy } = require(${JSON.stringify(numpy)});
      const L = ${LEVELS}, r = (s, n) => s.repeat(n);
      const reads = [
        readLatex(r('\\\\sin(', L) + 'x' + r(')', L), 'x: scalar'), readLatex(r('x^{', L) + '2' + r('}', L), 'x: scalar'),
        readLatex(r('-(', L) + 'x' + r(')', L), 'x: scalar'), readUnicode(r('sin(', L) + 'x' + r(')', L), 'x: scalar'),
        readUnicode(r('√', L) + 'x', 'x: scalar'), readNumpy(r('np.exp(', L) + 'x' + r(')', L), 'x: scalar'),
        readNumpy('x' + r('.sum()', L), 'x: scalar'),
      ];
      process.stdout.write(reads.map((o) => (o.ok ? 'ok' : o.error.code)).join(' '));`;
    const out = execFileSync(process.execPath, ['--stack-size=100', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
    assert.equal(out, 'ok ok ok ok ok ok ok');
  });
});
