/**
 * Reading a derivative written in index form — the LaTeX the product writes for `--form index`,
 * or a user's own:
 *   \frac{\partial \left(X^{-1}\right)_{ij}}{\partial X_{kl}} = -\left(X^{-1}\right)_{ik} \left(X^{-1}\right)_{lj}
 *   \qquad (i, j, k, l = 1, \dots, n)
 * The left side names the function (its entry letters i, j) and the variable (k, l; two groups for
 * a second derivative); the right side is index notation (syntax/latex/indices.ts) in which the
 * left side's letters are free. A formula with three or four free letters is no matrix, so it is
 * read contracted with a direction dX of X's shape: Σₖₗ (right side)·dXₖₗ, the differential df
 * along dX — a matrix expression over i, j that the core evaluates. Its equality with the
 * differential of the left side's function, at random points and directions, is the check that
 * the formula is the derivative (all its entries, since the direction is arbitrary).
 */
import type { Diagnostic, Outcome } from '../api';
import { tangent } from '../calculus/tangent';
import { type Expr } from '../model/expr';
import { compareNumerically, type EqualityReport } from '../numeric/index';
import { readLatex } from '../syntax/latex/index';
import { parseDeclarations } from '../syntax/declarations';

export interface IndexFormReading {
  /** The function of the left side and the variable. */
  readonly f: Expr;
  readonly x: Expr;
  readonly order: 1 | 2;
  /** The right side contracted with the directions: Σ (formula)·dX (order 2: ·dX·dX2). */
  readonly claimed: Expr;
  /** The differential of f along the same directions. */
  readonly differential: Expr;
  readonly directions: readonly Expr[];
}

const failed = (message: string, start = 0, end = 0): Outcome<never> => ({
  ok: false,
  error: { code: 'latex.index', start, end, message } satisfies Diagnostic,
});

/** The content of the brace group opening at `open` (text[open] === '{') and the index after it. */
function group(text: string, open: number): { inner: string; end: number } | undefined {
  if (text[open] !== '{') return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return { inner: text.slice(open + 1, i), end: i + 1 };
  }
  return undefined;
}

/** `F_{ij}` → F and "ij"; `F` → F and "". \left(…\right) around F is taken off. */
function subscripted(text: string): { base: string; letters: string } {
  const t = text.trim();
  const m = /_(\{([A-Za-z,\s]*)\}|([A-Za-z]))$/.exec(t);
  let base = m ? t.slice(0, m.index) : t;
  const letters = m ? (m[2] ?? m[3]).replace(/[,\s]/g, '') : '';
  const paren = /^\\left\((.*)\\right\)$/s.exec(base.trim());
  if (paren) base = paren[1];
  return { base: base.trim(), letters };
}

/** The left side `\frac{\partial F}{\partial X_{kl}}` or `\frac{\partial^{2} F}{\partial X_{ij}\,\partial X_{kl}}`. */
function head(lhs: string): { f: string; fLetters: string; x: string; xLetters: string[] } | undefined {
  const t = lhs.trim();
  const frac = /^\\frac/.exec(t);
  if (!frac) return undefined;
  const num = group(t, t.indexOf('{'));
  if (!num) return undefined;
  const den = group(t, num.end);
  if (!den || t.slice(den.end).trim() !== '') return undefined;
  const n = /^\s*\\partial(\^\{?2\}?)?\s*(.*)$/s.exec(num.inner);
  if (!n) return undefined;
  const order = n[1] ? 2 : 1;
  const parts = den.inner.split('\\partial').map((s) => s.replace(/\\,/g, '').trim()).filter((s) => s !== '');
  if (parts.length !== order) return undefined;
  const xs = parts.map(subscripted);
  if (xs.some((x) => x.base !== xs[0].base)) return undefined;
  const f = subscripted(n[2]);
  return { f: f.base, fLetters: f.letters, x: xs[0].base, xLetters: xs.map((x) => x.letters) };
}

/** The declaration of the direction: X's, renamed (undefined when X is not declared); symmetric X, symmetric directions. */
function directionDeclaration(where: string | undefined, x: string, name: string): string | undefined {
  if (!where) return undefined;
  const decls = parseDeclarations(where);
  if (!decls.ok) return undefined;
  const d = decls.value.find((v) => v.name === x);
  if (!d) return undefined;
  const dims = d.dims.map(String).join(', ');
  return `${name}: ${d.kind}${dims ? `(${dims})` : ''}${d.symmetric ? ' symmetric' : ''}`;
}

/** Reads an index-form equation (see the module comment). `einstein`: read it with the convention declared. */
export function readIndexForm(latex: string, where?: string, einstein = false): Outcome<IndexFormReading> {
  // The product names a softmax as the result does (Pᵢⱼ, where P = softmax(Z, 2)): the definitions
  // are read with both sides, as a where form.
  const named = /,\\quad \\text\{where \}(.*)$/s.exec(latex);
  const defs = named ? ` \\quad \\text{where } ${named[1]}` : '';
  const text = (named ? latex.slice(0, named.index) : latex).replace(/\\qquad\s*\([^()]*\)\s*$/, '');
  let depth = 0;
  let eq = -1;
  for (let i = 0; i < text.length && eq < 0; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') depth--;
    else if (text[i] === '=' && depth === 0) eq = i;
  }
  if (eq < 0) return failed("an index form is an equation: ∂f/∂X in components on the left of '=', the formula on the right");
  const h = head(text.slice(0, eq));
  if (!h) return failed('the left side should be a derivative in components, e.g. \\frac{\\partial \\left(AXB\\right)_{ij}}{\\partial X_{kl}}', 0, eq);
  const order = h.xLetters.length as 1 | 2;
  const fRead = readLatex(`${h.f}${defs}`, where);
  if (!fRead.ok) return fRead;
  const f = fRead.value.expr;
  const x = [...fRead.value.variables, ...fRead.value.unused].find((v) => v.name === h.x);
  if (!x) return failed(`${h.x} does not occur in ${h.f}`);
  const names = order === 1 ? [`d${h.x}`] : [`d${h.x}`, `d${h.x}2`];
  const declarations = names.map((n) => directionDeclaration(where, h.x, n)).filter((d): d is string => d !== undefined);
  const allWhere = [where, ...declarations].filter((w) => w !== undefined && w.trim() !== '').join('; ');
  const directions = h.xLetters.map((letters, k) => `\\mathrm{${names[k]}}${letters === '' ? '' : `_{${letters}}`}`).join(' ');
  const summed = h.xLetters.join('');
  const lhs = h.fLetters === '' ? '' : `y_{${h.fLetters}} = `;
  const body = `\\left(${text.slice(eq + 1)}\\right) ${directions}`;
  const claimedText = `${einstein ? '% convention: einstein\n' : ''}${lhs}${summed === '' ? body : `\\sum_{${[...summed].join(',')}} ${body}`}`;
  const claimed = readLatex(`${claimedText}${defs}`, allWhere);
  if (!claimed.ok) return failed(`the right side does not read as index notation: ${claimed.error.message}`, eq + 1, latex.length);
  const all = [...claimed.value.variables, ...claimed.value.unused];
  const dirs = names.map((n) => all.find((v) => v.name === n)).filter((v): v is Expr => v !== undefined);
  if (dirs.length !== order) return failed('the right side does not read as index notation');
  let differential = tangent(f, x, undefined, dirs[0]);
  if (order === 2) differential = tangent(differential, x, undefined, dirs[1]);
  return { ok: true, value: { f, x, order, claimed: claimed.value.expr, differential, directions: dirs } };
}

/** Whether the index form's right side is the derivative of its left side (numerically, at random points and directions). */
export function compareIndexForm(r: IndexFormReading, seed?: number): EqualityReport {
  return compareNumerically(r.claimed, r.differential, [], { samples: 3, ...(seed !== undefined ? { seed } : {}) });
}
