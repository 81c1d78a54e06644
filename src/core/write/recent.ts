/**
 * The writings of whole expressions, remembered. A derivation writes the same pieces many times —
 * each intermediate's name in its definition, in its local derivative's fraction and in the chain
 * rule's product; each local Jacobian in its own step and as a factor of the product; a step's
 * result when it is compared with the step before and again when it is shown — and writing a small
 * expression costs more in setting up a writer (its sized constants, its order) than in the
 * writing: 10,000 levels of sin(…x…) wrote about 200,000 of them (issue 17).
 */
import type { Expr } from '../model/expr';
import { memoRecent } from '../model/memo';

/** Expressions of at most this many tree nodes are small (their writing is short)… */
const SMALL = 64;
/** …and this many of their writings are remembered before the table is emptied (a few MB at most). */
const SMALL_CAPACITY = 1 << 16;
/** Of larger expressions, only the last few. */
const LARGE_CAPACITY = 4;

/** A writer of whole expressions (a pure function of the node), its recent results remembered. */
export function remembered(write: (e: Expr) => string): (e: Expr) => string {
  const small = memoRecent(write, SMALL_CAPACITY);
  const large = memoRecent(write, LARGE_CAPACITY);
  return (e) => (e.size <= SMALL ? small(e) : large(e));
}
