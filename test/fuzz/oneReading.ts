/**
 * The one-reading property (issue 12): for any input, `from: 'auto'` answers exactly as the reader
 * it announces (detect()) — the same expression, or that reader's own error — so no input is
 * answered by another reader, and nothing is answered after the announced reader failed. Texts
 * with markers of two notations get `read.ambiguous-notation`.
 */
import fc from 'fast-check';
import { readExpression } from '../../src/core/read';
import { detect } from '../../src/core/syntax/detect';
import { toLatex, toText, toUnicode } from '../../src/core/write';
import { operatorSoup, tokenize } from './texts';
import { plainSeeds, seedsFor } from './seeds';
import { readPlain } from '../../src/core/syntax';

/** Why auto's answer for `text` is not the announced reader's (undefined when it is). */
export function oneReadingProblem(text: string, where?: string): string | undefined {
  const found = detect(text, where);
  const auto = readExpression(text, where, 'auto');
  if (found.conflict) {
    return !auto.ok && auto.error.code === 'read.ambiguous-notation' ? undefined : `mixed markers but auto answered ${auto.ok ? 'a value' : auto.error.code}`;
  }
  const explicit = readExpression(text, where, found.notation);
  if (auto.ok !== explicit.ok) return `auto ${auto.ok ? 'answered' : 'failed'} but the announced ${found.notation} reader ${explicit.ok ? 'answered' : 'failed'}`;
  if (auto.ok && explicit.ok) {
    if (auto.value.notation !== found.notation) return `auto says ${auto.value.notation}, detection ${found.notation}`;
    if (auto.value.expr !== explicit.value.expr) return `auto read ${toText(auto.value.expr)}, ${found.notation} reads ${toText(explicit.value.expr)}`;
    return undefined;
  }
  if (!auto.ok && !explicit.ok && (auto.error.code !== explicit.error.code || auto.error.start !== explicit.error.start)) {
    return `auto's error ${auto.error.code} is not the ${found.notation} reader's ${explicit.error.code}`;
  }
  return undefined;
}

/** Inputs: what the writers print for the seeds, the seeds of every notation, mutations of both, operator soup. */
export function oneReadingInputs(): fc.Arbitrary<string> {
  const written: string[] = [];
  for (const s of plainSeeds()) {
    const r = readPlain(s.expr, s.where);
    if (r.ok) written.push(toText(r.value.expr), toUnicode(r.value.expr), toLatex(r.value.expr));
  }
  const seeds = [...written, ...(['plain', 'latex', 'numpy'] as const).flatMap((n) => seedsFor(n).map((s) => s.expr))];
  const mutation = fc
    .tuple(fc.constantFrom(...seeds), fc.nat(), fc.constantFrom('', 'ᵀ', ' ', '\\', '@', '**', '2', 'x', '(', ')', '‖', '·', '_', '^', '[', ']', ',', ';', '−', '|', 'I'))
    .map(([s, at, insert]) => {
      const tokens = tokenize(s);
      const i = tokens.length === 0 ? 0 : at % tokens.length;
      return [...tokens.slice(0, i), insert, ...tokens.slice(i + (insert === '' ? 1 : 0))].join('');
    });
  return fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...seeds) }, { weight: 5, arbitrary: mutation }, { weight: 3, arbitrary: operatorSoup(20) });
}

export function checkOneReading(runs: number, seed: number): { runs: number; failure?: string } {
  const out = fc.check(fc.property(oneReadingInputs(), (text) => oneReadingProblem(text) === undefined), { numRuns: runs, seed });
  if (!out.failed) return { runs };
  const text = out.counterexample?.[0] as string;
  return { runs, failure: `${JSON.stringify(text)}: ${oneReadingProblem(text)}` };
}
