/**
 * Forward mode on deep compositions is linear (issue 17): sin(sin(…x…)) n deep used to build a new
 * flattened product of all the multipliers below each level (1 + 2 + … + n factors). Measured by
 * what differentiation adds to the hash-consing table (its bytes grow with the arguments of the
 * nodes made), never by a clock: doubling n must about double it, not quadruple it.
 */
import assert from 'node:assert/strict';
import { differentiate } from '../../../src/core/calculus/derive';
import { derive, internTableBytes } from '../../../src/core/index';
import { readPlain } from '../../../src/core/syntax/index';

const CHAINS: Readonly<Record<string, (n: number) => string>> = {
  'sin(sin(…))': (n) => `${'sin('.repeat(n)}x${')'.repeat(n)}`,
  'cos(2*…)': (n) => `${'cos(2*'.repeat(n)}x${')'.repeat(n)}`,
  'sqrt(1 + …^2)': (n) => `${'sqrt(1 + '.repeat(n)}x^2${')'.repeat(n)}`,
  '-(-(…))': (n) => `${'-('.repeat(n)}x${')'.repeat(n)}`,
  'tanh(a*…+ b)': (n) => `${'tanh(a*'.repeat(n)}x${' + b)'.repeat(n)}`,
};

let runs = 0;

/**
 * The bytes differentiation adds to the hash-consing table, and the derivative. The variable gets a
 * name of its own in each run, so that no node of an earlier run is shared (the table is not reset:
 * other tests hold nodes made before).
 */
function growth(text: string): { bytes: number; factors: number } {
  const name = `x${++runs}`;
  const r = readPlain(text.replace(/\bx\b/g, name), `${name}, a, b: scalar`);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const x = r.value.variables.find((v) => v.name === name);
  assert.ok(x);
  const before = internTableBytes();
  const d = differentiate(r.value.expr, [x]);
  return { bytes: internTableBytes() - before, factors: d.expr.op === 'mul' ? d.expr.args.length : 1 };
}

describe('forward mode on deep compositions (issue 17): linear in the depth', function () {
  this.timeout(60_000);
  for (const [name, chain] of Object.entries(CHAINS)) {
    it(`${name}: doubling the depth (1,000 → 2,000 → 4,000) about doubles the nodes made`, () => {
      const [g1, g2, g4] = [1_000, 2_000, 4_000].map((n) => growth(chain(n)));
      for (const [small, large] of [[g1, g2], [g2, g4]]) {
        // Nothing made at the larger depth is linear too: along -(-(…)) every multiplier (−1·τ) is
        // found in the table, and the derivative is a number.
        const ratio = large.bytes / small.bytes;
        assert.ok(large.bytes === 0 || ratio < 2.6, `${name}: ×${ratio.toFixed(2)} (${small.bytes} → ${large.bytes} bytes); quadratic would be ×4`);
      }
    });
  }

  it('the derivative of sin(sin(…x…)) 10,000 deep is the product of the 10,000 cosines', () => {
    const g = growth(CHAINS['sin(sin(…))'](10_000));
    assert.equal(g.factors, 10_000);
  });

  it('shallow chains agree with finite differences (the numerical check)', () => {
    for (const chain of Object.values(CHAINS)) {
      for (const n of [1, 2, 5]) {
        const o = derive({ expr: chain(n), where: 'x, a, b: scalar', wrt: ['x'], check: true });
        assert.ok(o.ok, o.ok ? '' : `${chain(n)}: ${o.error.message}`);
        assert.equal(o.value.check?.passed, true, `${chain(n)}: ${JSON.stringify(o.value.check)}`);
      }
    }
  });
});
