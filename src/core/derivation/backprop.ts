/**
 * The chain rule in gradient form (reverse mode, "backpropagation") for a scalar function of
 * matrices: ∂y/∂U has U's shape (as in the Matrix Cookbook), and each intermediate's gradient is
 * obtained from the gradients of the expressions that use it by their rules (Aᵀ·Ḡ·Bᵀ for A·U·B,
 * Ḡ ⊙ f′(U) for an element-wise f, …), summed over its uses (the total-derivative rule). This reads
 * better than vec/Kronecker Jacobians for tr, det, logdet and matrix products.
 */
import { Expr, num, variable } from '../model/expr';
import { isScalar } from '../model/shape';
import { add } from '../simplify/build';
import { toLatex, toUnicode } from '../write/index';
import { applied, StrategyResult } from './chain';
import { Context, derivativeClaim, shown, step } from './context';
import { definitionsStep } from './definitions';
import { EQUALS, equation, fraction, note } from './notation';
import { pullback, textbook } from './partials';
import { adjointSentences } from './rules';
import type { Notation, Step } from './step';
import type { Intermediate, Structure } from './structure';

export function backpropDerivation(s: Structure, ctx: Context): StrategyResult {
  const { x, list, defs } = s;
  const root = list[list.length - 1];
  const grad = (v: Expr): Notation => fraction(root.v, v, { gradientForm: true });
  const users = new Map<Expr, Intermediate[]>();
  for (const i of list) for (const a of i.args) users.set(a, [...(users.get(a) ?? []), i]);
  const adjoint = new Map<Expr, Expr>([[root.v, num(1)]]);
  const steps: Step[] = list.length > 1 ? [definitionsStep(s, ctx.granularity)] : [];
  let placeholders = 0;
  const targets = [...list.slice(0, -1).map((i) => i.v).reverse(), x];
  for (const t of targets) {
    const uses = users.get(t) ?? [];
    const values: Expr[] = [];
    const symbolic: Notation[] = [];
    const sentences: string[] = [];
    for (const p of uses) {
      const seed = adjoint.get(p.v) as Expr;
      values.push(pullback(p.def, seed, t));
      if (p === root) symbolic.push(appliedNote(t, p.def));
      else {
        const ph = placeholder(p.v, ctx.reserved, ++placeholders);
        symbolic.push(withName(pullback(p.def, ph, t), ph, grad(p.v)));
      }
      sentences.push(...adjointSentences(p.def, t));
    }
    const value = textbook(add(...values));
    adjoint.set(t, value);
    const several = uses.length > 1;
    const form = isScalar(t.shape) ? 'scalar' : 'gradient';
    steps.push(step(several ? 'total-derivative' : 'chain-rule', 'derivative', {
      name: several ? 'Total derivative (reverse mode)' : 'Chain rule (reverse mode)',
      reference: 'Giles (2008); Matrix Cookbook §2',
      explanation:
        `Going backwards from ${toUnicode(root.v)}, the gradient with respect to ${toUnicode(t)} (written with ${toUnicode(t)}’s shape) ` +
        `${several ? `adds the contributions of its ${uses.length} uses, in ${uses.map((u) => toUnicode(u.v)).join(' and ')}` : `comes from its use in ${toUnicode(uses[0]?.v ?? root.v)} = ${toUnicode(uses[0]?.def ?? root.def)}`}: ` +
        `${dedupe(sentences).join('; ')}.`,
      before: [grad(t), EQUALS, joinNotes(symbolic)],
      after: equation(grad(t), shown(value)),
      claims: [derivativeClaim(defs, root.v, [t], form, value, { keep: t === x ? [] : [t] })],
      focus: uses[0]?.def,
      shapes: [[grad(t).text, value.shape]],
      value,
    }));
  }
  return { steps, value: adjoint.get(x) as Expr, form: 'gradient', lhs: grad(x) };
}

const dedupe = (xs: readonly string[]): string[] => [...new Set(xs)];

/** ∂/∂t applied to an expression, as one piece of notation. */
function appliedNote(t: Expr, e: Expr): Notation {
  const parts = applied(t, e, false).map((p) => ('tex' in p ? p : { tex: toLatex(p as Expr), text: toUnicode(p as Expr) }));
  return note(parts.map((p) => p.tex).join(''), parts.map((p) => p.text).join(''));
}

function joinNotes(parts: readonly Notation[]): Notation {
  return note(parts.map((p) => p.tex).join(' + '), parts.map((p) => p.text).join(' + '));
}

/** A stand-in variable for ∂y/∂P in a rule, replaced by its notation when rendered. */
function placeholder(p: Expr, reserved: ReadonlySet<string>, k: number): Expr {
  let name = `zadj${k}`;
  while (reserved.has(name)) name = `z${name}`;
  return variable(name, p.shape);
}

/** Render `e` with the variable `v` shown as `n` (parenthesised where a superscript follows). */
function withName(e: Expr, v: Expr, n: Notation): Notation {
  return note(replaceName(toLatex(e), toLatex(v), n.tex), toUnicode(e).split(toUnicode(v)).join(`(${n.text})`));
}

function replaceName(s: string, name: string, by: string): string {
  const pieces = s.split(name);
  let out = pieces[0];
  for (let k = 1; k < pieces.length; k++) {
    out += pieces[k].startsWith('^') ? `\\left(${by}\\right)` : `{${by}}`;
    out += pieces[k];
  }
  return out;
}
