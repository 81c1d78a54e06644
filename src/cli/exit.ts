/**
 * How a one-shot command (`matcalc derive`, `check`, `proofread`, `functions`) ends. Left to itself,
 * Node ends a process whose work is done only after running the tasks V8 has queued on its thread —
 * chiefly the last step of an incremental garbage collection that the request's allocations started
 * (for the MLP L = 256 about a tenth of the whole process's CPU, docs/benchmarks.md), work whose
 * result nobody uses. So the process exits as soon as what it wrote has been handed to the system:
 * at once when stdout and stderr hold nothing unsent (files, and pipes and terminals on Linux, are
 * written synchronously), else from the callback of an empty write after what they hold, which runs
 * once all of it has been flushed (a pipe on Windows is written asynchronously).
 */

/** The streams `exitWhenWritten` waits for: stdout and stderr in a real process. */
export interface OutputStream {
  readonly writableLength: number;
  write(chunk: string, callback: () => void): boolean;
}

/** Calls `exit(code)` once every stream has flushed what it holds (at once when none holds anything). */
export function exitWhenWritten(code: number, exit: (code: number) => void = (c) => process.exit(c), streams: readonly OutputStream[] = [process.stdout, process.stderr]): void {
  const holding = streams.filter((s) => s.writableLength > 0);
  let left = holding.length;
  if (left === 0) {
    exit(code);
    return;
  }
  for (const s of holding) {
    s.write('', () => {
      if (--left === 0) exit(code);
    });
  }
}
