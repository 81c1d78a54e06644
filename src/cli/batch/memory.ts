/**
 * Bounded memory over any number of batch requests. The batch empties the hash-consing table once it
 * passes BATCH_TABLE_BYTES (run.ts); what the requests leave behind is then garbage, but V8 grows its
 * old space lazily while garbage accumulates, so the resident memory kept climbing (232 MB over
 * 300,000 distinct small requests, with 10–25 MB of live data). A full collection at each emptying —
 * every few thousand requests, a few milliseconds each — keeps the heap near the live data and the
 * peak RSS flat (docs/reliability.md §7).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined | null = null;

/** A full garbage collection, where V8 lets one be asked for (else nothing). */
export function collectGarbage(): void {
  if (gc === null) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = undefined;
    }
  }
  gc?.();
}
