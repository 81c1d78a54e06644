/** Helpers for the notation tests: reading in each notation, comparing with the plain reading, errors. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Notation, Outcome } from '../../../src/core/api';
import type { Expr } from '../../../src/core/model/expr';
import { derive } from '../../../src/core/index';
import { readExpression } from '../../../src/core/read';
import { readPlain, type CheckedExpression } from '../../../src/core/syntax';
import { readLatex, type LatexReadOptions } from '../../../src/core/syntax/latex';
import { readNumpy } from '../../../src/core/syntax/numpy';
import { toLatex, toText, toUnicode } from '../../../src/core/write';
import { readBackProblem } from '../../fuzz/readBack';

export function value<T>(o: Outcome<T>, context = ''): T {
  if (!o.ok) assert.fail(`${context}${context ? ': ' : ''}${o.error.code}: ${o.error.message} [${o.error.start}, ${o.error.end})`);
  return o.value;
}

export function error<T>(o: Outcome<T>, context = ''): Diagnostic {
  if (o.ok) assert.fail(context ? `${context}: expected an error` : 'expected an error');
  return o.error;
}

/** The error of reading `text` as `from` (failing, with the reading, when it is read). */
export function refusedAs(text: string, from: Notation | 'auto', where?: string): Diagnostic {
  const r = readExpression(text, where, from);
  assert.ok(!r.ok, `${text} (${from}) should be refused, read as ${r.ok ? toText(r.value.expr) : ''}`);
  return r.error;
}

/** The expression `text` reads as, as `from` (failing with the error when it is refused). */
export function readAs(text: string, from: Notation | 'auto', where?: string): Expr {
  const r = readExpression(text, where, from);
  if (!r.ok) assert.fail(`${text} (${from}): ${r.error.code}: ${r.error.message}`);
  return r.value.expr;
}

export const plain = (text: string, where?: string): Expr => value(readPlain(text, where), text).expr;
export const latex = (text: string, where?: string, options?: LatexReadOptions): Expr => value(readLatex(text, where, options), text).expr;
export const numpy = (text: string, where?: string): Expr => value(readNumpy(text, where), text).expr;

/** Assert that two readings are the same expression (hash-consing: the same object). */
export function assertSame(actual: Expr, expected: Expr, what: string): void {
  if (actual !== expected) assert.fail(`${what}: read ${toText(actual)}, expected ${toText(expected)}`);
}

export function latexIs(text: string, plainText: string, where?: string, options?: LatexReadOptions): void {
  assertSame(latex(text, where, options), plain(plainText, where), text);
}

export function numpyIs(text: string, plainText: string, where?: string): void {
  assertSame(numpy(text, where), plain(plainText, where), text);
}

/** The variables of a reading as "name:shape" (shape as rows×cols). */
export function variablesOf(c: CheckedExpression): string {
  return c.variables.map((v) => `${v.name}:${v.shape.rows}×${v.shape.cols}`).join(' ');
}

/** Assert an error's code, span and (part of) its message; the span is also checked against the text. */
export function assertError(d: Diagnostic, code: string, spanText: string | [number, number], text: string, message?: string): void {
  assert.equal(d.code, code, `code of: ${d.message}`);
  if (typeof spanText === 'string') assert.equal(text.slice(d.start, d.end), spanText, `span of: ${d.message}`);
  else assert.deepEqual([d.start, d.end], spanText, `span of: ${d.message}`);
  if (message !== undefined) assert.ok(d.message.includes(message), `message '${d.message}' should include '${message}'`);
}

/**
 * Each [text, name, hint] refused in NumPy and in auto with name.unknown-function at `name`, quoting it
 * and naming the code that reads (`hint`): a function or module the NumPy reader explains, not reads.
 */
export function assertUnknownFunctionHints(cases: readonly (readonly [string, string, string])[], where: string): void {
  for (const [text, name, hint] of cases) {
    for (const from of ['numpy', 'auto'] as const) {
      const d = error(readExpression(text, where, from), text);
      assertError(d, 'name.unknown-function', name, text, hint);
      assert.ok(d.message.includes(`'${name}'`), `${text}: ${d.message}`);
    }
  }
}

/** Both layouts, for assertNumpyDerivativeChecked. */
export const BOTH_LAYOUTS = ['numerator', 'denominator'] as const;

/**
 * NumPy code `expr` is differentiated by `wrt`, and the derivative passes the numerical check (central
 * differences), in each of `layouts`.
 */
export function assertNumpyDerivativeChecked(expr: string, where: string, wrt: string, layouts: readonly ('numerator' | 'denominator')[] = ['numerator']): void {
  for (const layout of layouts) {
    const r = derive({ expr, where, wrt: [wrt], from: 'numpy', layout, check: true });
    assert.ok(r.ok, `${expr} by ${wrt}: ${r.ok ? '' : r.error.message}`);
    assert.ok(r.value.check?.passed, `${expr} by ${wrt} (${layout}): ${r.value.result.text}: max relative error ${r.value.check?.maxRelError}`);
  }
}

export interface CorpusCase {
  readonly id: string;
  readonly source?: string;
  readonly expr: string;
  readonly where: string;
  readonly wrt: readonly string[];
  readonly order: 1 | 2;
  readonly layout: 'numerator' | 'denominator' | 'mixed';
}

export interface NotationCase {
  readonly id: string;
  readonly latex: string;
  readonly numpy: string;
  readonly where?: string;
  /** Variable names the NumPy form spells differently (lambda is a Python keyword). */
  readonly numpyNames?: Readonly<Record<string, string>>;
  /** false when the form is the same function written with a different structure. */
  readonly latexSameExpr?: boolean;
  readonly numpySameExpr?: boolean;
}

const CORPUS = path.resolve(__dirname, '../../../../test/corpus');

export function corpus(): CorpusCase[] {
  return ['parr-howard.json', 'cookbook.json', 'ml.json'].flatMap((f) => JSON.parse(fs.readFileSync(path.join(CORPUS, f), 'utf8')) as CorpusCase[]);
}

/** The batch-form cases (issue 13: affine layer, row-wise softmax, cross-entropy, attention, layer norm, MLP). */
export function batchCorpus(): CorpusCase[] {
  return JSON.parse(fs.readFileSync(path.join(CORPUS, 'batch.json'), 'utf8')) as CorpusCase[];
}

export function notationCases(): NotationCase[] {
  return JSON.parse(fs.readFileSync(path.join(CORPUS, 'notations.json'), 'utf8')) as NotationCase[];
}

/** What the LaTeX and Unicode writers print for each plain text (read with `where`) reads back to it. */
export function assertWritersReadBack(texts: readonly string[], where: string): void {
  for (const text of texts) {
    const e = plain(text, where);
    for (const [notation, written] of [
      ['latex', toLatex(e)],
      ['unicode', toUnicode(e)],
    ] as const) {
      assert.equal(readBackProblem(e, where, { form: 'tree', notation, text: written }, notation), undefined, `${text} printed as ${written}`);
    }
  }
}

