/**
 * Recursion without the JavaScript stack, for the recursive-descent readers (issue 17: 10,000
 * nesting levels in any host, including web workers with small stacks).
 *
 * A rule that may need a nested rule is a generator: instead of calling the nested rule, it yields
 * the nested rule's generator and receives its result, `const arg = (yield this.sum()) as Ast`.
 * `runDeferred` keeps the suspended rules on an array on the heap, so the JavaScript stack stays a
 * few frames deep however deep the input is nested. A rule's code reads as before, in the same
 * order, so the errors (which one, and where) are those of plain recursion: an exception thrown by
 * a nested rule is thrown into its caller at the `yield`, running the caller's `finally` blocks.
 */

/** A rule that yields the nested rules it needs and returns a `T`. */
export type Deferred<T> = Generator<Deferred<unknown>, T, unknown>;

/** Run a rule and every rule it yields, using a heap stack; returns its result or throws its error. */
export function runDeferred<T>(root: Deferred<T>): T {
  const stack: Deferred<unknown>[] = [root];
  let input: unknown = undefined;
  let thrown = false;
  let error: unknown = undefined;
  for (;;) {
    const top = stack[stack.length - 1];
    let step: IteratorResult<Deferred<unknown>, unknown>;
    try {
      if (thrown) {
        thrown = false;
        step = top.throw(error);
      } else {
        step = top.next(input);
      }
    } catch (e) {
      stack.pop();
      if (stack.length === 0) throw e;
      thrown = true;
      error = e;
      continue;
    }
    if (step.done) {
      stack.pop();
      if (stack.length === 0) return step.value as T;
      input = step.value;
    } else {
      stack.push(step.value);
      input = undefined;
    }
  }
}
