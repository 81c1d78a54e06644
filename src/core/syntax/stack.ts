/**
 * A stack for the passes that keep nesting off the JavaScript stack (heap stacks, issue 17), held
 * in arrays of at most CHUNK entries. One array grown to the depth (or width) of a 30,000-level
 * tree is reallocated as ever larger objects, each on fresh pages: a large object costs as much as
 * a thousand small ones (issue 13: the reading of a deep input spent a third of its time so).
 */

/** Entries per array: 4,096 references, 32 KB, well below V8's large-object size (128 KB). */
const CHUNK = 4_096;

export class Stack<T> {
  /** The newest entries (at most CHUNK); `below`: the full arrays under them, oldest first. */
  private top: T[] = [];
  private readonly below: T[][] = [];

  get empty(): boolean {
    return this.top.length === 0 && this.below.length === 0;
  }

  /** How many entries the stack holds. */
  get size(): number {
    return this.top.length + CHUNK * this.below.length;
  }

  push(value: T): void {
    if (this.top.length === CHUNK) {
      this.below.push(this.top);
      this.top = [];
    }
    this.top.push(value);
  }

  /** The newest entry, removed (undefined when empty). */
  pop(): T | undefined {
    if (this.top.length === 0) {
      const under = this.below.pop();
      if (under === undefined) return undefined;
      this.top = under;
    }
    return this.top.pop();
  }

  /** The newest entry (undefined when empty). */
  peek(): T | undefined {
    if (this.top.length > 0) return this.top[this.top.length - 1];
    const under = this.below[this.below.length - 1];
    return under === undefined ? undefined : under[under.length - 1];
  }
}
