/**
 * The chain rule as Parr & Howard write it, for scalars and vectors (numerator layout, Jacobian
 * form): differentiate each intermediate variable with respect to its own arguments (local
 * derivatives / local Jacobians), then combine —
 * - along a single path, as the product of the local Jacobians, outermost first (§4.5.1, §4.5.3);
 * - where a variable reaches an intermediate along several paths, by the total-derivative rule,
 *   intermediate by intermediate from x outwards (§4.5.2), with the naive single-path answer shown
 *   as the pitfall it is.
 */
import { Expr, rawAdd, rawMul } from '../model/expr';
import { replaceNode } from './substitute';
import { isScalar, shapeText } from '../model/shape';
import { add, mul } from '../simplify/build';
import { ELLIPSIS, RUN_LIMITS, capLazyRun } from './compact';
import { casesOnly, Context, derivativeClaim, differsClaim, equalClaim, shown, step } from './context';
import { definitionsStep } from './definitions';
import { identitiesIn } from './identities';
import { EQUALS, NOT_EQUALS, SEPARATOR, equation, fraction, nameOf, note, product, productNote, sum } from './notation';
import type { Claim, Notation, Part, Step } from './step';
import { JACOBIAN, localJacobian, rememberingTextbook, textbook } from './partials';
import { productRule, type ProductRule } from './productRule';
import { localRules, lowerFirst, ruleNames, RULES } from './rules';
import type { Intermediate, Structure } from './structure';
import type { Writer } from './writer';

export interface StrategyResult {
  readonly steps: Step[];
  /** The derivative reached, over x and (possibly) the intermediate variables. */
  readonly value: Expr;
  /** 'jacobian': numerator-layout Jacobian form; 'gradient': the variable's shape (reverse mode). */
  readonly form: 'jacobian' | 'gradient';
  /** Notation for ∂f/∂x in the steps that follow. */
  readonly lhs: Notation;
  /** How the steps show an expression (Structure.named: shared constants by their names), if not as it is. */
  readonly named?: (e: Expr) => Expr;
}

/** ∂/∂a applied to an expression, as notation. */
export function applied(w: Writer, a: Expr, e: Expr, total: boolean): Part[] {
  const an = nameOf(w, a);
  const op = total ? note(`\\frac{d}{d${/^[A-Za-z]/.test(an.tex) ? '' : ' '}${an.tex}}`, `d/d${an.text}`) : note(`\\frac{\\partial}{\\partial ${an.tex}}`, `∂/∂${an.text}`);
  return [op, note('\\left(', '('), e, note('\\right)', ')')];
}

/**
 * A softmax Jacobian is written with p = softmax(z) as in the textbooks (diag(p) − ppᵀ): occurrences
 * of the intermediate's own definition are shown as its variable.
 */
function withValueNamed(local: Expr, i: Intermediate): Expr {
  if (i.def.op !== 'softmax') return local;
  return replaceNode(local, i.def, i.v);
}

const squeeze = (s: string): string => s.replace(/\s+/g, '');

/** The cases of a product with a kink, after its factor-by-factor form. */
function casesAfter(e: Expr): Part[] {
  const c = casesOnly(e);
  return c.length > 0 ? [EQUALS, ...c] : [];
}

export function chainDerivation(s: Structure, ctx: Context): StrategyResult {
  const { x, list, defs, named } = s;
  const w = ctx.write;
  const root = list[list.length - 1];
  const all = list.map((i) => i.v);
  const scalarWorld = !ctx.partial && isScalar(x.shape) && list.every((i) => isScalar(i.v.shape));
  const isTotal = (i: Intermediate): boolean => scalarWorld && i.args.length === 1;
  const localFraction = (i: Intermediate, a: Expr): Notation => fraction(w, i.v, a, { total: isTotal(i) });
  const totalFraction = (v: Expr): Notation => fraction(w, v, x, { total: scalarWorld });
  // f itself on top where nothing names it (∂(xᵀAx)/∂x, d(sin(x))/dx): a one-step derivation defines
  // no y. Where the caller names f (the stacked and second-order derivations), its name.
  const alone = list.length === 1 && ctx.rootNames === undefined;
  const lhs = totalFraction(alone ? s.f : root.v);
  // What the first step starts from: ∂y/∂x = ∂/∂x(f), or, with f on top, that alone.
  const start = (): Part[] => (alone ? [lhs] : [lhs, EQUALS, ...applied(w, x, s.f, scalarWorld)]);

  // Local derivatives of every intermediate with respect to each of its arguments; where the
  // argument occurs in several factors, the product rule's terms, collected.
  const local = new Map<Expr, Map<Expr, Expr>>();
  const products = new Map<Expr, Map<Expr, ProductRule>>();
  // One textbook() for all of them, remembering what it has walked: a constant every local Jacobian
  // holds (diag(c) in each of h = tanh(W_k h) ⊙ c) is walked once, not once per Jacobian.
  const localForm = rememberingTextbook();
  for (const i of list) {
    const m = new Map<Expr, Expr>();
    const pm = new Map<Expr, ProductRule>();
    for (const a of i.args) {
      const rule = list.length > 1 ? productRule(w, i.def, a, scalarWorld && i.args.length === 1, named) : undefined;
      if (rule) pm.set(a, rule);
      m.set(a, withValueNamed(rule ? localForm(add(...rule.terms.map((t) => t.value))) : localJacobian(i.def, a, localForm), i));
    }
    local.set(i.v, m);
    products.set(i.v, pm);
  }
  const L = (i: Intermediate, a: Expr): Expr => local.get(i.v)?.get(a) as Expr;
  const P = (i: Intermediate, a: Expr): ProductRule | undefined => products.get(i.v)?.get(a);

  // One intermediate (f itself, a function of x only): the derivative is the local one.
  // x in several factors (xᵀAx): the product rule's terms first; collecting them is a later step.
  const rule = list.length === 1 ? productRule(w, root.def, x, scalarWorld) : undefined;
  if (rule) {
    const value = rule.simplified;
    return {
      steps: [...factorSteps(rule, x, defs, ctx), step(rule.rule, 'derivative', {
        name: rule.name,
        ...(rule.reference ? { reference: rule.reference } : {}),
        explanation: rule.sentence,
        before: start(),
        after: [lhs, EQUALS, rule.shownNote, EQUALS, shown(value)],
        claims: [derivativeClaim(defs, s.f, [x], JACOBIAN, value), equalClaim(defs, rule.shown, value)],
        focus: s.f,
        shapes: [[lhs.text, value.shape]],
        value,
      })],
      value,
      form: 'jacobian',
      lhs,
    };
  }
  if (list.length === 1) {
    const rules = localRules(w, root.def, x);
    const value = L(root, x);
    return {
      steps: [step(rules[0].id, 'derivative', {
        name: ruleNames(rules),
        explanation: rules.map((r) => r.sentence).join(' '),
        before: start(),
        after: equation(lhs, shown(value)),
        claims: [derivativeClaim(defs, s.f, [x], JACOBIAN, value)],
        focus: s.f,
        shapes: [[lhs.text, value.shape]],
        value,
      })],
      value,
      form: 'jacobian',
      lhs,
    };
  }

  const steps: Step[] = [definitionsStep(s, ctx)];
  steps.push(...localSteps(s, ctx, L, P, localFraction, scalarWorld));

  const chain = list.every((i, k) => i.args.length === 1 && i.args[0] === (k === 0 ? x : list[k - 1].v));
  if (chain) {
    const factors = [...list].reverse().map((i, k, rev) => L(i, k === rev.length - 1 ? x : rev[k + 1].v));
    const fracs = [...list].reverse().map((i, k, rev) => localFraction(i, k === rev.length - 1 ? x : rev[k + 1].v));
    const vector = factors.some((F) => !isScalar(F.shape)) || !isScalar(x.shape);
    const raw = rawMul(factors);
    const sizes = factors.map((F) => `(${shapeText(F.shape)})`).join('·');
    // Written once: the product of 10,000 local Jacobians is shown, compared and shown again. Each
    // with the shared constants by their names (diag(c) in every one of them).
    const factorsShown = productNote(w, factors.map(named));
    steps.push(step(vector ? 'vector-chain-rule' : 'chain-rule', 'derivative', {
      explanation: vector
        ? `The Jacobian of a composition is the product of the local Jacobians, outermost first: ${sizes} gives ${shapeText(raw.shape)}; the order matters because matrix products do not commute.`
        : `Multiply the derivatives along the chain from ${w.unicode(x)} to ${w.unicode(root.v)}, outermost first (the intermediate "units" cancel like fractions).`,
      before: [lhs, EQUALS, product(fracs)],
      after: [lhs, EQUALS, factorsShown, ...casesAfter(named(raw))],
      claims: [derivativeClaim(defs, s.f, [x], JACOBIAN, raw)],
      shapes: fracs.map((fr, k) => [fr.text, factors[k].shape] as const),
      product: { factors: fracs.map((fr, k) => [fr.text, factors[k].shape] as const), result: [lhs.text, raw.shape] },
      value: raw,
    }));
    let value: Expr = raw;
    const multiplied = textbook(mul(...factors));
    const multipliedShown = named(multiplied);
    if (multiplied !== raw && squeeze(w.latex(multipliedShown)) !== squeeze(factorsShown.tex)) {
      const used = identitiesIn(raw);
      steps.push(step('multiply-out', 'rewrite', {
        explanation: used.length > 0 ? `Carry out the products, using ${used.join(', ')}.` : 'Multiply the factors together.',
        before: [lhs, EQUALS, factorsShown],
        after: equation(lhs, shown(multipliedShown)),
        claims: [equalClaim(defs, raw, multiplied, all)],
        value: multiplied,
      }));
      value = multiplied;
    }
    return { steps, value, form: 'jacobian', lhs, named };
  }

  // Several paths: total derivatives from x outwards. Each total holds the totals of its arguments,
  // already in textbook form: only what it adds to them is walked (a recurrence's k-th total is O(k)).
  const totalForm = rememberingTextbook();
  const totals = new Map<Expr, Expr>();
  let pitfallShown = false;
  const accumulation: Total[] = [];
  for (const i of list) {
    if (i.args.length === 1 && i.args[0] === x) {
      totals.set(i.v, L(i, x));
      continue;
    }
    const terms = i.args.map((a) => (a === x ? { a, raw: L(i, x), factors: [L(i, x)], value: L(i, x) } : {
      a,
      raw: rawMul([L(i, a), totals.get(a) as Expr]),
      factors: [L(i, a), totals.get(a) as Expr],
      value: mul(L(i, a), totals.get(a) as Expr),
    }));
    const raw = terms.length === 1 ? terms[0].raw : rawAdd(terms.map((t) => t.raw));
    const value = totalForm(add(...terms.map((t) => t.value)));
    const several = i.args.length > 1;
    const direct = i.args.includes(x);
    if (several && direct && !pitfallShown) {
      const others = terms.filter((t) => t.a !== x);
      const naive = totalForm(add(...others.map((t) => t.value)));
      if (naive !== value) {
        pitfallShown = true;
        steps.push(pitfallStep(w, s, i, naive, value, product(others.flatMap((t) => [localFraction(i, t.a), totalFraction(t.a)])), totalFraction(i.v)));
      }
    }
    const vector = !isScalar(x.shape) || !isScalar(i.v.shape);
    const ruleId = several ? 'total-derivative' : vector ? 'vector-chain-rule' : 'chain-rule';
    const claims = [derivativeClaim(defs, i.v, [x], JACOBIAN, value), equalClaim(defs, raw, value, all)];
    // Made when shown: most of a long accumulation is collected, and writing each total (O(k) at
    // the k-th intermediate of a recurrence) for every one of them was quadratic.
    const made = (): Step => {
      const rawShown = sum(terms.map((t) => productNote(w, t.factors.map(named))));
      const valueShown = named(value);
      const fracs = i.args.map((a) => (a === x ? localFraction(i, x) : product([localFraction(i, a), totalFraction(a)])));
      const paths = i.args.map((a) => (a === x ? 'directly' : `through ${w.unicode(a)}`)).join(' and ');
      return step(ruleId, 'derivative', {
        explanation: several
          ? `${w.unicode(i.v)} = ${w.unicode(i.shown)} depends on ${w.unicode(x)} ${paths}, so its total derivative adds one term per path: the partial derivative along that path times how that argument changes with ${w.unicode(x)}.`
          : `${w.unicode(i.v)} depends on ${w.unicode(x)} only through ${w.unicode(i.args[0])}: multiply the derivative of ${w.unicode(i.v)} with respect to ${w.unicode(i.args[0])} by the derivative of ${w.unicode(i.args[0])} with respect to ${w.unicode(x)}.`,
        before: [totalFraction(i.v), EQUALS, sum(fracs)],
        after: rawShown.tex === w.latex(valueShown)
          ? equation(totalFraction(i.v), shown(valueShown))
          : [totalFraction(i.v), EQUALS, rawShown, EQUALS, shown(valueShown)],
        claims,
        focus: i.def,
        shapes: [[totalFraction(i.v).text, value.shape]],
        ...(several || direct ? {} : {
          product: {
            factors: [[localFraction(i, i.args[0]).text, L(i, i.args[0]).shape], [totalFraction(i.args[0]).text, (totals.get(i.args[0]) as Expr).shape]],
            result: [totalFraction(i.v).text, value.shape],
          },
        }),
        value,
      });
    };
    accumulation.push({ make: made, name: RULES[ruleId].name, claims, value });
    totals.set(i.v, value);
  }
  const value = totals.get(root.v) as Expr;
  // A summary keeps a long accumulation to one step (the pitfall, if any, stays before it); full
  // shows a long one up to a limit.
  if (ctx.granularity === 'summary' && accumulation.length > SUMMARY_ACCUMULATION) {
    steps.push(mergedTotals(accumulation, lhs, value));
  } else {
    const run = { length: accumulation.length, step: (k: number) => accumulation[k].make(), name: (k: number) => accumulation[k].name, claims: (k: number) => accumulation[k].claims, value: (k: number) => accumulation[k].value };
    steps.push(...capLazyRun(run, 'accumulation', ctx.granularity));
  }
  return { steps, value, form: 'jacobian', lhs, named };
}

/** More accumulation steps than this are merged into one in a summary. */
const SUMMARY_ACCUMULATION = 3;

/** The local derivatives a summary's explanation names one by one. */
const HOW_ITEMS = 8;

/** An intermediate with more arguments than this has its definition shown once, not with each local derivative. */
const WIDE = 3;

/** One total derivative of the accumulation, its step made only when shown. */
interface Total {
  readonly make: () => Step;
  readonly name: string;
  readonly claims: readonly Claim[];
  readonly value: Expr;
}

/**
 * The totals merged into one step. A long accumulation (more than the summary's run limit) shows its
 * first totals and its last, with an ellipsis: each total of a recurrence is O(k) long at its k-th
 * intermediate, and all of them written were quadratic in the expression. Every claim is kept.
 */
function mergedTotals(totals: readonly Total[], lhs: Notation, value: Expr): Step {
  const limit = RUN_LIMITS.summary.accumulation;
  const shown = totals.length <= limit + 1 ? totals.map((t) => t.make()) : [...totals.slice(0, limit - 1), totals[totals.length - 1]].map((t) => t.make());
  const skipped = totals.length - shown.length;
  const separator = (k: number): Part => (skipped > 0 && k === shown.length - 1 ? ELLIPSIS : SEPARATOR);
  const after: Part[] = [];
  shown.forEach((p, k) => {
    if (k > 0) after.push(separator(k));
    // Each part's after is "d uⱼ/dx = … = value": keep the derivative and its final value.
    after.push(p.after[0], EQUALS, p.after[p.after.length - 1]);
  });
  return step('total-derivative', 'derivative', {
    name: 'Total derivatives',
    explanation: `Working outwards from the variable, each intermediate's derivative is the sum over its arguments of (its partial derivative) × (that argument's derivative) — the total-derivative rule, which reduces to the chain rule where there is one argument — ending with ${lhs.text}.${skipped > 0 ? ` Of these ${totals.length} derivatives, the first ${shown.length - 1} and the last are shown.` : ''}`,
    before: shown.flatMap((p, k) => (k > 0 ? [separator(k), ...p.before] : [...p.before])),
    after,
    claims: totals.flatMap((t) => t.claims),
    value,
  });
}

function localSteps(
  s: Structure,
  ctx: Context,
  L: (i: Intermediate, a: Expr) => Expr,
  P: (i: Intermediate, a: Expr) => ProductRule | undefined,
  frac: (i: Intermediate, a: Expr) => Notation,
  scalarWorld: boolean,
): Step[] {
  const all = s.list.map((i) => i.v);
  const w = ctx.write;
  const total = (i: Intermediate): boolean => scalarWorld && i.args.length === 1;
  interface Item {
    readonly i: Intermediate;
    readonly a: Expr;
    readonly value: Expr;
    /** The fraction ∂i/∂a, made when first shown (most of a long run is not). */
    readonly frac: Notation;
    readonly rules: ReturnType<typeof localRules>;
    readonly product: ProductRule | undefined;
  }
  const items = s.list.flatMap((i) => i.args.map((a): Item => {
    let fraction: Notation | undefined;
    return {
      i,
      a,
      value: L(i, a),
      get frac(): Notation {
        return (fraction ??= frac(i, a));
      },
      rules: localRules(w, i.def, a),
      product: P(i, a),
    };
  }));
  // The intermediate's own variable may appear in its local derivative (p = softmax(z)): it is expanded, the others stay free.
  const claimsOf = (it: Item) => [
    derivativeClaim(s.defs, it.i.def, [it.a], JACOBIAN, it.value, { keep: all, except: it.i.v }),
    ...(it.product
      ? [equalClaim(s.defs, it.product.shown, it.value, all), equalClaim(s.defs, it.product.simplified, it.value, all)]
      : []),
  ];
  /** The product rule's terms (full: as shown, then simplified), then the collected local derivative. */
  // Values with the shared constants by their names (diag(c) in every local Jacobian of h = tanh(W h) ⊙ c).
  const valueParts = (it: Item, full: boolean): Part[] => {
    const value = s.named(it.value);
    const last = shown(value);
    if (!it.product) return [last];
    const simplified = s.named(it.product.simplified);
    const parts: Part[] = full ? [it.product.shownNote, EQUALS, simplified] : [simplified];
    return w.latex(simplified) === w.latex(value) ? [...parts.slice(0, -1), last] : [...parts, EQUALS, last];
  };
  if (ctx.granularity === 'full') {
    const nameOfItem = (it: Item): string =>
      it.product ? ruleNames([{ id: it.product.rule, name: it.product.name, sentence: it.product.sentence }, ...it.rules.filter((r) => r.id !== 'product-rule')]) : ruleNames(it.rules);
    // Made only for the steps shown: a chain 10,000 deep shows 25 of its local derivatives.
    const stepOf = (it: Item): Step => step(it.product?.rule ?? it.rules[0].id, 'derivative', {
      name: nameOfItem(it),
      ...(it.product?.reference ? { reference: it.product.reference } : {}),
      explanation: it.product ? it.product.sentence : it.rules.map((r) => r.sentence).join(' '),
      before: [it.frac, EQUALS, ...applied(w, it.a, it.i.shown, total(it.i))],
      after: [it.frac, EQUALS, ...valueParts(it, true)],
      claims: claimsOf(it),
      focus: it.i.def,
      shapes: [[it.frac.text, it.value.shape]],
    });
    return capLazyRun({
      length: items.length,
      step: (k) => stepOf(items[k]),
      name: (k) => nameOfItem(items[k]),
      claims: (k) => claimsOf(items[k]),
      value: () => undefined,
    }, 'local', 'full');
  }
  const jacobians = items.some((it) => !isScalar(it.value.shape));
  const before: Part[] = [];
  const after: Part[] = [];
  items.forEach((it, k) => {
    if (k > 0) {
      before.push(SEPARATOR);
      after.push(SEPARATOR);
    }
    // A definition with many arguments (a long sum) is not repeated for each of them.
    before.push(it.frac, ...(it.i.args.length <= WIDE ? [EQUALS, ...applied(w, it.a, it.i.shown, total(it.i))] : []));
    after.push(it.frac, EQUALS, ...valueParts(it, false));
  });
  const named = items.slice(0, HOW_ITEMS).map((it) => `${it.frac.text} by ${it.rules.map((r) => lowerFirst(r.name)).join(' and ')}`);
  const how = `${named.join('; ')}${items.length > HOW_ITEMS ? `; … ${items.length - HOW_ITEMS} more` : ''}`;
  return [step('local-derivatives', 'derivative', {
    name: jacobians ? 'Local Jacobians' : RULES['local-derivatives'].name,
    explanation: `Differentiate each intermediate variable with respect to the variables it is written in, holding everything else fixed (${how}).`,
    before,
    after,
    claims: items.flatMap(claimsOf),
    shapes: items.map((it) => [it.frac.text, it.value.shape] as const),
  })];
}

function pitfallStep(w: Writer, s: Structure, i: Intermediate, naive: Expr, value: Expr, naiveFracs: Notation, lhs: Notation): Step {
  const x = s.x;
  const others = i.args.filter((a) => a !== x).map((a) => w.unicode(a)).join(', ');
  const naiveShown = s.named(naive);
  return step('naive-chain-rule', 'pitfall', {
    explanation:
      `A common mistake: following only the path through ${others} (the single-variable chain rule) gives ${w.unicode(naiveShown)}, ` +
      `but ${w.unicode(x)} also appears directly in ${w.unicode(i.v)} = ${w.unicode(i.shown)}, so a change in ${w.unicode(x)} moves ${w.unicode(i.v)} along every path at once — the derivatives along all paths must be added.`,
    before: [naiveFracs, EQUALS, naiveShown],
    after: [lhs, NOT_EQUALS, naiveShown],
    claims: [differsClaim(s.defs, naive, value)],
    focus: i.def,
  });
}

/**
 * At full granularity, the product rule first lists each factor's own derivative (∂(xᵀ)/∂x = I,
 * ∂x/∂x = I for xᵀAx) before combining them.
 */
function factorSteps(rule: ProductRule, x: Expr, defs: Structure['defs'], ctx: Context): Step[] {
  if (ctx.granularity !== 'full' || rule.rule !== 'product-rule') return [];
  const factors = [...new Set(rule.terms.map((t) => t.occurrence.factor).filter((f): f is Expr => f !== undefined))];
  if (factors.length === 0) return [];
  const w = ctx.write;
  const items = factors.map((f) => [f, localJacobian(f, x)] as const);
  const after: Part[] = [];
  items.forEach(([f, j], k) => {
    if (k > 0) after.push(SEPARATOR);
    after.push(fraction(w, f, x), EQUALS, shown(j));
  });
  const transposed = factors.some((f) => f.op === 'transpose' && f.args[0] === x);
  return [step('local-derivatives', 'derivative', {
    name: 'Derivatives of the factors',
    explanation:
      `Before combining them, the derivative of each factor that contains ${w.unicode(x)} on its own` +
      `${transposed ? `: the transpose ${w.unicode(x)}ᵀ has the same entries as ${w.unicode(x)}, so its derivative is the same identity` : ''}.`,
    before: factors.flatMap((f, k): Part[] => (k > 0 ? [SEPARATOR, fraction(w, f, x)] : [fraction(w, f, x)])),
    after,
    claims: items.map(([f, j]) => derivativeClaim(defs, f, [x], JACOBIAN, j)),
  })];
}
