/**
 * Reading a claimed derivative the way its expression was read: in the same notation, with the
 * user's declarations, and with every variable of the expression declared with the shape inferred
 * for it there — so `2Ax` next to `x'*A*x` means the same x (n×1) and A (n×n). A name of one of the
 * expression's dimensions that is not a variable (the `N` of `X: matrix(N, d)` in `Xᵀ(Xw − y)/N`)
 * is that dimension's size. Errors carry `source: 'claim'`.
 */
import type { Diagnostic, Notation, Outcome } from '../api';
import { Expr, eye, postorder, sizeNode, withArgs } from '../model/expr';
import { type Dim, shape } from '../model/shape';
import { readExpression, type ReadResult } from '../read';
import { detectNotation } from '../syntax/detect';
import { parseDeclarations } from '../syntax/index';
import { dimensionSymbols } from '../numeric/index';
import { declarationFor } from '../write/declarations';
import { renameDimensions } from './openSizes';

/** The notation `text` is read in under `from` (auto: detected, plain falling back to LaTeX as readExpression does). */
export function notationOf(text: string, where: string | undefined, from: Notation | 'auto'): Notation {
  if (from !== 'auto') return from;
  const detected = detectNotation(text);
  if (detected !== 'plain') return detected;
  const plain = readExpression(text, where, 'plain');
  return !plain.ok && plain.error.code.startsWith('parse.') && readExpression(text, where, 'latex').ok ? 'latex' : 'plain';
}

const DIMENSION_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Declarations for the claim: the user's, then the expression's variables and dimension names not declared by the user. */
export function claimDeclarations(where: string | undefined, read: ReadResult): string {
  const user = where !== undefined && where.trim() !== '' ? parseDeclarations(where) : undefined;
  const declared = new Set(user?.ok ? user.value.map((d) => d.name) : []);
  const variables = [...read.variables, ...(read.unused ?? [])];
  const names = new Set(variables.map((v) => v.name as string));
  const extra = variables.filter((v) => !declared.has(v.name as string)).map(declarationFor);
  for (const d of dimensionSymbols(variables)) {
    const name = d[0];
    if (!names.has(name) && !declared.has(name) && DIMENSION_NAME.test(name)) extra.push(`${name}: scalar`);
  }
  return [where ?? '', ...extra].filter((s) => s.trim() !== '').join('; ');
}

/** Scalar variables named like a dimension of the expression (and not its variables) become that dimension's size. */
function dimensionsAsSizes(claim: Expr, read: ReadResult): Expr {
  const variables = [...read.variables, ...(read.unused ?? [])];
  const names = new Set(variables.map((v) => v.name as string));
  const dims = dimensionSymbols(variables);
  const done = new Map<Expr, Expr>();
  for (const e of postorder(claim)) {
    const isDim = e.op === 'var' && dims.has(e.name as string) && !names.has(e.name as string) && e.shape.rows === 1 && e.shape.cols === 1;
    done.set(e, isDim ? sizeNode(shape(e.name as string, 1)) : withArgs(e, e.args.map((a) => done.get(a) as Expr)));
  }
  return done.get(claim) as Expr;
}

/**
 * An I the claim's reading assumed (neither declared nor a variable of the expression) is the identity, as the
 * product prints it (`I`, `−I`, `(xᵀx)I + 2xxᵀ` in plain text, where I would be a matrix variable): the claim of
 * a derivative of an expression without I cannot mean a matrix it does not have.
 */
function identityForI(claim: Expr, r: ReadResult, read: ReadResult): Expr {
  if (r.assumed?.has('I') !== true) return claim;
  const known = dimensionSymbols([...read.variables, ...(read.unused ?? [])]);
  const open = (d: Dim): boolean => typeof d === 'string' && !known.has(d);
  // Its letter made I m×k, sizes of its own: one open size becomes the other, so that I is square.
  const renaming = new Map<string, Dim>();
  for (const e of postorder(claim)) {
    if (e.op !== 'var' || e.name !== 'I' || e.shape.rows === e.shape.cols) continue;
    const { rows, cols } = e.shape;
    if (open(cols)) renaming.set(cols as string, rows);
    else if (open(rows)) renaming.set(rows as string, cols);
  }
  const square = renaming.size > 0 ? renameDimensions(claim, renaming) : claim;
  const done = new Map<Expr, Expr>();
  for (const e of postorder(square)) {
    const isI = e.op === 'var' && e.name === 'I' && e.shape.rows === e.shape.cols;
    done.set(e, isI ? eye(e.shape.rows) : withArgs(e, e.args.map((a) => done.get(a) as Expr)));
  }
  return done.get(square) as Expr;
}

const inClaim = (error: Diagnostic): Diagnostic => ({ ...error, source: error.source === 'where' ? 'where' : 'claim' });

/** A claim as read: its expression, and whether it is a NumPy 1-D array (no orientation: check/index.ts). */
export interface ClaimRead {
  readonly expr: Expr;
  readonly oneDimensional: boolean;
}

/** Read the claim in the expression's notation (auto: falling back to detection on the claim itself). */
export function readClaim(claim: string, exprText: string, where: string | undefined, from: Notation | 'auto', read: ReadResult): Outcome<ClaimRead> {
  const decls = claimDeclarations(where, read);
  const notation = notationOf(exprText, where, from);
  let r = readExpression(claim, decls, notation);
  if (!r.ok && from === 'auto') {
    const again = readExpression(claim, decls, 'auto');
    if (again.ok) r = again;
  }
  if (!r.ok) {
    // An error in the generated declarations is reported against the claim (the user's where was already read with the expression).
    const e = r.error.source === 'where' ? { ...r.error, source: undefined, start: 0, end: claim.length } : r.error;
    return { ok: false, error: inClaim(e) };
  }
  return { ok: true, value: { expr: dimensionsAsSizes(identityForI(r.value.expr, r.value, read), read), oneDimensional: r.value.oneDimensional === true } };
}
