/**
 * `matcalc proofread FILE [--json]`: every `=` of every equation chain of a .md, .tex or .matcalc
 * file checked (core/proofread). One line per checked equality, `FILE:LINE:COL ok|wrong|skipped`
 * with the diagnosis or the reason, then `proofread: N ok, N wrong, N skipped`. Exit 3 when a step
 * is wrong, 2 for a file that cannot be read or of another kind, 0 otherwise.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { proofread, type ProofreadOptions, type ProofreadResult } from '../core/index';
import { UsageError } from './args';

export const PROOFREAD_USAGE = `  matcalc proofread FILE [--json]   (.md, .tex, .matcalc; exit 0 all right, 3 a wrong step, 2 bad input)`;

const KINDS: Readonly<Record<string, ProofreadOptions['kind']>> = {
  '.md': 'markdown', '.markdown': 'markdown', '.tex': 'latex', '.latex': 'latex', '.matcalc': 'matcalc',
};

export function proofreadText(file: string, r: ProofreadResult): string {
  const lines = r.findings.map((f) => `${file}:${f.line}:${f.column} ${f.status}${f.status === 'ok' ? '' : ` — ${f.message}`}`);
  return [...lines, `proofread: ${r.ok} ok, ${r.wrong} wrong, ${r.skipped} skipped`].join('\n');
}

export function runProofread(argv: readonly string[]): number {
  const json = argv.includes('--json');
  const unknown = argv.find((a) => a.startsWith('--') && a !== '--json');
  if (unknown) throw new UsageError(`unknown option ${unknown} for proofread`);
  const files = argv.filter((a) => a !== '--json');
  if (files.length !== 1) throw new UsageError('proofread takes one file');
  const file = files[0];
  const kind = KINDS[extname(file).toLowerCase()];
  if (!kind) throw new UsageError(`proofread reads .md, .tex and .matcalc files, not '${file}'`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`error: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const r = proofread(text, { kind });
  const out = json
    ? JSON.stringify({ ok: true, file, findings: r.findings, summary: { ok: r.ok, wrong: r.wrong, skipped: r.skipped } })
    : proofreadText(file, r);
  process.stdout.write(`${out}\n`);
  return r.wrong > 0 ? 3 : 0;
}
