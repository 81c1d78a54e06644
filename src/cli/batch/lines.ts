/**
 * Splits a stream of text into lines without holding more than one line: a line ends at "\n",
 * "\r\n" or a lone "\r" (each is a line ending only, never part of a request). A line longer than
 * `maxLength` UTF-16 code units is not kept: its characters are counted and dropped until its end,
 * and it is delivered as `{ tooLong: length }`, so a 600 MB line costs no memory and the next line
 * is read as usual.
 */
export type Line = { readonly text: string } | { readonly tooLong: number };

export class LineSplitter {
  private parts: string[] = [];
  private length = 0;
  private dropping = false;
  /** The previous chunk ended in "\r": a "\n" at the start of this one belongs to it. */
  private afterCR = false;

  constructor(private readonly maxLength: number) {}

  /** Feeds a chunk; calls `emit` for every line it completes, in order. */
  push(chunk: string, emit: (line: Line) => void): void {
    const nextBreak = breaks(chunk);
    let from = 0;
    if (this.afterCR && chunk.startsWith('\n')) from = 1;
    this.afterCR = false;
    while (from < chunk.length) {
      const end = nextBreak(from);
      if (end < 0) {
        this.add(chunk, from, chunk.length);
        return;
      }
      this.add(chunk, from, end);
      emit(this.take());
      if (chunk.charCodeAt(end) === 13) {
        if (end + 1 === chunk.length) this.afterCR = true;
        else if (chunk.charCodeAt(end + 1) === 10) from = end + 2;
        else from = end + 1;
        if (this.afterCR) return;
      } else from = end + 1;
    }
  }

  /** The end of input: the last line, if it had no line ending. */
  end(emit: (line: Line) => void): void {
    if (this.length > 0 || this.dropping) emit(this.take());
  }

  private add(chunk: string, from: number, to: number): void {
    if (to <= from) return;
    this.length += to - from;
    if (this.dropping) return;
    if (this.length > this.maxLength) {
      this.dropping = true;
      this.parts = [];
      return;
    }
    this.parts.push(from === 0 && to === chunk.length ? chunk : chunk.slice(from, to));
  }

  private take(): Line {
    const line: Line = this.dropping ? { tooLong: this.length } : { text: this.parts.length === 1 ? this.parts[0] : this.parts.join('') };
    this.parts = [];
    this.length = 0;
    this.dropping = false;
    return line;
  }
}

/** The next "\n" or "\r" at or after a position; each search goes forward only (linear in the chunk). */
function breaks(s: string): (from: number) => number {
  let n = -2;
  let r = -2;
  return (from) => {
    if (n !== -1 && n < from) n = s.indexOf('\n', from);
    if (r !== -1 && r < from) r = s.indexOf('\r', from);
    if (r < 0) return n;
    if (n < 0) return r;
    return Math.min(n, r);
  };
}
