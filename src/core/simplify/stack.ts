/**
 * A helper for the constructors' explicit stacks (loops, not recursion: inputs nest thousands deep).
 * Part of the smart constructors (./build.ts).
 */
import type { Expr } from '../model/expr';

/** Push `items` onto a stack popped from the end, so that they come off first to last. */
export function pushReversed(stack: Expr[], items: readonly Expr[]): void {
  for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
}
