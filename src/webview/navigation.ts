/**
 * Step navigation: which key does what, and where the current step moves. Pure (no DOM access).
 */

export type NavAction = 'prev' | 'next' | 'first' | 'last';

/** The navigation action for a key, or undefined; keys typed into form controls are theirs. */
export function keyAction(key: string, targetTag: string, modifiers: boolean): NavAction | undefined {
  if (modifiers) return undefined;
  const tag = targetTag.toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return undefined;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return 'prev';
    case 'ArrowRight':
    case 'ArrowDown':
      return 'next';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return undefined;
  }
}

/** The step after `action` from `current` in a list of `count` steps (0 when there are none). */
export function moveStep(current: number, action: NavAction, count: number): number {
  if (count <= 0) return 0;
  switch (action) {
    case 'prev':
      return Math.max(0, current - 1);
    case 'next':
      return Math.min(count - 1, current + 1);
    case 'first':
      return 0;
    case 'last':
      return count - 1;
  }
}

/** A step index kept within the list (a restored or re-derived panel may have fewer steps). */
export function clampStep(step: number, count: number): number {
  if (!Number.isInteger(step) || count <= 0) return 0;
  return Math.min(Math.max(step, 0), count - 1);
}
