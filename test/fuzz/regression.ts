/**
 * A failing random case becomes a corpus entry (test/corpus/regressions.json, run by the corpus
 * test): the function written in the plain syntax with declarations for its variables. An entry is
 * recorded only when the written request reproduces a failure through the public derive() (an
 * error or a numerical check that does not pass); it is never recorded twice. A request that
 * throws is reported but not recorded: test/unit/write/corpus-numpy.test.ts derives every corpus
 * entry while mocha loads it, so a throwing entry would abort the whole unit suite.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { derive, type DeriveRequest, type Layout } from '../../src/core/index';
import { declarationsFor, toText } from '../../src/core/write/index';
import type { DerivativeCase } from './exprs';
import { variablesOf } from './exprs';
import { corpusDir } from './seeds';

export interface CorpusEntry {
  readonly id: string;
  readonly source: string;
  readonly expr: string;
  readonly where: string;
  readonly wrt: readonly string[];
  readonly order: 1 | 2;
  readonly layout: Layout;
}

export const REGRESSIONS_FILE = 'regressions.json';

export function regressionEntry(c: DerivativeCase, id: string, layout: Layout = 'numerator'): CorpusEntry {
  return {
    id,
    source: 'property test',
    expr: toText(c.f),
    where: declarationsFor(variablesOf(c.f)),
    wrt: c.wrt.map((v) => v.name as string),
    order: c.order,
    layout,
  };
}

/** Why the entry fails through derive(), or undefined if it passes there (then it is not recorded). */
export function reproduces(e: CorpusEntry): string | undefined {
  const req: DeriveRequest = { expr: e.expr, where: e.where, wrt: e.wrt, order: e.order, layout: e.layout, check: true };
  try {
    const r = derive(req);
    if (!r.ok) return `${r.error.code}: ${r.error.message}`;
    if (!r.value.check?.passed) return `numerical check: max relative error ${r.value.check?.maxRelError} over ${r.value.check?.samples} points`;
    return undefined;
  } catch (err) {
    return `threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  }
}

const sameCase = (a: CorpusEntry, b: CorpusEntry): boolean =>
  a.expr === b.expr && a.where === b.where && a.order === b.order && a.wrt.join(',') === b.wrt.join(',');

/** Append the entry to test/corpus/regressions.json unless it is there already or throws; true if appended. */
export function appendRegression(e: CorpusEntry): boolean {
  if (reproduces(e)?.startsWith('threw')) return false;
  const file = join(corpusDir(), REGRESSIONS_FILE);
  let entries: CorpusEntry[] = [];
  try {
    entries = JSON.parse(readFileSync(file, 'utf8')) as CorpusEntry[];
  } catch {
    entries = [];
  }
  if (entries.some((x) => sameCase(x, e))) return false;
  writeFileSync(file, `${JSON.stringify([...entries, e], null, 1)}\n`);
  return true;
}
