/**
 * `matcalc batch`: JSON Lines in, one answer line per request out, in order (README, "Batch mode";
 * docs/reliability.md §7). The loop:
 *   - reads stdin in chunks and splits lines itself (lines.ts): no line is held past the maximum
 *     length, "\r", "\r\n" and "\n" all end a line, blank lines are skipped;
 *   - answers each line as soon as it is complete and writes the answer at once (a request answered
 *     recently, from its remembered answer: cache.ts);
 *   - stops reading while stdout is backed up (write() returned false) and resumes on 'drain', so a
 *     slow consumer holds at most one chunk of requests and one answer in memory;
 *   - yields to the event loop every few milliseconds, so SIGTERM is seen between two answers: the
 *     answer being written is finished and flushed, then the process exits (code 143);
 *   - ends quietly (code 0) when stdout is closed (EPIPE: `matcalc batch | head -1`).
 */
import type { Readable, Writable } from 'node:stream';
import { internTableBytes, resetInternTable } from '../../core/index';
import { answerLine, serialize } from './answer';
import { AnswerCache } from './cache';
import { LineSplitter, type Line } from './lines';
import { problem } from './problem';
import { collectGarbageIfLarge } from './memory';

/** The longest request line read, in UTF-16 code units (a request line longer than this is answered with request.too-long). */
export const MAX_LINE_LENGTH = 1 << 20;

/**
 * The hash-consing table is emptied between two requests once its estimated size passes this: the
 * batch holds no expression from one request to the next, so memory stays bounded over any number of
 * requests (docs/reliability.md §7).
 */
export const BATCH_TABLE_BYTES = 16 * 1024 * 1024;

/** How long one turn of the loop answers before it lets the event loop run (signals, drain), ms. */
const SLICE_MS = 10;

export interface BatchStreams {
  readonly input: Readable;
  readonly output: Writable;
  readonly maxLineLength?: number;
}

function answerOf(line: Line, maxLength: number, cache: AnswerCache): string | undefined {
  if ('tooLong' in line) {
    return serialize({
      ok: false,
      error: problem('request.too-long', `the request line is ${line.tooLong} characters long; at most ${maxLength} are read (the line was skipped)`, 'line'),
    });
  }
  if (line.text.trim() === '') return undefined;
  if (internTableBytes() > BATCH_TABLE_BYTES) {
    resetInternTable();
    collectGarbageIfLarge();
  }
  return answerLine(line.text, cache);
}

export function runBatch({ input, output, maxLineLength = MAX_LINE_LENGTH }: BatchStreams): Promise<number> {
  return new Promise((resolve) => {
    const splitter = new LineSplitter(maxLineLength);
    const cache = new AnswerCache();
    const queue: Line[] = [];
    let head = 0;
    let blocked = false;
    let ended = false;
    let stopping = false;
    let scheduled = false;
    let finished = false;

    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      process.removeListener('SIGTERM', onTerm);
      resolve(code);
    };
    // An empty write's callback runs once everything written before it is flushed.
    const exitWhenFlushed = (code: number): void => {
      if (output.writableLength === 0) finish(code);
      else output.write('', () => finish(code));
    };
    const onTerm = (): void => {
      stopping = true;
      input.pause();
      exitWhenFlushed(143);
    };
    process.on('SIGTERM', onTerm);

    output.on('error', (e: NodeJS.ErrnoException) => {
      // The reader went away (EPIPE) or stdout broke: nothing more can be delivered.
      stopping = true;
      input.pause();
      finish(e.code === 'EPIPE' ? 0 : 1);
    });

    const pump = (): void => {
      scheduled = false;
      const started = Date.now();
      while (head < queue.length && !blocked && !stopping) {
        if (Date.now() - started > SLICE_MS) {
          input.pause();
          scheduled = true;
          setImmediate(pump);
          return;
        }
        const line = queue[head++];
        const answer = answerOf(line, maxLineLength, cache);
        if (answer === undefined) continue;
        if (!output.write(answer)) {
          blocked = true;
          output.once('drain', () => {
            blocked = false;
            pump();
          });
        }
      }
      if (head === queue.length) {
        queue.length = 0;
        head = 0;
      }
      if (stopping || finished) return;
      if (blocked) input.pause();
      else if (head < queue.length) {
        input.pause();
        if (!scheduled) {
          scheduled = true;
          setImmediate(pump);
        }
      } else if (ended) exitWhenFlushed(0);
      else if (input.isPaused()) input.resume();
    };

    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      splitter.push(chunk, (l) => queue.push(l));
      if (!scheduled) pump();
    });
    input.on('end', () => {
      splitter.end((l) => queue.push(l));
      ended = true;
      if (!scheduled && !blocked) pump();
    });
    input.on('error', () => finish(1));
  });
}
