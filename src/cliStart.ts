/**
 * dist/cli.js, the `matcalc` executable: loads the CLI (src/cli.ts, bundled as dist/cliMain.js)
 * with V8's code cache when the build made one (src/cli/codeCache.ts). Imports nothing else (and
 * the help text), so starting costs only the bundle it loads.
 */
import { runBundle, writeCodeCache as write } from './cli/codeCache';
import { HELP, isHelpCommand } from './cli/help';

/**
 * `matcalc --help` needs none of the CLI: printed here, without loading the bundle — compiling the
 * whole core from the code cache and running its modules' top level cost about 50 ms of CPU at every
 * start. A closed stdout ends it quietly, as cli.ts does for the other commands.
 */
function printHelp(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  process.stdout.write(`${HELP}\n`);
}

if (require.main === module) {
  if (isHelpCommand(process.argv[2])) printHelp();
  else runBundle(__dirname, module, require);
}

/** For the build (esbuild.js): `require('./dist/cli.js').writeCodeCache()` makes dist/cliMain.cache. */
export const writeCodeCache = (): number => write(__dirname, require);
