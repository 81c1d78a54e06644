/**
 * The chain rule in gradient form (reverse mode, "backpropagation") for a scalar function of
 * matrices: ∂y/∂U has U's shape (as in the Matrix Cookbook), and each intermediate's gradient is
 * obtained from the gradients of the expressions that use it by their rules (Aᵀ·Ḡ·Bᵀ for A·U·B,
 * Ḡ ⊙ f′(U) for an element-wise f, …), summed over its uses (the total-derivative rule). This reads
 * better than vec/Kronecker Jacobians for tr, det, logdet and matrix products.
 */
import { Expr, num, rawAdd, variable } from '../model/expr';
import { isScalar } from '../model/shape';
import { add } from '../simplify/build';
import { toLatex, toUnicode } from '../write/index';
import { applied, StrategyResult } from './chain';
import { capRun } from './compact';
import { Context, derivativeClaim, equalClaim, shown, step } from './context';
import { definitionsStep } from './definitions';
import { EQUALS, fraction, note } from './notation';
import { gradientTerms } from './occurrences';
import { pullback, textbook } from './partials';
import { replaceNode } from './substitute';
import { adjointSentences } from './rules';
import type { Notation, Part, Step } from './step';
import type { Intermediate, Structure } from './structure';

export function backpropDerivation(s: Structure, ctx: Context): StrategyResult {
  const { x, list, defs } = s;
  const root = list[list.length - 1];
  const grad = (v: Expr): Notation => fraction(root.v, v, { gradientForm: true });
  const users = new Map<Expr, Intermediate[]>();
  for (const i of list) for (const a of i.args) users.set(a, [...(users.get(a) ?? []), i]);
  const adjoint = new Map<Expr, Expr>([[root.v, num(1)]]);
  const steps: Step[] = list.length > 1 ? [definitionsStep(s, ctx.granularity)] : [];
  const backwards: Step[] = [];
  let placeholders = 0;
  const targets = [...list.slice(0, -1).map((i) => i.v).reverse(), x];
  for (const t of targets) {
    const uses = users.get(t) ?? [];
    const values: Expr[] = [];
    const symbolic: Notation[] = [];
    const sentences: string[] = [];
    let occurrences = 0;
    for (const p of uses) {
      const seed = adjoint.get(p.v) as Expr;
      // t in several places of one use (XᵀBX): one contribution per occurrence, the others held fixed.
      const split = gradientTerms(p.def, seed, t);
      values.push(...(split ?? [pullback(p.def, seed, t)]));
      if (split) occurrences = Math.max(occurrences, split.length);
      if (p === root) symbolic.push(appliedNote(t, p.def));
      else {
        const ph = placeholder(p.v, ctx.reserved, ++placeholders);
        symbolic.push(withName(pullback(p.def, ph, t), ph, grad(p.v)));
      }
      sentences.push(...adjointSentences(p.def, t));
    }
    // Values of later intermediates are written with their names (p for softmax(z), h for tanh(u)).
    const named = (e: Expr): Expr => list.reduce((acc, i) => (i.v === t || i === root ? acc : replaceNode(acc, i.def, i.v)), e);
    values.splice(0, values.length, ...values.map(named));
    const collected = named(textbook(add(...values)));
    const final = t === x;
    // The last gradient keeps its contributions apart (collecting them is a step of its own).
    const contributions = values.length > 1 ? rawAdd(values) : collected;
    const value = final ? contributions : collected;
    adjoint.set(t, value);
    const several = uses.length > 1;
    const form = isScalar(t.shape) ? 'scalar' : 'gradient';
    const after: Part[] = [grad(t), EQUALS, shown(contributions)];
    if (!final && contributions !== collected && toLatex(contributions) !== toLatex(collected)) after.push(EQUALS, shown(collected));
    const tn = toUnicode(t);
    const whence = several
      ? `adds the contributions of its ${uses.length} uses, in ${uses.map((u) => toUnicode(u.v)).join(' and ')}`
      : `comes from its use in ${toUnicode(uses[0]?.v ?? root.v)} = ${toUnicode(uses[0]?.def ?? root.def)}`;
    const product = occurrences > 1 ? `, one term for each place ${tn} occurs with the others held fixed (the product rule)` : '';
    backwards.push(step(several ? 'total-derivative' : occurrences > 1 ? 'product-rule' : 'chain-rule', 'derivative', {
      name: several ? 'Total derivative (reverse mode)' : occurrences > 1 ? 'Product rule (reverse mode)' : 'Chain rule (reverse mode)',
      reference: 'Giles (2008); Matrix Cookbook §2',
      explanation:
        `Going backwards from ${toUnicode(root.v)}, the gradient with respect to ${tn} (written with ${tn}’s shape) ${whence}${product}, ` +
        `each operation passing the gradient Ḡ of its result back to its argument: ${dedupe(sentences).join('; ')}.`,
      before: [grad(t), EQUALS, joinNotes(symbolic)],
      after,
      claims: [
        derivativeClaim(defs, root.v, [t], form, value, { keep: t === x ? [] : [t] }),
        ...(values.length > 1 ? [equalClaim(defs, contributions, collected)] : []),
      ],
      focus: uses[0]?.def,
      shapes: [[grad(t).text, value.shape]],
      value,
    }));
  }
  steps.push(...capRun(backwards, 'reverse', ctx.granularity));
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
