/**
 * The closed sets of words the extension accepts from outside (settings, command arguments,
 * webview messages), and one membership check for them. Pure.
 */
import type { Granularity, Layout, Notation } from '../core/api';

export const LAYOUTS: readonly Layout[] = ['numerator', 'denominator', 'mixed'];
export const GRANULARITIES: readonly Granularity[] = ['full', 'summary'];
export const NOTATIONS: readonly (Notation | 'auto')[] = ['plain', 'latex', 'numpy', 'unicode', 'auto'];
/** The notations a text is read in (`auto` decides one of them). */
export const READ_NOTATIONS: readonly Notation[] = ['plain', 'latex', 'numpy', 'unicode'];

/** Whether `value` is one of `allowed` (and so a string). */
export function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}
