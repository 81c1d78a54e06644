/**
 * dist/cli.js, the `matcalc` executable: loads the CLI (src/cli.ts, bundled as dist/cliMain.js)
 * with V8's code cache when the build made one (src/cli/codeCache.ts). Imports nothing else, so
 * starting costs only the bundle it loads.
 */
import { runBundle, writeCodeCache as write } from './cli/codeCache';

if (require.main === module) runBundle(__dirname, module, require);

/** For the build (esbuild.js): `require('./dist/cli.js').writeCodeCache()` makes dist/cliMain.cache. */
export const writeCodeCache = (): number => write(__dirname, require);
