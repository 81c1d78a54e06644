/**
 * `matcalc check EXPR --wrt VAR[,VAR…] --claim ANSWER [--where DECLS] [--layout …] [--order 1|2]
 *                [--from plain|latex|numpy|unicode|auto] [--json]`
 * Exit codes: 0 the claim is correct, 3 incorrect, 2 a problem with the input, 1 an internal error.
 * The JSON object (also the batch answer to a request with "claim"):
 *   {"ok": true, "verdict", "diagnosis": {kind, detail, …} | null, "expected": {text, latex, unicode, shape},
 *    "claim": {text, latex, unicode, shape}, "method": "exact"|"numeric", "tolerance"}
 */
import { checkClaim, type CheckRequest, type CheckResult, type Diagnostic, type Rendered } from '../core/index';
import { parseDeriveArgs, UsageError } from './args';
import { errorReport } from './display';

export const CHECK_USAGE = `  matcalc check EXPR --wrt VAR[,VAR...] --claim ANSWER [--where DECLS]
                 [--layout numerator|denominator|mixed] [--order 1|2] [--from plain|latex|numpy|unicode|auto] [--json]
                 (exit 0 correct, 3 incorrect, 2 bad input)`;

export interface CheckArgs {
  readonly request: CheckRequest;
  readonly json: boolean;
}

const FLAGS = new Set(['--check', '--steps', '--json']);

/**
 * The derive options plus --claim (option values are taken as given, even when they begin with
 * '-': `--claim -X'*y`); derive's output options (--check, --steps, --granularity, --emit) are refused.
 */
export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const rest: string[] = [];
  let claim: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--claim') {
      claim = argv[++i];
      if (claim === undefined) throw new UsageError('--claim needs a value');
      continue;
    }
    rest.push(a);
    if (a.startsWith('--') && !FLAGS.has(a) && i + 1 < argv.length) rest.push(argv[++i]);
  }
  const { request, json, emit } = parseDeriveArgs(rest);
  const { expr, wrt, where, layout, order, from } = request;
  if (request.check || request.steps || request.granularity || emit) throw new UsageError('check takes --claim, --wrt, --where, --layout, --order, --from and --json');
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
    ...(r.oneDimensional === true ? { oneDimensional: true } : {}),
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
    `  claim:    ${r.claim.unicode ?? r.claim.text}  (${r.claim.shape}${r.oneDimensional === true ? ': a 1-D array, which has no orientation, read as the row the layout asks for' : ''})`,
    `  correct:  ${expected}`,
    `  text:     ${r.expected.text}`,
    `  ${how(r)}`,
  ].join('\n');
}

/** Where an error of a check request points: the expression, the declarations or the claim. */
export function errorText(req: CheckRequest, error: Diagnostic): string {
  const label = error.source === 'where' ? '--where, ' : error.source === 'claim' ? '--claim, ' : '';
  const text = error.source === 'where' ? (req.where ?? '') : error.source === 'claim' ? req.claim : req.expr;
  return errorReport(text, error, label);
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
