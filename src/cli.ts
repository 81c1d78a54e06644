/**
 * `matcalc` — the command line over the core. A stable contract (see README "CLI"):
 *   matcalc derive EXPR --wrt x[,y…] [--where DECLS] [--layout numerator|denominator|mixed]
 *                       [--order 1|2] [--from plain|latex|numpy|unicode|auto] [--check] [--steps]
 *                       [--granularity full|summary] [--json] [--emit text|latex|numpy|torch|jax|markdown|einsum] [--form matrix|index]
 *   matcalc check EXPR --wrt x --claim ANSWER …  (exit 0 correct, 3 incorrect; see cli/check.ts)
 *   matcalc proofread FILE [--json]             (exit 3 when a step is wrong; see cli/proofread.ts)
 *   matcalc batch        JSON Lines requests on stdin → one JSON line per request on stdout
 * Exit codes: 0 success, 2 a problem with the input (message, column and caret on stderr), 1 an internal bug;
 * batch: 0 at the end of input or when stdout is closed, 143 after SIGTERM (the answer being written is finished).
 *
 * The commands live in src/cli/: args.ts (the derive command line), derive.ts, check.ts, batch/ (the protocol).
 */
import { optimizeLate } from './cli/tiering';
import { BATCH_USAGE, DERIVE_USAGE, UsageError } from './cli/args';
import { runDerive } from './cli/derive';
import { CHECK_USAGE, runCheck } from './cli/check';
import { PROOFREAD_USAGE, runProofread } from './cli/proofread';
import { runBatch } from './cli/batch/run';
import { HELP, isHelpCommand } from './cli/help';
import { functionReference } from './core/index';
import { exitWhenWritten } from './cli/exit';

const USAGE = `usage:\n${DERIVE_USAGE}\n${CHECK_USAGE}\n${PROOFREAD_USAGE}\n${BATCH_USAGE}`;

export { parseDeriveArgs, UsageError } from './cli/args';
export { caret } from './cli/derive';
export { answerBatchLine } from './cli/batch/answer';

const writeOut = (s: string): void => void process.stdout.write(s);

/** `matcalc functions`: one line per function, read from the core's function table. */
function runFunctions(): number {
  const lines = functionReference();
  const width = Math.max(...lines.map((l) => l.call.length));
  writeOut(`${lines.map((l) => `${l.call.padEnd(width)}  ${l.rule}`).join('\n')}\n`);
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'batch') optimizeLate();
  try {
    if (command === 'derive') return runDerive(rest, writeOut);
    if (command === 'check') return runCheck(rest);
    if (command === 'proofread') return runProofread(rest);
    if (command === 'functions') return runFunctions();
    if (command === 'batch') {
      if (rest.length > 0) throw new UsageError(`batch takes no arguments (got '${rest[0]}'); requests come on stdin`);
      process.exit(await runBatch({ input: process.stdin, output: process.stdout }));
    }
    if (isHelpCommand(command)) {
      writeOut(`${HELP}\n`);
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
  // A closed stdout (`matcalc derive … | head -c 10`) ends the process quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  // Ended as soon as the answer is written, without the garbage collection V8 would finish first (cli/exit.ts).
  void main(process.argv.slice(2)).then((code) => exitWhenWritten(code));
}
