/**
 * A long chain of reciprocals under a log (found by the LaTeX-reader fuzz campaign, seed 20251127,
 * input 21,712: `\log\frac{1}{\frac{1}{…\det X…}}`, 5,000 levels): each level is a power of a product,
 * and simplify/build.ts pow and mul called each other once per level, so derive() threw RangeError
 * (Maximum call stack size exceeded) instead of answering.
 */
import assert from 'node:assert/strict';
import { derive } from '../../../src/core';
import type { DeriveRequest } from '../../../src/core/api';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { Answer } from './fracChainProbe';

/**
 * Each chain `chain(n)` answers `text` (the n-level chain differentiated as `request` says); chains
 * shorter than 10 levels are also checked against finite differences.
 */
function answersEach(chain: (n: number) => string, request: Omit<DeriveRequest, 'expr'>, cases: readonly (readonly [number, string])[]): void {
  for (const [n, text] of cases) {
    const r = derive({ ...request, expr: chain(n), timeLimitMs: 60_000, check: n < 10 });
    assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
    assert.equal(r.value.result.text, text);
    if (n < 10) assert.equal(r.value.check?.passed, true, JSON.stringify(r.value.check));
  }
}

/**
 * answersEach for a family of fracChainProbe.ts, run in a child process (its 5,000-level chains would
 * push this process's node table past its reset bound).
 */
function answersInChild(family: string, cases: readonly (readonly [number, string])[]): void {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'fracChainProbe.js'), family, ...cases.map(([n]) => String(n))], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const got = JSON.parse(out) as Answer[];
  cases.forEach(([n, text], i) => {
    assert.equal(got[i].text, text, `${family}, ${n} levels`);
    if (n < 10) assert.equal(got[i].checked, true, `${family}, ${n} levels: the numerical check`);
  });
}

const fracs = (n: number): string => `\\log${'\\frac{1}{'.repeat(n)}\\det X${'}'.repeat(n)}`;

describe('robustness: 5,000 nested reciprocals under a log', function () {
  // A hang guard (the subject is that it answers): each request reads and differentiates 50,000 characters.
  this.timeout(120_000);

  it('log(1/(1/(…det X…))) by X is X⁻¹ for an even count, −X⁻¹ for an odd one, never a throw', () => {
    for (const [n, text] of [[5_000, 'inv(X)'], [5_001, '-inv(X)']] as const) {
      const r = derive({ expr: fracs(n), from: 'latex', where: 'X: matrix(n, n)', wrt: ['X'], timeLimitMs: 60_000 });
      assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
      assert.equal(r.value.result.text, text);
    }
  });

  it('other numerators too: log(2/(2/(…det X…))) by X is ±X⁻¹, x/(x/(…y…)) by x is 1/y or 0 (short chains checked numerically)', () => {
    // Each level's adjoint raises the chain below to −2: with a numerator other than 1 the products
    // 2·(…)⁻¹ and x·(…)⁻¹ were opened again at every level (4,000 levels: 11–20 s before simplify/build.ts openedForm).
    const twos = (n: number): string => `\\log${'\\frac{2}{'.repeat(n)}\\det X${'}'.repeat(n)}`;
    answersEach(twos, { from: 'latex', where: 'X: matrix(n, n)', wrt: ['X'] }, [[5_000, 'inv(X)'], [5_001, '-inv(X)'], [3, '-inv(X)'], [4, 'inv(X)']]);
    const xs = (n: number): string => `${'x/('.repeat(n)}y${')'.repeat(n)}`;
    answersEach(xs, { where: 'x: scalar; y: scalar', wrt: ['x'] }, [[5_000, '0'], [5_001, 'y^-1'], [2, '0'], [3, 'y^-1']]);
  });

  it('fractional powers on top: x^0.5/(x^0.5/(…y…)) and \\frac{x^{1.5}}{…} by x (short chains checked numerically)', () => {
    // Each level's adjoint raises the chain below to −2; a power x^p with p not an integer kept
    // simplify/build.ts openedForm from remembering what the chain opens into, and the loop opened it
    // again at every level (2,000 levels: 6–8 s CPU, past the 2 s time limit; issue 17).
    const halves = (n: number): string => `${'x^0.5/('.repeat(n)}y${')'.repeat(n)}`;
    answersEach(halves, { where: 'x: scalar; y: scalar', wrt: ['x'] }, [[5_000, '0'], [5_001, '0.5*x^-0.5/y'], [2, '0'], [3, '0.5*x^-0.5/y']]);
    const latex = (n: number): string => `${'\\frac{x^{1.5}}{'.repeat(n)}y${'}'.repeat(n)}`;
    answersEach(latex, { from: 'latex', where: 'x: scalar; y: scalar', wrt: ['x'] }, [[5_000, '0'], [5_001, '1.5*x^0.5/y'], [4, '0'], [5, '1.5*x^0.5/y']]);
  });

  it('decimal numerators: 0.5/(0.5/(…y…)), 0.3x/(0.3x/(…y…)) and \\frac{0.25}{…} (short chains checked numerically; in a child process)', () => {
    // A decimal's mark (0.25 or ¼) depends on the order mul() folds numbers, so simplify/build.ts openedForm
    // kept the loop for a decimal, which opened the chain below again at every level (1,000 levels 2.0 s,
    // 2,000 levels 8.9 s: limit.time); the form now traces the mark (simplify/decimalTrace.ts).
    answersInChild('halves', [[5_000, '1'], [5_001, '-0.5*y^-2'], [4, '1'], [5, '-0.5*y^-2']]);
    answersInChild('tenths', [[5_000, '0'], [5_001, '0.3/y'], [2, '0'], [3, '0.3/y']]);
    answersInChild('quarters', [[5_000, '1'], [5_001, '-0.25*y^-2'], [2, '1'], [3, '-0.25*y^-2']]);
  });

  it('a fractional power of a product on top: (x*y)^0.5/((x*y)^0.5/(…y…)) and \\frac{(xy)^{1.5}}{…} by x (short chains checked numerically; in a child process)', () => {
    // (xy)^½ raised to an even power opens into x, y; to an odd one it stays (xy)^(k/2): openedForm gave up
    // at it, and the loop opened the chain below at every level (4,000 levels: limit.time, 35 s CPU). The
    // form is now remembered per node and per class of the exponent it is raised to (simplify/build.ts formAt).
    answersInChild('productHalves', [[5_000, '0'], [5_001, '0.5*(x*y)^-0.5'], [2, '0'], [3, '0.5*(x*y)^-0.5']]);
    answersInChild('productLatex', [[4_000, '0'], [4_001, '1.5*(x*y)^0.5'], [4, '0'], [5, '1.5*(x*y)^0.5']]);
  });

  it('a short chain is unchanged: log(1/(1/(1/det X))) by X is −X⁻¹', () => {
    const r = derive({ expr: fracs(3), from: 'latex', where: 'X: matrix(n, n)', wrt: ['X'] });
    assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
    assert.equal(r.value.result.text, '-inv(X)');
  });
});
