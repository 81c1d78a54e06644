/**
 * The differential method (Magnus & Neudecker; Minka 2000; Matrix Cookbook §2) for derivatives with
 * respect to a matrix, and for scalar functions with matrices inside: take the differential of each
 * piece by its operator record's differential rule (d(AXB) = A dX B, d(X⁻¹) = −X⁻¹ dX X⁻¹, …),
 * substitute the pieces' differentials into one another, bring dy to the canonical form
 * tr(Gᵀ dX) (a scalar: each term is its own trace, moved round by the cyclic property) or
 * vec(dF) = J vec(dX) (an array), and identify the derivative: ∂y/∂X = G with X's shape, or the
 * Jacobian J. Every step carries a claim checked numerically (a `differential` claim: finite
 * differences along a random direction dX).
 */
import { probabilitiesNote } from '../present/probabilities';
import type { Derivative } from '../calculus/form';
import { gradient } from '../calculus/gradient';
import { OPERATOR_RULES } from '../calculus/rules/index';
import { formulaFor, isUnsupported } from '../calculus/rules/types';
import { Expr, postorder, rawMul, variable } from '../model/expr';
import { isMatrix, isRow, isScalar, shapeText } from '../model/shape';
import { add, mul, reduce, transpose, vec, zeros } from '../simplify/build';
import { bindShared, treeIsLarge, writeBoundForm } from '../present/bindings';
import type { AnswerNames } from '../present/answerNames';
import type { StrategyResult } from './chain';
import { capLazyRun } from './compact';
import { Context, derivativeClaim, equalClaim, step } from './context';
import { definitionsStep } from './definitions';
import { EQUALS, fraction, note } from './notation';
import { localJacobian, textbook } from './partials';
import type { Claim, Notation, Part, Step } from './step';
import type { Intermediate, Structure } from './structure';
import { expand, replaceNode, replaceNodes } from './substitute';
import { normalize } from '../simplify/simplify';
import type { Writer } from './writer';

/** Trees of at most this many nodes are compared as written (a few thousand characters at most). */
const COMPARE_WRITTEN = 2_000;

/** A variable standing for the differential of another (dX), and how it is written. */
interface Differential {
  readonly of: Expr;
  readonly v: Expr;
  readonly tex: string;
  readonly text: string;
}

/**
 * Writes expressions that contain differentials: the stand-ins shown as dX, du₁, d𝐱. An expression
 * whose tree is much larger than its DAG (the differential of a deep network substituted back
 * repeats every layer in the layers above it) is written in the binding form `… where v₁ = …`, as
 * derive() writes its result, so that every step stays linear in the expression (issue 17); its
 * names avoid the intermediates' and the stand-ins'.
 */
class DifferentialWriter {
  private readonly list: Differential[] = [];
  private readonly byVar = new Map<Expr, Differential>();
  /** The differentials by their stand-in (dd1 → dX). */
  private readonly byStandIn = new Map<Expr, Differential>();
  /** What show() wrote, for the stand-ins known then (their number). */
  private readonly shown = new Map<Expr, { readonly known: number; readonly note: Notation }>();

  /**
   * `write`: the derivation's writer (writer.ts, for the reader of the answer); `intermediates`: the
   * names of the derivation's intermediate variables; `names`: nodes written by their name wherever
   * they appear (P for softmax(Z, 2), named when its differential is taken).
   */
  constructor(
    private readonly write: Writer,
    private readonly reserved: ReadonlySet<string>,
    private readonly intermediates: readonly string[] = [],
    private readonly names: ReadonlyMap<Expr, Expr> = new Map(),
    /** The answer's names (present/answerNames.ts), which a large display's binding form names a node by. */
    private readonly answer?: AnswerNames,
  ) {}

  /** `e` with the named nodes written as their names (`e` itself when there are none). */
  named(e: Expr): Expr {
    let out = e;
    for (const [node, name] of this.names) out = replaceNode(out, node, name);
    return out;
  }

  of(e: Expr): Differential {
    const known = this.byVar.get(e);
    if (known) return known;
    let name = `dd${this.list.length + 1}`;
    while (this.reserved.has(name)) name = `d${name}`;
    const d: Differential = { of: e, v: variable(name, e.shape, e.symmetric === true), tex: `\\mathrm{d}${this.write.latex(e)}`, text: `d${this.write.unicode(e)}` };
    this.list.push(d);
    this.byVar.set(e, d);
    this.byStandIn.set(d.v, d);
    return d;
  }

  /**
   * `e` as notation, each stand-in written as its differential (longest names first: dd12 before dd1).
   * Only the stand-ins in `e`: a deep network has one per layer, and each shown piece looked for all of
   * them in its text (quadratic).
   */
  show(e: Expr): Notation {
    const known = this.shown.get(e);
    if (known !== undefined && known.known === this.list.length) return known.note;
    let { tex, text } = this.written(e);
    const used = postorder(e).flatMap((n) => this.byStandIn.get(n) ?? []);
    const ordered = used.sort((a, b) => (b.v.name as string).length - (a.v.name as string).length || (b.v.name as string).localeCompare(a.v.name as string));
    for (const d of ordered) {
      tex = spaced(tex.split(this.write.latex(d.v)), `{${d.tex}}`, /[A-Za-z0-9})]$/, /^(\^\{[^{}]*\})?[A-Za-z\\(]/, '\\,');
      text = spaced(text.split(this.write.unicode(d.v)), d.text, /[^\s(−]$/, /^[ᵀ⁻¹²³⁰-⁹]*[^\s)ᵀ⁻¹²³⁰-⁹,/]/, ' ');
    }
    const shown = note(tex, text);
    this.shown.set(e, { known: this.list.length, note: shown });
    return shown;
  }

  /** Does `a` show as `b` does? */
  showsAs(a: Expr, b: Expr): boolean {
    return a === b || this.show(a).tex === this.show(b).tex;
  }

  /** A named node's definition written out (d(softmax(Z, 2)), the differential about to be taken), not as its name. */
  definition(e: Expr): Notation {
    if (!this.names.has(e)) return this.show(e);
    const { tex, text } = this.written(e, false);
    return note(tex, text);
  }

  private written(shown: Expr, named = true): { readonly tex: string; readonly text: string } {
    const e = named ? this.named(shown) : shown;
    if (!treeIsLarge(e)) return { tex: this.write.latex(e), text: this.write.unicode(e) };
    const bound = bindShared(e, this.write.dimensions, [...this.reserved, ...this.intermediates, ...this.list.map((d) => d.v.name as string)], this.answer);
    return { tex: writeBoundForm(bound, 'latex'), text: writeBoundForm(bound, 'unicode') };
  }
}

/**
 * Join pieces with `by`, putting `gap` where a neighbour would run into it: before it, and after
 * it or after its transpose or power (dXᵀ Xc, not dXᵀXc; a quotient keeps its bar: du/N).
 */
function spaced(pieces: readonly string[], by: string, before: RegExp, after: RegExp, gap: string): string {
  let out = pieces[0];
  for (let k = 1; k < pieces.length; k++) {
    const piece = pieces[k];
    const m = after.exec(piece);
    // The gap goes after the superscript the match starts with, before what runs into it.
    const at = m ? m[0].length - 1 : 0;
    out += (before.test(out) ? gap : '') + by + (m ? piece.slice(0, at) + gap + piece.slice(at) : piece);
  }
  return out;
}

/** The differential of `def` given the differentials of the variables in `seeds`, by the operator records; undefined where a record has none. */
function differentialOf(def: Expr, seeds: ReadonlyMap<Expr, Expr>): Expr | undefined {
  const memo = new Map<Expr, Expr>();
  for (const n of postorder(def)) {
    const seed = seeds.get(n);
    if (seed) {
      memo.set(n, seed);
      continue;
    }
    if (!n.args.some((a) => memo.has(a))) continue;
    const rule = OPERATOR_RULES[n.op].differential;
    if (isUnsupported(rule)) return undefined;
    memo.set(n, rule.of(n, (a) => memo.get(a) ?? zeros(a.shape)));
  }
  return memo.get(def) ?? zeros(def.shape);
}

/** The differential rules of the operators of `def` that act on the variables, outermost first. */
function formulasIn(def: Expr, vars: readonly Expr[]): string[] {
  const order = postorder(def);
  const dep = new Set<Expr>(vars);
  for (const e of order) if (e.args.some((a) => dep.has(a))) dep.add(e);
  const out = new Set<string>();
  for (let k = order.length - 1; k >= 0; k--) {
    const e = order[k];
    if (!dep.has(e) || vars.includes(e)) continue;
    const r = OPERATOR_RULES[e.op].differential;
    if (!isUnsupported(r)) out.add(formulaFor(r, e));
  }
  return [...out];
}

/** The terms of a sum, a trace of a sum read as a sum of traces. */
function termsOf(e: Expr): readonly Expr[] {
  if (e.op === 'add') return e.args.flatMap(termsOf);
  if (e.op === 'tr' && e.args[0].op === 'add') return e.args[0].args.map((t) => reduce('tr', t));
  return [e];
}

/**
 * The derivation by differentials, or undefined when some operator has no differential rule (the
 * caller then explains the derivative another way).
 */
export function differentialDerivation(s: Structure, d: Derivative, ctx: Context): StrategyResult | undefined {
  const { x, list, defs } = s;
  const root = list[list.length - 1];
  // A softmax along a dimension is P from its differential on (dP = P ⊙ (dZ − (P ⊙ dZ)𝟏𝟏ᵀ)), as the
  // rule, the block form and the result's named form call it — where it is the function itself.
  const names = new Map<Expr, Expr>(root.def.op === 'softmaxAlong' ? [[root.def, root.v]] : []);
  const w = new DifferentialWriter(ctx.write, ctx.reserved, list.map((i) => i.v.name as string), names, ctx.names);
  const dx = w.of(x);
  const local = new Map<Intermediate, Expr>();
  for (const i of list) {
    const l = differentialOf(i.def, new Map(i.args.map((a) => [a, w.of(a).v] as const)));
    if (l === undefined) return undefined;
    local.set(i, l);
  }
  const steps: Step[] = list.length > 1 ? [definitionsStep(s, ctx)] : [];
  const dNote = (v: Expr): Notation => note(w.of(v).tex, w.of(v).text);
  const part = (e: Expr): Part => w.show(e);
  const dOf = (e: Expr): Notation => {
    const n = w.definition(e);
    return e.op === 'var' ? note(`\\mathrm{d}${n.tex}`, `d${n.text}`) : note(`\\mathrm{d}\\left(${n.tex}\\right)`, `d(${n.text})`);
  };

  // 1. The differential of each piece, in the differentials of its arguments. Made only for the
  // pieces shown: a deep network has three pieces per layer, of which 17 are shown, and writing every
  // one of them (its differential in LaTeX and Unicode, its definition, its rules) was most of what
  // the derivation allocated.
  const pieceName = (i: Intermediate): string => `Differential of ${ctx.write.unicode(i.v)}`;
  const pieceClaims = (i: Intermediate): Claim[] =>
    [differentialClaim(defs, i.def, i.args, i.args.map((a) => w.of(a).v), local.get(i) as Expr, i.args.filter((a) => a !== x))];
  const piece = (i: Intermediate): Step => {
    const l = local.get(i) as Expr;
    const formulas = formulasIn(i.def, i.args);
    const args = i.args.map(ctx.write.unicode).join(' and ');
    // The piece and its differential with the shared constants by their names (sharedConstants.ts).
    return step('differential', 'derivative', {
      name: pieceName(i),
      explanation:
        `Take the differential of ${ctx.write.unicode(i.v)} = ${ctx.write.unicode(i.shown)}: how it changes when ${args} change${i.args.length > 1 ? '' : 's'} by ` +
        `${i.args.map((a) => w.of(a).text).join(', ')}, to first order. Rule${formulas.length > 1 ? 's' : ''}: ${formulas.join('; ')}.`,
      before: [dNote(i.v), EQUALS, dOf(i.shown)],
      after: [dNote(i.v), EQUALS, part(s.named(l))],
      claims: pieceClaims(i),
      focus: i.node,
    });
  };
  steps.push(...capLazyRun({
    length: list.length,
    step: (k) => piece(list[k]),
    name: (k) => pieceName(list[k]),
    claims: (k) => pieceClaims(list[k]),
    value: () => undefined,
  }, 'differential', ctx.granularity));

  // 2. Substitute the differentials of the pieces, innermost first: dy in dX alone.
  // All of a piece's arguments at once, into its own differential only: each argument's is in dX
  // alone, so none holds another's stand-in, and walking them again (one argument after another) was
  // quadratic in a deep network, whose pieces' differentials hold all the layers below.
  const inX = new Map<Expr, Expr>([[dx.v, dx.v]]);
  for (const i of list) {
    inX.set(w.of(i.v).v, replaceNodes(local.get(i) as Expr, new Map(i.args.map((a) => [w.of(a).v, inX.get(w.of(a).v) as Expr]))));
  }
  const dy = inX.get(w.of(root.v).v) as Expr;
  // Written in x through the smart constructors: what substituting makes cancellable cancels here
  // ((X⁻¹)⁻¹X⁻¹ = I, 2‖u‖ uᵀdu/‖u‖ = 2uᵀdu), as a textbook writes the substituted differential.
  const dyExpanded = textbook(normalize(expand(dy, defs)));
  const rootD = dNote(root.v);
  if (list.length > 1) {
    // In the pieces, the shared constants by their names; in x, written out.
    // Two nodes a learner cannot tell apart (the same written form, e.g. a Hadamard product grouped
    // another way) are written once: "df = E = E" says nothing. Compared as written only when both
    // are small trees: a deep network's differential written as a tree is exponential in its depth
    // (the step itself writes it in the binding form), so a large one keeps both sides.
    const namedDy = dy === dyExpanded ? dy : s.named(dy);
    const same = dy === dyExpanded
      || (namedDy.size <= COMPARE_WRITTEN && dyExpanded.size <= COMPARE_WRITTEN && ctx.write.unicode(namedDy) === ctx.write.unicode(dyExpanded));
    const shownD = same ? [part(dyExpanded)] : [part(namedDy), EQUALS, part(dyExpanded)];
    steps.push(step('differential-chain', 'derivative', {
      explanation:
        `Substitute the differentials of the pieces into one another, innermost first (the chain rule for differentials: ` +
        `${w.of(root.v).text} has the same form whether the pieces are variables or functions of ${ctx.write.unicode(x)}), and write the result in ${ctx.write.unicode(x)}, so that only ${dx.text} remains.`,
      before: [rootD, EQUALS, part(s.named(local.get(root) as Expr))],
      after: [rootD, EQUALS, ...shownD],
      claims: [
        differentialClaim(defs, root.v, [x], [dx.v], dy, []),
        ...(dy === dyExpanded ? [] : [equalClaim(defs, dy, dyExpanded)]),
      ],
    }));
  }

  // 3. The canonical form, 4. identification.
  return isScalar(root.v.shape)
    ? identifyGradient(s, d, ctx, w, dyExpanded, steps)
    : identifyJacobian(s, d, ctx, w, dyExpanded, steps);
}

/**
 * Why a vector broadcast over a batch gets a summed gradient: b added to every row (𝟏bᵀ) enters dy
 * as 𝟏 dbᵀ, and 𝟏ᵀM db adds up every row's contribution (a column v𝟏ᵀ likewise over the columns).
 */
function broadcastNote(dy: Expr, dx: Expr, name: string): string {
  const isBroadcast = (e: Expr, side: 'rows' | 'columns'): boolean => {
    if (e.op !== 'mul') return false;
    const k = side === 'rows' ? e.args.findIndex((f, i) => f.op === 'ones' && e.args[i + 1]?.op === 'transpose' && e.args[i + 1].args[0] === dx)
      : e.args.findIndex((f, i) => f === dx && e.args[i + 1]?.op === 'ones' && isRow(e.args[i + 1].shape));
    return k >= 0;
  };
  const nodes = postorder(dy);
  if (nodes.some((e) => isBroadcast(e, 'rows'))) {
    return ` ${name} is added to every row (the broadcast 𝟏${name}ᵀ), so d${name} enters as 𝟏 d${name}ᵀ; 𝟏ᵀM d${name} = Σᵢ mᵢᵀ d${name} adds up the contributions of all the rows, which is why the gradient sums over the batch (Mᵀ𝟏, that is sum(M, 1)ᵀ).`;
  }
  if (nodes.some((e) => isBroadcast(e, 'columns'))) {
    return ` ${name} is added to every column (the broadcast ${name}𝟏ᵀ), so d${name} enters as d${name} 𝟏ᵀ; M𝟏 adds up the contributions of all the columns, so the gradient sums over them (M𝟏, that is sum(M, 2)).`;
  }
  return '';
}

/**
 * The identities that bring sums of entries and element-wise products to trace form, for those
 * that dy uses on the differential: a sum (mean) of an element-wise product is a trace, and an
 * element-wise factor not directly under the sum moves from one side of a product to the other —
 * each written for matrices or for vectors, as its operands are.
 */
function elementwiseIdentities(dy: Expr, dx: Expr): string {
  const holds = new Set<Expr>([dx]);
  const reductions: Expr[] = [];
  const products = new Set<Expr>();
  for (const e of postorder(dy)) {
    if (!e.args.some((a) => holds.has(a))) continue;
    holds.add(e);
    if (e.op === 'sum' || e.op === 'mean') reductions.push(e);
    if (e.op === 'hadamard') products.add(e);
  }
  const out: string[] = [];
  if (reductions.length > 0) {
    const matrix = reductions.some((r) => isMatrix(r.args[0].shape));
    const sum = matrix ? 'sum(A ⊙ B) = tr(AᵀB)' : 'sum(a ⊙ b) = aᵀb';
    out.push(reductions.some((r) => r.op === 'mean') ? `a mean is the sum divided by the number of entries, and ${sum}` : `a sum of all entries is a trace, ${sum}`);
    // An element-wise product directly under the sum (or under a scaling of it) is that identity.
    for (const r of reductions) for (const a of r.args[0].op === 'mul' ? [r.args[0], ...r.args[0].args] : [r.args[0]]) products.delete(a);
  }
  if (products.size > 0) {
    out.push([...products].some((p) => isMatrix(p.shape))
      ? 'an element-wise factor moves across a product, tr(Aᵀ(B ⊙ C)) = tr((A ⊙ B)ᵀC)'
      : 'an element-wise factor moves across a product, aᵀ(b ⊙ c) = (a ⊙ b)ᵀc');
  }
  return out.length === 0 ? '' : `; ${out.join('; ')}`;
}

function differentialClaim(defs: Structure['defs'], of: Expr, wrt: readonly Expr[], directions: readonly Expr[], value: Expr, keep: readonly Expr[]): Claim {
  return { kind: 'differential', defs, of, wrt, directions, value, keep };
}

/** dy = tr(Gᵀ dX) (gᵀ dx for a vector) ⇒ ∂y/∂X = G. */
function identifyGradient(s: Structure, d: Derivative, ctx: Context, w: DifferentialWriter, dy: Expr, steps: Step[]): StrategyResult {
  const { x, list, defs } = s;
  const root = list[list.length - 1];
  const dx = w.of(x).v;
  const matrix = isMatrix(x.shape);
  const canonical = (g: Expr): Expr => (matrix ? reduce('tr', mul(transpose(g), dx)) : mul(transpose(g), dx));
  // The gradient X's entries would have if they were independent (a symmetric X is symmetrised later).
  const G = x.symmetric ? textbook(gradient(expand(root.v, defs), x)) : ctx.present(d, 'mixed');
  // Each term's gradient only where there are several terms: one term's is G's work again.
  const terms = termsOf(dy);
  const perTerm = terms.length > 1 ? add(...terms.map((t) => canonical(textbook(gradient(t, dx))))) : undefined;
  const whole = canonical(G);
  const rootD = note(w.of(root.v).tex, w.of(root.v).text);
  const gName = matrix ? 'G' : '𝐠';
  if (!w.showsAs(whole, dy)) {
    const after: Part[] = [rootD, EQUALS];
    if (perTerm && !w.showsAs(perTerm, whole)) after.push(w.show(perTerm), EQUALS);
    after.push(w.show(whole));
    const how = matrix
      ? `Each term is a scalar, so it equals its own trace; the cyclic property tr(ABC) = tr(CAB) and tr(Aᵀ) = tr(A) move ${w.of(x).text} to the right of every term, ` +
        `tr(A dX B) = tr(BA dX) and tr(A dXᵀ B) = tr(AᵀBᵀ dX)${elementwiseIdentities(dy, dx)}, and the terms collect into one trace tr(Gᵀ dX)`
      : `Each term is a scalar, so it equals its transpose (aᵀb = bᵀa)${elementwiseIdentities(dy, dx)}; written with ${w.of(x).text} on the right, the terms collect into 𝐠ᵀ d${ctx.write.unicode(x)}`;
    steps.push(step('trace-form', 'rewrite', {
      ...(matrix ? {} : { name: 'Bring to the form 𝐠ᵀ d𝐱' }),
      explanation: `${how}.${broadcastNote(dy, dx, ctx.write.unicode(x))}${probabilitiesNote(dy)}`,
      before: [rootD, EQUALS, w.show(dy)],
      after,
      claims: [
        ...(perTerm ? [equalClaim(defs, dy, perTerm)] : []),
        equalClaim(defs, dy, whole),
      ],
    }));
  }
  const lhs = fraction(ctx.write, root.v, x, { gradientForm: true });
  const sym = x.symmetric ? ` (as if the entries of ${ctx.write.unicode(x)} were independent; it is symmetrised next)` : '';
  steps.push(step('identify', 'derivative', {
    explanation:
      `${w.of(root.v).text} = ${matrix ? `tr(${gName}ᵀ ${w.of(x).text})` : `${gName}ᵀ ${w.of(x).text}`} for every ${w.of(x).text} identifies the derivative: ` +
      `∂${ctx.write.unicode(root.v)}/∂${ctx.write.unicode(x)} = ${gName}${sym}, with the shape of ${ctx.write.unicode(x)} — denominator layout (the Matrix Cookbook’s); ` +
      `in numerator layout (Parr & Howard) it is ${gName}ᵀ.`,
    before: [rootD, EQUALS, w.show(whole)],
    after: [lhs, EQUALS, G],
    claims: [derivativeClaim(defs, root.v, [x], isScalar(x.shape) ? 'scalar' : 'gradient', G)],
    shapes: [[lhs.text, G.shape]],
    value: G,
  }));
  return { steps, value: G, form: 'gradient', lhs };
}

/** vec(dF) = J vec(dX) ⇒ ∂vec F/∂(vec X)ᵀ = J. */
function identifyJacobian(s: Structure, d: Derivative, ctx: Context, w: DifferentialWriter, dF: Expr, steps: Step[]): StrategyResult {
  const { x, list, defs } = s;
  const root = list[list.length - 1];
  const dx = w.of(x).v;
  const J = x.symmetric ? localJacobian(expand(root.v, defs), x) : ctx.present(d, 'numerator');
  // A row (sum(X, 1), 1×n) is stacked too: vec of a row is its transpose, a column like J vec(dX).
  const stacked = (e: Expr): boolean => isMatrix(e.shape) || isRow(e.shape);
  const vecF = stacked(root.v) ? vec(dF) : dF;
  const vecX = stacked(x) ? vec(dx) : dx;
  // J kept whole: the smart product would take a trailing 𝐊(m,n) of J into vec(dX) (𝐊 vec(dX) = vec(dXᵀ)), and
  // the step is to show J vec(dX).
  const last = J.op === 'mul' ? J.args[J.args.length - 1] : J;
  const endsInK = last.op === 'commutation' || (last.op === 'transpose' && last.args[0].op === 'commutation');
  const rhs = endsInK ? rawMul(J.op === 'mul' ? [...J.args, vecX] : [J, vecX]) : mul(J, vecX);
  const rootD = note(w.of(root.v).tex, w.of(root.v).text);
  const vecNote = (n: Notation, m: boolean): Notation => (m ? note(`\\operatorname{vec}(${n.tex})`, `vec(${n.text})`) : n);
  const lhsD = vecNote(rootD, stacked(root.v));
  steps.push(step('vec-form', 'rewrite', {
    explanation:
      `Stack the columns: vec(A dX B) = (Bᵀ ⊗ A) vec(dX) turns every term into a matrix times vec(${w.of(x).text}), ` +
      `and the terms collect into vec(${rootD.text}) = J vec(${w.of(x).text}).`,
    before: [rootD, EQUALS, w.show(dF)],
    after: [lhsD, EQUALS, w.show(rhs)],
    claims: [equalClaim(defs, vecF, rhs)],
  }));
  const lhs = fraction(ctx.write, root.v, x);
  const sym = x.symmetric ? ` (as if the entries of ${ctx.write.unicode(x)} were independent; it is symmetrised next)` : '';
  steps.push(step('identify', 'derivative', {
    name: 'Identify the Jacobian',
    explanation:
      `vec(${rootD.text}) = J vec(${w.of(x).text}) for every ${w.of(x).text} identifies the Jacobian J = ∂vec ${ctx.write.unicode(root.v)}/∂(vec ${ctx.write.unicode(x)})ᵀ${sym}, ` +
      `${shapeText(J.shape)} (numerator layout; denominator layout is its transpose).`,
    before: [lhsD, EQUALS, w.show(rhs)],
    after: [lhs, EQUALS, w.named(J)],
    claims: [derivativeClaim(defs, root.v, [x], 'jacobian', J)],
    shapes: [[lhs.text, J.shape]],
    value: J,
  }));
  return { steps, value: J, form: 'jacobian', lhs };
}
