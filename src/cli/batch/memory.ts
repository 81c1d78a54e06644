/**
 * Bounded memory over any number of batch requests. The batch empties the hash-consing table once it
 * passes BATCH_TABLE_BYTES (run.ts); what the requests leave behind is then garbage, but V8 grows its
 * heap lazily while garbage accumulates, and the resident memory kept climbing (232 MB over 300,000
 * distinct small requests, with 10–25 MB of live data after a collection). When the table is
 * emptied and the resident memory has passed RSS_SOFT_LIMIT, a full collection brings the heap back
 * to the live data. Not at every emptying: a forced full collection costs tens of milliseconds (and
 * part of the JIT's work), about 35 % more CPU when done every few thousand requests.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined | null = null;

/** The resident memory past which emptying the table also collects garbage, bytes. */
export const RSS_SOFT_LIMIT = 160 * 1024 * 1024;

/** A full garbage collection when the resident memory is past RSS_SOFT_LIMIT (and V8 lets one be asked for). */
export function collectGarbageIfLarge(): void {
  if (process.memoryUsage.rss() > RSS_SOFT_LIMIT) collectGarbage();
}

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
