/**
 * The simplification tests' common check: a request, the text a textbook writes for its derivative, and the
 * derivative checked by central differences (derive()'s `check`) — so a rewrite that prints the expected text
 * but changes the value fails too.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core/index';

export interface DerivedAsOptions {
  /** Also require the input to be read back as written (the reading does not rewrite it first). */
  readonly readAsWritten?: boolean;
}

/** ∂expr/∂wrt (numerator layout, plain syntax) prints `text` and passes the numerical check. */
export function assertDerivedAs(expr: string, wrt: string, where: string, text: string, options: DerivedAsOptions = {}): void {
  const r = derive({ expr, wrt: [wrt], where, from: 'plain', check: true });
  assert.ok(r.ok, r.ok ? '' : `${expr}: ${r.error.message}`);
  assert.equal(r.value.result.text, text, expr);
  if (options.readAsWritten) assert.equal(r.value.input.text, expr, `${expr}: read as written`);
  assert.equal(r.value.check?.passed, true, `${expr}: ${JSON.stringify(r.value.check)}`);
}

/** One test per case (expression, variable, expected text), all with the same declarations. */
export function derivedAsCases(cases: readonly (readonly [string, string, string])[], where: string, options: DerivedAsOptions = {}): void {
  for (const [expr, wrt, text] of cases) {
    it(`∂ ${expr}/∂${wrt} is ${text}`, () => assertDerivedAs(expr, wrt, where, text, options));
  }
}
