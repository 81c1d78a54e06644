/**
 * Records of the operators that act along one dimension of a matrix (MATLAB's dimension numbers:
 * 2 = along each row, one result per row; 1 = down each column): the row- or column-wise softmax
 * P = softmax(Z, d) and log-sum-exp logsumexp(Z, d). Each row (column) is the vector operator of
 * functions.ts applied on its own, so the Jacobian is block diagonal with the vector blocks
 * diag(p) − ppᵀ and pᵀ (CS231n; Goodfellow et al. §6.2.2.3). Sums along a dimension are not
 * operators of their own: sum(X, 2) = X𝟏 and sum(X, 1) = 𝟏ᵀX are products (see `alongAxis`).
 */
import { type Axis, type Expr, dependsOn } from '../../model/expr';
import { shape } from '../../model/shape';
import { diagm, eye, hadamard, kron, mul, ones, softmaxAlong, sub, transpose, vec } from '../../simplify/build';
import { OperatorRule, TangentRule } from './types';

const axisOf = (u: Expr): Axis => (u.value === 1 ? 1 : 2);

/** A's entries summed along dimension d: A𝟏 (d = 2, a column) or 𝟏ᵀA (d = 1, a row). */
export function collapse(a: Expr, d: Axis): Expr {
  return d === 2 ? mul(a, ones(shape(a.shape.cols, 1))) : mul(ones(shape(1, a.shape.rows)), a);
}

/** The per-row column v (d = 2) copied across n columns, v𝟏ᵀ; the per-column row v (d = 1) copied down m rows, 𝟏v. */
export function spread(v: Expr, d: Axis, like: Expr['shape']): Expr {
  if (v.op === 'ones') return ones(like);
  return d === 2 ? mul(v, ones(shape(1, like.cols))) : mul(ones(shape(like.rows, 1)), v);
}

/** P ⊙ (W − spread(collapse(P ⊙ W))): the softmax Jacobian (symmetric) applied to W, block by block. */
function softmaxApplied(p: Expr, w: Expr, d: Axis): Expr {
  return hadamard(p, sub(w, spread(collapse(hadamard(p, w), d), d, p.shape)));
}

/** Sums along d in vec form: vec(A𝟏) = (𝟏ᵀ ⊗ I_m) vec A, vec(𝟏ᵀA) = (I_n ⊗ 𝟏ᵀ) vec A. */
function collapseMatrix(s: Expr['shape'], d: Axis): Expr {
  return d === 2 ? kron(ones(shape(1, s.cols)), eye(s.rows)) : kron(eye(s.cols), ones(shape(1, s.rows)));
}

/**
 * The softmax's adjoint: P ⊙ (Ḡ − spread(collapse(P ⊙ Ḡ))), distributed as P ⊙ Ḡ − P ⊙ spread(…)
 * when P ⊙ Ḡ no longer holds P — a log before it passes back Ḡ = H ⊘ P, and P ⊙ (H ⊘ P) = H — so
 * −sum(Y ⊙ log(softmax(Z, 2)))/N gives (P − Y)/N like logsoftmax, not P ⊙ ((𝟏𝟏ᵀ − Y ⊘ P)/N).
 */
function softmaxAdjoint(p: Expr, gbar: Expr, d: Axis): Expr {
  const pg = hadamard(p, gbar);
  if (dependsOn(pg, p)) return softmaxApplied(p, gbar, d);
  return sub(pg, hadamard(spread(collapse(pg, d), d, p.shape), p));
}

const softmaxTangent: TangentRule = (u, d) => softmaxApplied(u, d(u.args[0]), axisOf(u));
const along = (u: Expr): string => (axisOf(u) === 2 ? 'row' : 'column');

export const SOFTMAX_ALONG: OperatorRule = {
  tangent: softmaxTangent,
  adjoint: (u, ubar) => softmaxAdjoint(u, ubar, axisOf(u)),
  local: (u) => {
    const dp = diagm(vec(u));
    return sub(dp, mul(dp, transpose(collapseMatrix(u.shape, axisOf(u))), collapseMatrix(u.shape, axisOf(u)), dp));
  },
  differential: {
    formula: (u) => {
      const d = axisOf(u);
      const spreadSum = d === 2 ? '((P ⊙ dZ)𝟏)𝟏ᵀ' : '𝟏(𝟏ᵀ(P ⊙ dZ))';
      return `dP = P ⊙ (dZ − ${spreadSum}) for P = softmax(Z, ${d}): each ${along(u)} p of P is the softmax of its own ${along(u)} z, ` +
        `dp = (diag(p) − ppᵀ)dz, so the local Jacobian is block diagonal (entries taken ${along(u)} by ${along(u)}): one block diag(pᵢ) − pᵢpᵢᵀ per ${along(u)}, no ${along(u)} depending on another`;
    },
    of: softmaxTangent,
  },
  derivation: {
    local: (e) => ({
      id: 'softmax-along',
      sentence: `softmax(Z, ${axisOf(e)}) normalizes each ${along(e)} on its own: ${along(e)} i of P depends only on ${along(e)} i of Z, through the vector softmax's Jacobian diag(pᵢ) − pᵢpᵢᵀ. The whole Jacobian is block diagonal, one such block per ${along(e)}, and applied to a matrix W it is P ⊙ (W − ${axisOf(e) === 2 ? '((P ⊙ W)𝟏)𝟏ᵀ' : '𝟏(𝟏ᵀ(P ⊙ W))'}).`,
    }),
    adjoint: (e) =>
      `P = softmax(Z, ${axisOf(e)}) passes back P ⊙ (Ḡ − ${axisOf(e) === 2 ? '((Ḡ ⊙ P)𝟏)𝟏ᵀ' : '𝟏(𝟏ᵀ(Ḡ ⊙ P))'}): its Jacobian is block diagonal, one symmetric block diag(pᵢ) − pᵢpᵢᵀ per ${along(e)}, so each ${along(e)} gets pᵢ ⊙ (ḡᵢ − (ḡᵢᵀpᵢ)𝟏)`,
  },
};

const lseTangent: TangentRule = (u, d) => collapse(hadamard(softmaxAlong(u.args[0], axisOf(u)), d(u.args[0])), axisOf(u));

export const LOGSUMEXP_ALONG: OperatorRule = {
  tangent: lseTangent,
  adjoint: (u, ubar) => hadamard(spread(ubar, axisOf(u), u.args[0].shape), softmaxAlong(u.args[0], axisOf(u))),
  local: (u) => mul(collapseMatrix(u.args[0].shape, axisOf(u)), diagm(vec(softmaxAlong(u.args[0], axisOf(u))))),
  differential: {
    formula: (u) =>
      `d logsumexp(Z, ${axisOf(u)}) = ${axisOf(u) === 2 ? '(P ⊙ dZ)𝟏' : '𝟏ᵀ(P ⊙ dZ)'} with P = softmax(Z, ${axisOf(u)}) (each ${along(u)}: d logsumexp(z) = pᵀdz)`,
    of: lseTangent,
  },
  derivation: {
    local: (e) => ({
      id: 'logsumexp-along',
      sentence: `logsumexp(Z, ${axisOf(e)}) is the log-sum-exp of each ${along(e)}; the derivative of one ${along(e)}'s logsumexp(z) is softmax(z)ᵀ, so with P = softmax(Z, ${axisOf(e)}) the differential is ${axisOf(e) === 2 ? '(P ⊙ dZ)𝟏' : '𝟏ᵀ(P ⊙ dZ)'}.`,
    }),
    adjoint: (e) => `logsumexp(Z, ${axisOf(e)}) passes back ${axisOf(e) === 2 ? '(Ḡ𝟏ᵀ) ⊙ P' : '(𝟏Ḡ) ⊙ P'}: each ${along(e)}'s gradient spread over its entries, weighted by P = softmax(Z, ${axisOf(e)})`,
  },
};
