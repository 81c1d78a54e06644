/**
 * The answers of recent requests, remembered by what they ask. An answer is a pure function of its
 * request's fields other than "id" (the reading, the derivative, the writing and the numerical check
 * with its fixed seed depend on nothing else; the answer does not depend on the requests before it),
 * so a request the batch answered recently is answered again from here: no reading, differentiating
 * or writing, only the parse and the field check of its line. What is never remembered: an answer
 * that depends on the moment — past its time limit (limit.time), cancelled, or an internal error —
 * so such a request is computed again when it comes again. The "id" is not part of the key: the
 * remembered text is the answer without it, and the id is written in front (answer.ts).
 *
 * Bounded by size, not count: keys and answers together hold at most ANSWER_CACHE_CHARS UTF-16
 * code units (the table is emptied when the next one would pass it), and an answer longer than a
 * sixteenth of that is not kept, so a batch of distinct requests (which never hit) holds at most a
 * few MB more (docs/reliability.md §7).
 */
import type { BatchRequest } from './request';
import type { BatchAnswer } from './answer';

/** The most the remembered keys and answers hold together, UTF-16 code units (2 bytes each at most). */
export const ANSWER_CACHE_CHARS = 4 * 1024 * 1024;

/** The error codes whose answers are not remembered: they depend on the moment, not on the request. */
const OF_THE_MOMENT: ReadonlySet<string> = new Set(['limit.time', 'limit.cancelled', 'internal']);

/** Is this answer the same whenever its request is asked (so it may be remembered)? */
export const isPure = (a: BatchAnswer): boolean => a.ok || !OF_THE_MOMENT.has(a.error.code);

/**
 * What a checked request asks, as a key: every field of the checked request but "id" (a field added
 * to BatchRequest is part of the key without more ado), in checkRequest's fixed order — two lines
 * asking the same thing with their fields in another order, or other white space, have one key.
 */
export const requestKey = (b: BatchRequest): string => JSON.stringify({ ...b, id: undefined });

export class AnswerCache {
  private readonly table = new Map<string, string>();
  private chars = 0;

  constructor(private readonly capacityChars = ANSWER_CACHE_CHARS) {}

  get(key: string): string | undefined {
    return this.table.get(key);
  }

  /** Remembers an answer line (without its id) under its request's key, when it is small enough. */
  remember(key: string, answer: string): void {
    const size = key.length + answer.length;
    if (size > this.capacityChars / 16) return;
    if (this.chars + size > this.capacityChars) {
      this.table.clear();
      this.chars = 0;
    }
    this.table.set(key, answer);
    this.chars += size;
  }

  /** The number of answers remembered (for tests). */
  get size(): number {
    return this.table.size;
  }
}
