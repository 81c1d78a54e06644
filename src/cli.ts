/**
 * `matcalc` — the command line over the core. A stable contract (see README "CLI"):
 *   matcalc derive EXPR --wrt x[,y…] [--where DECLS] [--layout numerator|denominator|mixed]
 *                       [--order 1|2] [--from plain|latex|numpy] [--check] [--steps]
 *                       [--granularity full|summary] [--json] [--emit text|latex|numpy|torch|jax|markdown|einsum] [--form matrix|index]
 *   matcalc check EXPR --wrt x --claim ANSWER …  (exit 0 correct, 3 incorrect; see cli/check.ts)
 *   matcalc proofread FILE [--json]             (exit 3 when a step is wrong; see cli/proofread.ts)
 *   matcalc batch        JSON Lines requests on stdin → one JSON line per request on stdout
 * Exit codes: 0 success, 2 a problem with the input (message, column and caret on stderr), 1 an internal bug.
 */
import * as readline from 'node:readline';
import { checkClaim, derive, emitCode, type DeriveRequest, type DeriveResult, type Diagnostic, type Layout, type Notation } from './core/index';
import { toMarkdown } from './core/write/markdown';
import { CHECK_USAGE, checkJson, runCheck } from './cli/check';
import { PROOFREAD_USAGE, runProofread } from './cli/proofread';

const USAGE = `usage:
  matcalc derive EXPR --wrt VAR[,VAR...] [--where DECLS] [--layout numerator|denominator|mixed]
                 [--order 1|2] [--from plain|latex|numpy|auto] [--check] [--steps]
                 [--granularity full|summary] [--json] [--emit text|latex|numpy|torch|jax|markdown|einsum] [--form matrix|index]
${CHECK_USAGE}
${PROOFREAD_USAGE}
  matcalc batch   (JSON Lines on stdin: {"expr", "wrt", "where", "layout", "order", "from", "steps", "emit", "check", "claim", "form"})`;

export class UsageError extends Error {}

type Emit = 'text' | 'latex' | 'numpy' | 'torch' | 'jax' | 'markdown' | 'einsum';

interface DeriveArgs {
  readonly request: DeriveRequest;
  readonly json: boolean;
  readonly emit?: Emit;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} takes one of: ${allowed.join(', ')}`);
  }
  return value as T;
}

export function parseDeriveArgs(argv: readonly string[]): DeriveArgs {
  let expr: string | undefined;
  let wrt: string[] | undefined;
  let where: string | undefined;
  let layout: Layout | undefined;
  let order: 1 | 2 | undefined;
  let from: Notation | 'auto' | undefined;
  let check = false;
  let steps = false;
  let granularity: 'full' | 'summary' | undefined;
  let json = false;
  let emit: Emit | undefined;
  let form: 'matrix' | 'index' | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--wrt': wrt = value().split(',').map((s) => s.trim()).filter((s) => s.length > 0); break;
      case '--where': where = value(); break;
      case '--layout': layout = oneOf(a, value(), ['numerator', 'denominator', 'mixed'] as const); break;
      case '--order': order = Number(oneOf(a, value(), ['1', '2'] as const)) as 1 | 2; break;
      case '--from': from = oneOf(a, value(), ['plain', 'latex', 'numpy', 'auto'] as const); break;
      case '--granularity': granularity = oneOf(a, value(), ['full', 'summary'] as const); break;
      case '--emit': emit = oneOf(a, value(), ['text', 'latex', 'numpy', 'torch', 'jax', 'markdown', 'einsum'] as const); break;
      case '--form': form = oneOf(a, value(), ['matrix', 'index'] as const); break;
      case '--check': check = true; break;
      case '--steps': steps = true; break;
      case '--json': json = true; break;
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
        if (expr !== undefined) throw new UsageError(`one expression only (got '${expr}' and '${a}'; quote the expression)`);
        expr = a;
    }
  }
  if (expr === undefined) throw new UsageError('an expression is needed');
  return { request: { expr, wrt, where, layout, order, from, check, steps, granularity, form }, json, emit };
}

/** The caret diagram for an error: the input line and a ^ under the span. */
export function caret(text: string, error: Diagnostic): string {
  const start = Math.max(0, Math.min(error.start, text.length));
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEndRaw = text.indexOf('\n', start);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  const line = text.slice(lineStart, lineEnd);
  const col = start - lineStart;
  const width = Math.max(1, Math.min(error.end, lineEnd) - start);
  return `${line}\n${' '.repeat(col)}${'^'.repeat(width)}`;
}

function humanResult(r: DeriveResult, indexFirst: boolean): string {
  const named = r.result.named
    ? [`  = ${r.result.named.unicode ?? r.result.named.text}   where ${r.result.named.definitions.map((d) => `${d.name} = ${d.unicode ?? d.text}`).join(', ')}`]
    : [];
  // With --form index the component formula comes first; otherwise it follows (results with 3 or 4 indices).
  const index = r.indexForm ? [r.indexForm.unicode] : [];
  const lines = [
    ...(indexFirst ? index : []),
    r.result.unicode ?? r.result.text,
    ...named,
    `  text: ${r.result.text}`,
    `  shape ${r.result.shape}, ${r.layout} layout, with respect to ${r.wrt.join(', ')} (${r.wrtShape})`,
  ];
  if (!indexFirst && r.indexForm) lines.push(`  in components: ${r.indexForm.unicode}`);
  if (r.check) lines.push(`  numerical check: max relative error ${r.check.maxRelError.toExponential(2)} over ${r.check.samples} random points (${r.check.passed ? 'passed' : 'FAILED'})`);
  if (r.steps) {
    lines.push('', 'Derivation:');
    r.steps.forEach((s, i) => {
      const mark = s.kind === 'pitfall' ? ' (a common mistake)' : '';
      const ref = s.reference ? ` [${s.reference}]` : '';
      lines.push(`  ${i + 1}. ${s.name}${mark}${ref}`, `     ${s.explanation}`, `     ${s.afterText ?? s.after}`);
    });
  }
  return lines.join('\n');
}

type Answer = { ok: true; value: string } | { ok: false; error: Diagnostic };

function answerDerive(args: DeriveArgs): Answer {
  if (args.emit === 'numpy' || args.emit === 'torch' || args.emit === 'jax' || args.emit === 'einsum') return emitCode(args.request, args.emit);
  if (args.emit === 'markdown') {
    const md = derive({ ...args.request, steps: true });
    return md.ok ? { ok: true, value: toMarkdown(md.value) } : md;
  }
  const r = derive(args.request);
  if (!r.ok) return r;
  if (args.json) return { ok: true, value: JSON.stringify(r.value) };
  const index = args.request.form === 'index' ? r.value.indexForm : undefined;
  if (args.emit === 'latex') return { ok: true, value: index ? index.latex : r.value.result.latex };
  if (args.emit === 'text') return { ok: true, value: r.value.result.text };
  return { ok: true, value: humanResult(r.value, args.request.form === 'index') };
}

function runDerive(argv: readonly string[]): number {
  const args = parseDeriveArgs(argv);
  const a = answerDerive(args);
  if (!a.ok) {
    const inWhere = a.error.source === 'where';
    const text = inWhere ? (args.request.where ?? '') : args.request.expr;
    const col = a.error.start + 1;
    process.stderr.write(`error: ${a.error.message} (${inWhere ? '--where, ' : ''}column ${col})\n${caret(text, a.error)}\n`);
    return 2;
  }
  process.stdout.write(`${a.value}\n`);
  return 0;
}

/** One batch request line → one response object. */
export function answerBatchLine(line: string): object {
  let req: Record<string, unknown>;
  try {
    req = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { ok: false, error: { message: 'the request is not valid JSON', start: 0, end: 0 } };
  }
  if (typeof req !== 'object' || req === null || typeof req.expr !== 'string') {
    return { ok: false, error: { message: 'a request needs "expr" (a string)', start: 0, end: 0 } };
  }
  const wrt = typeof req.wrt === 'string' ? req.wrt.split(',').map((s) => s.trim()) : Array.isArray(req.wrt) ? req.wrt.map(String) : undefined;
  const pick = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined =>
    typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
  const request: DeriveRequest = {
    expr: req.expr,
    wrt,
    where: typeof req.where === 'string' ? req.where : undefined,
    layout: pick(req.layout, ['numerator', 'denominator', 'mixed'] as const),
    order: req.order === 2 || req.order === '2' ? 2 : 1,
    from: pick(req.from, ['plain', 'latex', 'numpy', 'auto'] as const),
    check: req.check === true,
    steps: req.steps === true,
    granularity: pick(req.granularity, ['full', 'summary'] as const),
    form: pick(req.form, ['matrix', 'index'] as const),
  };
  if (typeof req.claim === 'string') {
    const c = checkClaim({ ...request, claim: req.claim });
    return c.ok ? checkJson(c.value) : { ok: false, error: strip(c.error) };
  }
  if (req.emit === 'numpy' || req.emit === 'torch' || req.emit === 'jax' || req.emit === 'einsum') {
    const code = emitCode(request, req.emit);
    return code.ok ? { ok: true, code: code.value } : { ok: false, error: strip(code.error) };
  }
  if (req.emit === 'markdown') {
    const md = derive({ ...request, steps: true });
    return md.ok ? { ok: true, markdown: toMarkdown(md.value) } : { ok: false, error: strip(md.error) };
  }
  const r = derive(request);
  return r.ok ? { ok: true, ...r.value } : { ok: false, error: strip(r.error) };
}

const strip = (d: Diagnostic) => ({ message: d.message, start: d.start, end: d.end, code: d.code, source: d.source ?? 'expr' });

async function runBatch(): Promise<number> {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    let answer: object;
    try {
      answer = answerBatchLine(line);
    } catch (e) {
      answer = { ok: false, error: { message: `internal error: ${(e as Error).message}`, start: 0, end: 0, code: 'internal' } };
    }
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  }
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'derive') return runDerive(rest);
    if (command === 'check') return runCheck(rest);
    if (command === 'proofread') return runProofread(rest);
    if (command === 'batch') return await runBatch();
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    throw new UsageError(command === undefined ? 'no command given' : `unknown command '${command}'`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
