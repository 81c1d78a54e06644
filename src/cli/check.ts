/**
 * `matcalc check EXPR --wrt VAR[,VAR…] --claim ANSWER [--where DECLS] [--layout …] [--order 1|2]
 *                [--from plain|latex|numpy|auto] [--json]`
 * Exit codes: 0 the claim is correct, 3 incorrect, 2 a problem with the input, 1 an internal error.
 * The JSON object (also the batch answer to a request with "claim"):
 *   {"ok": true, "verdict", "diagnosis": {kind, detail, …} | null, "expected": {text, latex, unicode, shape},
 *    "claim": {text, latex, unicode, shape}, "method": "exact"|"numeric", "tolerance"}
 */
import { checkClaim, type CheckRequest, type CheckResult, type Diagnostic, type Layout, type Notation, type Rendered } from '../core/index';
import { caret, oneOf, UsageError } from '../cli';

export const CHECK_USAGE = `  matcalc check EXPR --wrt VAR[,VAR...] --claim ANSWER [--where DECLS]
                 [--layout numerator|denominator|mixed] [--order 1|2] [--from plain|latex|numpy|auto] [--json]
                 (exit 0 correct, 3 incorrect, 2 bad input)`;

export interface CheckArgs {
  readonly request: CheckRequest;
  readonly json: boolean;
}

/** Option values are taken as given, even when they begin with '-' (`--claim -X'*y`). */
export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  let expr: string | undefined;
  let claim: string | undefined;
  let wrt: string[] | undefined;
  let where: string | undefined;
  let layout: Layout | undefined;
  let order: 1 | 2 | undefined;
  let from: Notation | 'auto' | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--claim': claim = value(); break;
      case '--wrt': wrt = value().split(',').map((s) => s.trim()).filter((s) => s.length > 0); break;
      case '--where': where = value(); break;
      case '--layout': layout = oneOf(a, value(), ['numerator', 'denominator', 'mixed'] as const); break;
      case '--order': order = Number(oneOf(a, value(), ['1', '2'] as const)) as 1 | 2; break;
      case '--from': from = oneOf(a, value(), ['plain', 'latex', 'numpy', 'auto'] as const); break;
      case '--json': json = true; break;
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option ${a} for check`);
        if (expr !== undefined) throw new UsageError(`one expression only (got '${expr}' and '${a}'; quote the expression)`);
        expr = a;
    }
  }
  if (expr === undefined) throw new UsageError('check needs an expression');
  if (claim === undefined) throw new UsageError('check needs --claim ANSWER');
  return { request: { expr, claim, wrt, where, layout, order, from }, json };
}

const four = (r: Rendered) => ({ text: r.text, latex: r.latex, unicode: r.unicode ?? r.text, shape: r.shape });

/** The answer object of `check --json` and of a batch request with "claim". */
export function checkJson(r: CheckResult): object {
  return {
    ok: true,
    verdict: r.verdict,
    diagnosis: r.diagnosis ?? null,
    expected: four(r.expected),
    claim: four(r.claim),
    method: r.method,
    tolerance: r.tolerance,
  };
}

const how = (r: CheckResult): string =>
  r.method === 'exact'
    ? 'decided exactly (both sides have the same normal form)'
    : `decided numerically at ${r.samples} random points of random sizes (tolerance ${r.tolerance.toExponential(0)})`;

export function humanCheck(r: CheckResult): string {
  const expected = `${r.expected.unicode ?? r.expected.text}  (${r.expected.shape}, ${r.layout} layout)`;
  const head = r.verdict === 'correct'
    ? `correct: ${r.claim.unicode ?? r.claim.text} is the ${r.order === 2 ? 'second ' : ''}derivative with respect to ${r.wrt.join(', ')} in ${r.layout} layout`
    : `incorrect (${r.diagnosis?.kind ?? 'other'}): ${r.diagnosis?.detail ?? ''}`;
  return [
    head,
    `  claim:    ${r.claim.unicode ?? r.claim.text}  (${r.claim.shape})`,
    `  correct:  ${expected}`,
    `  text:     ${r.expected.text}`,
    `  ${how(r)}`,
  ].join('\n');
}

/** Where an error of a check request points: the expression, the declarations or the claim. */
export function errorText(req: CheckRequest, error: Diagnostic): string {
  const label = error.source === 'where' ? '--where, ' : error.source === 'claim' ? '--claim, ' : '';
  const text = error.source === 'where' ? (req.where ?? '') : error.source === 'claim' ? req.claim : req.expr;
  return `error: ${error.message} (${label}column ${error.start + 1})\n${caret(text, error)}\n`;
}

export function runCheck(argv: readonly string[]): number {
  const args = parseCheckArgs(argv);
  const r = checkClaim(args.request);
  if (!r.ok) {
    process.stderr.write(errorText(args.request, r.error));
    return 2;
  }
  process.stdout.write(`${args.json ? JSON.stringify(checkJson(r.value)) : humanCheck(r.value)}\n`);
  return r.value.verdict === 'correct' ? 0 : 3;
}
