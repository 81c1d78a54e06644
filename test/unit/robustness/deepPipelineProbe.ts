/**
 * The pipeline on expressions 100,000 levels deep (limits.test.ts), run in a child process of its
 * own: each chain makes 25–75 MB of interned nodes, 320 MB for all of them, and in the test process
 * they pushed the hash-consing table past its reset bound (INTERN_LIMIT_BYTES), after which the nodes
 * other test files made at load time were no longer the canonical ones (107 tests failed after
 * robustness/, in simplify/identities and write/text, on 2026-12-07). `node deepPipelineProbe.js
 * NAME DEPTH [differentiate]` prints deepPipeline's report as JSON.
 */
import { deepPipeline } from '../../fuzz/deep';

if (require.main === module) {
  const [name, depth, differentiate] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(deepPipeline(name, Number(depth), { differentiate: differentiate === 'differentiate' })));
}
