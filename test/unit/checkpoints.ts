/**
 * Work in budget checkpoints — deterministic, never time — as the growth tests measure it: `run` under a
 * budget that never runs out, its polls counted (the budget polls once per CHECK_EVERY checkpoints), so the
 * checkpoints passed are (polls + ½)·CHECK_EVERY, to within CHECK_EVERY.
 */
import { CHECK_EVERY, withBudget } from '../../src/core/limits/index';

export function counted<T>(run: () => T): { readonly value: T; readonly work: number } {
  let polls = 0;
  const value = withBudget({ timeMs: 600_000, cancelled: () => (polls++, false) }, run);
  return { value, work: (polls + 0.5) * CHECK_EVERY };
}
