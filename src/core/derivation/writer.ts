/**
 * How a derivation writes the expressions its notation and its sentences hold (∂(xᵀAx)/∂x, the
 * factors of a product, "u = W·x" in an explanation): for the reader the answer is written for —
 * the request's declarations, used or not (service.ts dimensionsOf) — as the result and the steps'
 * displays are (render.ts). So a size is written by its declared name, and letters are not
 * juxtaposed into a declared name: with W, x and Wx declared, the step reads ∂(W·x)/∂x, not ∂(Wx)/∂x,
 * which reads back as the name Wx. Each writing of a whole expression is remembered (write/recent.ts):
 * a derivation writes the same names and factors many times.
 */
import type { Expr } from '../model/expr';
import { toLatex, toUnicode, type KnownDimensions } from '../write/index';
import { remembered } from '../write/recent';

export interface Writer {
  readonly latex: (e: Expr) => string;
  readonly unicode: (e: Expr) => string;
  /** The dimensions the reader is given, for the binding form of a large expression (present/bindings.ts bindShared). */
  readonly dimensions?: KnownDimensions;
}

/** The writers of a reader given `dimensions`; without them, of a reader told nothing but the expression. */
export function writerFor(dimensions?: KnownDimensions): Writer {
  if (dimensions === undefined) return UNDECLARED;
  return { latex: remembered((e) => toLatex(e, { dimensions })), unicode: remembered((e) => toUnicode(e, dimensions)), dimensions };
}

/** toLatex and toUnicode alone (which remember their recent writings themselves). */
const UNDECLARED: Writer = { latex: (e) => toLatex(e), unicode: (e) => toUnicode(e) };
