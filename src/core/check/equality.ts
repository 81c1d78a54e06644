/**
 * Are two expressions equal as functions? A step `left = right` of a derivation, with the left side
 * taken as the truth: the right side is read like a claim (same notation, declarations and shapes),
 * and a difference is diagnosed as for a derivative (symmetric-only, sign, scaled, missing-term…).
 */
import type { CheckResult, Layout, Notation, Outcome } from '../api';
import { readExpression } from '../read';
import { budgeted } from '../service';
import { readClaim } from './claim';
import { judge } from './index';

export interface EqualityRequest {
  readonly left: string;
  readonly right: string;
  readonly where?: string;
  readonly from?: Notation | 'auto';
  /** The layout the document uses (reported with the result). */
  readonly layout?: Layout;
  readonly timeLimitMs?: number;
}

export function checkEquality(req: EqualityRequest): Outcome<CheckResult> {
  return budgeted({ expr: req.left, timeLimitMs: req.timeLimitMs }, () => {
    const from = req.from ?? 'auto';
    const left = readExpression(req.left, req.where, from);
    if (!left.ok) return left;
    const right = readClaim(req.right, req.left, req.where, from, left.value);
    if (!right.ok) return right;
    const f = left.value.expr;
    return judge({ f, wrt: [], variants: [{ layouts: [req.layout ?? 'numerator'], expr: f }], claim: right.value.expr, layout: req.layout ?? 'numerator', order: 1, unused: left.value.unused }, req.left.length);
  });
}
