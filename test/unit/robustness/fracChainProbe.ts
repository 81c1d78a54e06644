/**
 * The long fraction chains of fracChain.test.ts with a decimal or a fractional power of a product on
 * top, derived in a child process of their own (as deepProbe.ts): 5,000 levels each make many nodes,
 * and in the test process they would push the hash-consing table past its reset bound
 * (INTERN_LIMIT_BYTES), after which the nodes other test files made at load time are no longer the
 * canonical ones. `node fracChainProbe.js <family> <n>…` prints, for each n, the answer's text and
 * whether its numerical check (asked for below 10 levels) passed, as JSON.
 */
import type { DeriveRequest } from '../../../src/core/api';
import { derive } from '../../../src/core/index';

interface Family {
  readonly chain: (n: number) => string;
  readonly request: Omit<DeriveRequest, 'expr'>;
}

export const FAMILIES: Readonly<Record<string, Family>> = {
  halves: { chain: (n) => `${'0.5/('.repeat(n)}y${')'.repeat(n)}`, request: { where: 'y: scalar', wrt: ['y'] } },
  tenths: { chain: (n) => `${'0.3*x/('.repeat(n)}y${')'.repeat(n)}`, request: { where: 'x: scalar; y: scalar', wrt: ['x'] } },
  quarters: { chain: (n) => `${'\\frac{0.25}{'.repeat(n)}y${'}'.repeat(n)}`, request: { from: 'latex', where: 'y: scalar', wrt: ['y'] } },
  productHalves: { chain: (n) => `${'(x*y)^0.5/('.repeat(n)}y${')'.repeat(n)}`, request: { where: 'x: scalar; y: scalar', wrt: ['x'] } },
  productLatex: { chain: (n) => `${'\\frac{(xy)^{1.5}}{'.repeat(n)}y${'}'.repeat(n)}`, request: { from: 'latex', where: 'x: scalar; y: scalar', wrt: ['x'] } },
};

/** What the chain of n levels answers: its text (or error) and, below 10 levels, whether its check passed. */
export interface Answer {
  readonly n: number;
  readonly text: string;
  readonly checked?: boolean;
}

export function answers(family: Family, sizes: readonly number[]): Answer[] {
  return sizes.map((n) => {
    const r = derive({ ...family.request, expr: family.chain(n), timeLimitMs: 60_000, check: n < 10 });
    if (!r.ok) return { n, text: `${r.error.code}: ${r.error.message}` };
    return { n, text: r.value.result.text, ...(n < 10 ? { checked: r.value.check?.passed === true } : {}) };
  });
}

if (require.main === module) {
  const [name, ...sizes] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(answers(FAMILIES[name], sizes.map(Number))));
}
