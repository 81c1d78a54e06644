/**
 * Recursion without the JavaScript stack, for the recursive-descent readers (issue 17: 10,000
 * nesting levels in any host, including web workers with small stacks).
 *
 * A rule that may need a nested rule is a generator: instead of calling the nested rule, it yields
 * the nested rule's generator and receives its result, `const arg = (yield this.sum()) as Ast`.
 * `runDeferred` keeps the suspended rules on an array on the heap, so the JavaScript stack stays a
 * few frames deep however deep the input is nested. A rule's code reads as before, in the same
 * order, so the errors (which one, and where) are those of plain recursion.
 *
 * An exception ends the whole run: it is rethrown at once, and the suspended rules are dropped
 * without being resumed. Rules therefore must not catch a nested rule's error nor clean up in
 * `finally` (none does: a reader's state is discarded with its failure). Throwing the error into
 * each suspended rule in turn cost as much as the descent itself (issue 17: an error at the
 * bottom of 20,000 nested parentheses unwound 100,000 paused steps).
 */
import { checkpoint } from '../limits/budget';
import { Stack } from './stack';

/**
 * A paused rule: each step takes the result of the rule it waited for and returns the next rule
 * to wait for, or its value. A generator is one; so is a small object holding only the state it
 * needs (cheaper to keep paused than a generator's whole frame, for the rules of every level).
 */
export interface Rule<T> {
  next(input: unknown): IteratorResult<Rule<unknown>, T>;
}

/** A rule written as a generator: it yields the nested rules it needs and returns a `T`. */
export type Deferred<T> = Generator<Rule<unknown>, T, unknown>;

/** Run a rule and every rule it yields, using a heap stack; returns its result or throws its error. */
export function runDeferred<T>(root: Rule<T>): T {
  // The rules paused under the running one (`current`), in a stack of small arrays (./stack.ts).
  const paused = new Stack<Rule<unknown>>();
  let current: Rule<unknown> = root;
  let input: unknown = undefined;
  for (;;) {
    checkpoint(); // reading counts against the request's budget, one step of a rule at a time
    const step = current.next(input);
    if (step.done) {
      const outer = paused.pop();
      if (outer === undefined) return step.value as T;
      current = outer;
      input = step.value;
    } else {
      paused.push(current);
      current = step.value;
      input = undefined;
    }
  }
}

/** A rule that needs no nested rule: its value, already known (a caller may take `value` without running it). */
export class Settled<T> implements Rule<T> {
  constructor(readonly value: T) {}

  next(): IteratorResult<Rule<unknown>, T> {
    return { done: true, value: this.value };
  }
}

export function settled<T>(value: T): Rule<T> {
  return new Settled(value);
}

/** The rule `rule`, then `f` of its value (which may read on): a paused step without a generator's frame. */
export function then<T, U>(rule: Rule<T>, f: (value: T) => U): Rule<U> {
  return new Then(rule, f);
}

class Then<T, U> implements Rule<U> {
  private started = false;

  constructor(
    private readonly rule: Rule<T>,
    private readonly f: (value: T) => U,
  ) {}

  next(input: unknown): IteratorResult<Rule<unknown>, U> {
    if (this.started) return { done: true, value: this.f(input as T) };
    this.started = true;
    return { done: false, value: this.rule };
  }
}
