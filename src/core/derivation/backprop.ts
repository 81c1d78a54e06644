/**
 * The chain rule in gradient form (reverse mode, "backpropagation") for a scalar function of
 * matrices: ∂y/∂U has U's shape (as in the Matrix Cookbook), and each intermediate's gradient is
 * obtained from the gradients of the expressions that use it by their rules (Aᵀ·Ḡ·Bᵀ for A·U·B,
 * Ḡ ⊙ f′(U) for an element-wise f, …), summed over its uses (the total-derivative rule). This reads
 * better than vec/Kronecker Jacobians for tr, det, logdet and matrix products.
 */
import { Expr, num, rawAdd, variable, walkUnvisited, withArgs } from '../model/expr';
import { checkpoint } from '../limits/budget';
import { Set as PersistentSet } from 'immutable';
import { isScalar } from '../model/shape';
import { add } from '../simplify/build';
import { applied, StrategyResult } from './chain';
import { capLazyRun } from './compact';
import { Context, derivativeClaim, equalClaim, shown, step } from './context';
import { definitionsStep } from './definitions';
import { EQUALS, fraction, note } from './notation';
import { gradientTerms } from './occurrences';
import { pullback, rememberingTextbook } from './partials';
import { adjointSentences } from './rules';
import type { Claim, Notation, Part, Step } from './step';
import type { Intermediate, Structure } from './structure';
import type { Writer } from './writer';

export function backpropDerivation(s: Structure, ctx: Context): StrategyResult {
  const { x, list, defs } = s;
  const w = ctx.write;
  const root = list[list.length - 1];
  const grad = (v: Expr): Notation => fraction(w, root.v, v, { gradientForm: true });
  const users = new Map<Expr, Intermediate[]>();
  for (const i of list) for (const a of i.args) users.set(a, [...(users.get(a) ?? []), i]);
  const adjoint = new Map<Expr, Expr>([[root.v, num(1)]]);
  const steps: Step[] = list.length > 1 ? [definitionsStep(s, ctx)] : [];
  const backwards: Backward[] = [];
  let placeholders = 0;
  const targets = [...list.slice(0, -1).map((i) => i.v).reverse(), x];
  const named = intermediatesNamer(list, root);
  // One textbook() for every gradient, remembering what it has walked: each holds the one before (and a
  // constant, c in h = tanh(W_k h) ⊙ c), walked once, not once per gradient (same results).
  const textbook = rememberingTextbook();
  for (const t of targets) {
    const uses = users.get(t) ?? [];
    const values: Expr[] = [];
    let occurrences = 0;
    for (const p of uses) {
      const seed = adjoint.get(p.v) as Expr;
      // t in several places of one use (XᵀBX): one contribution per occurrence, the others held fixed.
      const split = gradientTerms(p.def, seed, t);
      values.push(...(split ?? [pullback(p.def, seed, t)]));
      if (split) occurrences = Math.max(occurrences, split.length);
    }
    // Values of later intermediates are written with their names (p for softmax(z), h for tanh(u)).
    values.splice(0, values.length, ...values.map((e) => named(e, t)));
    const collected = named(textbook(add(...values)), t);
    const final = t === x;
    // The last gradient keeps its contributions apart (collecting them is a step of its own).
    const contributions = values.length > 1 ? rawAdd(values) : collected;
    const value = final ? contributions : collected;
    adjoint.set(t, value);
    const several = uses.length > 1;
    const form = isScalar(t.shape) ? 'scalar' : 'gradient';
    const claims = [
      derivativeClaim(defs, root.v, [t], form, value, { keep: t === x ? [] : [t] }),
      ...(values.length > 1 ? [equalClaim(defs, contributions, collected)] : []),
    ];
    const name = several ? 'Total derivative (reverse mode)' : occurrences > 1 ? 'Product rule (reverse mode)' : 'Chain rule (reverse mode)';
    // Made when shown (capLazyRun): most of a long run is collected. The values, the uses and the
    // rules' sentences with the shared constants by their names (s.named, sharedConstants.ts), as the
    // chain rule's and the differential method's steps show them (c in h = tanh(W_k h) ⊙ c).
    const make = (): Step => {
      const symbolic: Notation[] = [];
      const sentences: string[] = [];
      for (const p of uses) {
        if (p === root) symbolic.push(appliedNote(w, t, p.shown));
        else {
          const ph = placeholder(p.v, ctx.reserved, ++placeholders);
          symbolic.push(withName(w, pullback(p.shown, ph, t), ph, grad(p.v)));
        }
        sentences.push(...adjointSentences(p.shown, t));
      }
      const contributionsShown = s.named(contributions);
      const collectedShown = s.named(collected);
      const after: Part[] = [grad(t), EQUALS, shown(contributionsShown)];
      if (!final && contributions !== collected && w.latex(contributionsShown) !== w.latex(collectedShown)) after.push(EQUALS, shown(collectedShown));
      const tn = w.unicode(t);
      const whence = several
        ? `adds the contributions of its ${uses.length} uses, in ${uses.map((u) => w.unicode(u.v)).join(' and ')}`
        : `comes from its use in ${w.unicode(uses[0]?.v ?? root.v)} = ${w.unicode(uses[0]?.shown ?? root.shown)}`;
      const product = occurrences > 1 ? `, one term for each place ${tn} occurs with the others held fixed (the product rule)` : '';
      return step(several ? 'total-derivative' : occurrences > 1 ? 'product-rule' : 'chain-rule', 'derivative', {
        name,
        reference: 'Giles (2008); Matrix Cookbook §2',
        explanation:
          `Going backwards from ${w.unicode(root.v)}, the gradient with respect to ${tn} (written with ${tn}’s shape) ${whence}${product}, ` +
          `each operation passing the gradient Ḡ of its result back to its argument: ${dedupe(sentences).join('; ')}.`,
        before: [grad(t), EQUALS, joinNotes(symbolic)],
        after,
        claims,
        focus: uses[0]?.def,
        shapes: [[grad(t).text, value.shape]],
        value,
      });
    };
    backwards.push({ name, claims, value, make });
  }
  const run = { length: backwards.length, step: (k: number) => backwards[k].make(), name: (k: number) => backwards[k].name, claims: (k: number) => backwards[k].claims, value: (k: number) => backwards[k].value };
  steps.push(...capLazyRun(run, 'reverse', ctx.granularity));
  return { steps, value: adjoint.get(x) as Expr, form: 'gradient', lhs: grad(x), named: s.named };
}

/** A step of the backward run, made only when shown. */
interface Backward {
  readonly name: string;
  readonly claims: readonly Claim[];
  readonly value: Expr;
  readonly make: () => Step;
}

/** A node with the definitions below it replaced by their variables, and the ids of the definitions replaced. */
interface Named {
  readonly out: Expr;
  readonly replaced: IdSet;
}
type IdSet = PersistentSet<number>;
const NONE: IdSet = PersistentSet<number>();

/**
 * `e` (the gradient by t) with the definitions of the intermediates replaced by their variables,
 * innermost first — but the root's, and t's own: t is held fixed in the claim about its gradient, so its
 * definition (Xᵀ in the gradient (BX)ᵀ by u₁ = Xᵀ of tr(XᵀBX)) must stay. One memo for the whole derivation,
 * so that each node is walked once however many gradients hold it: a walk of each gradient per
 * intermediate (replaceNode, once for each) was quadratic in the steps at every step (h = tanh(W_k h) ⊙ c:
 * 14 of 16 s at 100 steps). The memo replaces every definition but the root's, and notes which (persistent
 * sets, the largest of the arguments' with the others' added); for t, only the nodes whose set holds t's
 * definition are rebuilt without replacing it.
 */
function intermediatesNamer(list: readonly Intermediate[], root: Intermediate): (e: Expr, t: Expr) => Expr {
  const byDef = new Map<Expr, Expr>();
  const defOf = new Map<Expr, Expr>();
  for (const i of list) {
    if (i === root) continue;
    if (!byDef.has(i.def)) byDef.set(i.def, i.v);
    defOf.set(i.v, i.def);
  }
  const memo = new Map<Expr, Named>();
  const global = (n: Expr): Named => {
    const args = n.args.map((a) => memo.get(a) as Named);
    const rebuilt = withArgs(n, args.map((a) => a.out));
    const v = byDef.get(rebuilt);
    const sets = args.map((a) => a.replaced).filter((r) => r.size > 0);
    let replaced = sets.reduce((big, r) => (r.size > big.size ? r : big), NONE);
    for (const r of sets) {
      if (r === replaced) continue;
      for (const id of r) {
        checkpoint();
        replaced = replaced.add(id);
      }
    }
    return v === undefined ? { out: rebuilt, replaced } : { out: v, replaced: replaced.add(rebuilt.id) };
  };
  return (e, t) => {
    const own = defOf.get(t);
    const holdsOwn = (n: Expr): boolean => own !== undefined && (memo.get(n) as Named).replaced.has(own.id);
    const local = new Map<Expr, Expr>();
    const done = (n: Expr): boolean => local.has(n) || (memo.has(n) && !holdsOwn(n));
    walkUnvisited(e, done, (n) => {
      checkpoint();
      if (!memo.has(n)) memo.set(n, global(n));
      if (!holdsOwn(n)) return;
      const rebuilt = withArgs(n, n.args.map((a) => local.get(a) ?? (memo.get(a) as Named).out));
      local.set(n, rebuilt === own ? rebuilt : byDef.get(rebuilt) ?? rebuilt);
    });
    return local.get(e) ?? (memo.get(e) as Named).out;
  };
}

const dedupe = (xs: readonly string[]): string[] => [...new Set(xs)];

/** ∂/∂t applied to an expression, as one piece of notation. */
function appliedNote(w: Writer, t: Expr, e: Expr): Notation {
  const parts = applied(w, t, e, false).map((p) => ('tex' in p ? p : { tex: w.latex(p as Expr), text: w.unicode(p as Expr) }));
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
function withName(w: Writer, e: Expr, v: Expr, n: Notation): Notation {
  return note(replaceName(w.latex(e), w.latex(v), n.tex), w.unicode(e).split(w.unicode(v)).join(`(${n.text})`));
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
