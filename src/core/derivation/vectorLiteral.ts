/**
 * The vector chain rule for a vector function of a scalar given component-wise, as in Parr &
 * Howard §4.5.3: y = [ln(x²), sin(3x)] is f(g(x)) with g₁ = x², g₂ = 3x, f₁ = ln(g₁),
 * f₂ = sin(g₂), and ∂y/∂x = ∂f/∂g · ∂g/∂x — a diagonal k×k Jacobian times a k×1 one.
 */
import { block, Expr, rawMul, variable, withArgs } from '../model/expr';
import { isScalar, SCALAR as SCALAR_SHAPE, shape, shapeText } from '../model/shape';
import { add, mul } from '../simplify/build';
import { applied, StrategyResult } from './chain';
import { capRun } from './compact';
import { derivativeClaim, equalClaim, shown, step, type Context } from './context';
import { definitionList, EQUALS, equation, fraction, nameOf, product } from './notation';
import { textbook } from './partials';
import { tangent } from '../calculus/tangent';
import { localRules } from './rules';
import type { Step } from './step';
import type { Writer } from './writer';

export interface LiteralPlan {
  readonly f: Expr;
  readonly x: Expr;
  /** Per component: its inner function g_i (when it depends on x) and f_i written in g_i. */
  readonly parts: readonly { readonly g?: Expr; readonly inner?: Expr; readonly outer: Expr }[];
  readonly defs: Map<Expr, Expr>;
  readonly rootName: string;
  readonly gName: string;
}

const OUTER = new Set(['fn', 'pow', 'mul', 'hadamard', 'sum', 'mean', 'norm2', 'norm1', 'logsumexp']);

/** The argument of the outer function of a component, when the component has one. */
function innerOf(c: Expr, x: Expr, depends: (e: Expr) => boolean): Expr | undefined {
  if (!OUTER.has(c.op)) return undefined;
  if (c.op === 'pow' && depends(c.args[1])) return undefined;
  const deps = c.args.filter(depends);
  if (deps.length !== 1 || deps[0] === x || !isScalar(deps[0].shape)) return undefined;
  if (c.op === 'mul' && c.args.every((a) => a.op === 'num' || depends(a))) return undefined;
  return deps[0];
}

/** A plan when `f` is a column literal of scalars in scalar x with at least one composed component. */
export function planLiteral(f: Expr, x: Expr, reserved: ReadonlySet<string>, fName: string): LiteralPlan | undefined {
  if (f.op !== 'block' || f.shape.cols !== 1 || f.args.length < 2 || !isScalar(x.shape)) return undefined;
  const dep = new Set<number>([x.id]);
  const order: Expr[] = [];
  const stack: Expr[] = [f];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const e = stack.pop() as Expr;
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    order.push(e);
    stack.push(...e.args);
  }
  // Mark dependence bottom-up (children were pushed after parents).
  for (let k = order.length - 1; k >= 0; k--) if (order[k].args.some((a) => dep.has(a.id))) dep.add(order[k].id);
  const depends = (e: Expr): boolean => dep.has(e.id);
  if (!depends(f)) return undefined;
  const gName = ['g', 'u', 'v'].find((n) => !reserved.has(n) && n !== fName && ![1, 2, 3].some((i) => reserved.has(`${n}_${i}`) || reserved.has(`${n}${i}`)));
  // The function's name in the answer (Context functionVariable): one name for it in every step and the heading.
  const rootName = fName;
  if (!gName) return undefined;
  const defs = new Map<Expr, Expr>();
  let composed = false;
  const parts = f.args.map((c, i) => {
    if (!depends(c)) return { outer: c };
    const inner = innerOf(c, x, depends) ?? c;
    const g = variable(`${gName}_${i + 1}`, SCALAR_SHAPE);
    defs.set(g, inner);
    if (inner !== c) composed = true;
    const outer = inner === c ? g : withArgs(c, c.args.map((a) => (a === inner ? g : a)));
    return { g, inner, outer };
  });
  if (!composed) return undefined;
  return { f, x, parts, defs, rootName, gName };
}

export function literalDerivation(plan: LiteralPlan, ctx: Context): StrategyResult {
  const { f, x, parts, defs } = plan;
  const { granularity, write: w } = ctx;
  const k = parts.length;
  const gs = parts.filter((p) => p.g).map((p) => p.g as Expr);
  const m = gs.length;
  const y = variable(plan.rootName, f.shape);
  const gVec = variable(plan.gName, shape(m, 1));
  const outerVec = block(k, 1, parts.map((p) => p.outer));
  const innerVec = block(m, 1, gs.map((g) => defs.get(g) as Expr));
  const fg = fraction(w, y, gVec);
  const gx = fraction(w, gVec, x);
  const lhs = fraction(w, y, x);
  const steps: Step[] = [];

  steps.push(step('intermediate-variables', 'definition', {
    explanation: `Name the inner function of each component (${gs.map((g) => `${w.unicode(g)} = ${w.unicode(defs.get(g) as Expr)}`).join(', ')}), so that ${w.unicode(y)} = ${w.unicode(y)}(${w.unicode(gVec)}) is a function of the vector ${w.unicode(gVec)} = [${gs.map(w.unicode).join(', ')}] and ${w.unicode(gVec)} a function of ${w.unicode(x)}.`,
    before: equation(nameOf(w, y), f),
    after: [...definitionList(w, gs.map((g) => [g, defs.get(g) as Expr] as const)), { tex: ',\\quad ', text: ',  ' }, ...equation(nameOf(w, y), outerVec)],
    claims: [equalClaim(defs, f, outerVec)],
    focus: defs.get(gs[0]),
    shapes: [[w.unicode(gVec), gVec.shape], [w.unicode(y), y.shape]],
  }));

  // ∂f/∂g: entry (i, j) = ∂f_i/∂g_j.
  const outerEntries: Expr[] = [];
  for (const p of parts) for (const g of gs) outerEntries.push(textbook(tangent(p.outer, g)));
  const Jfg = block(k, m, outerEntries);
  const innerEntries = gs.map((g) => textbook(tangent(defs.get(g) as Expr, x)));
  const Jgx = block(m, 1, innerEntries);

  if (granularity === 'full') {
    const local: Step[] = [];
    parts.forEach((p, i) => {
      if (!p.g || p.outer === p.g) return;
      const value = textbook(tangent(p.outer, p.g));
      local.push(scalarRuleStep(w, p.outer, p.g, value, defs, variable(`${plan.rootName}_${i + 1}`, SCALAR_SHAPE), [...defs.keys()]));
    });
    gs.forEach((g, j) => {
      local.push(scalarRuleStep(w, defs.get(g) as Expr, x, innerEntries[j], defs, g, []));
    });
    steps.push(...capRun(local, 'local', granularity));
  }

  const diagonal = parts.every((p, i) => gs.every((g, j) => (p.g === g) || outerEntries[i * m + j].op === 'num' && outerEntries[i * m + j].value === 0));
  steps.push(step('elementwise-diagonal', 'derivative', {
    name: diagonal ? 'Element-wise operation → diagonal Jacobian' : 'Jacobian of the outer function',
    explanation: diagonal
      ? `Each component ${w.unicode(y)}ᵢ depends only on its own ${plan.gName}ᵢ, so ∂${w.unicode(y)}ᵢ/∂${plan.gName}ⱼ = 0 for i ≠ j and the Jacobian ${fg.text} (${k}×${m}) is diagonal.`
      : `Entry (i, j) of ${fg.text} (${k}×${m}) is the derivative of component i with respect to ${plan.gName}ⱼ.`,
    before: [fg, EQUALS, ...applied(w, gVec, outerVec, false)],
    after: equation(fg, shown(Jfg)),
    claims: [derivativeClaim(defs, outerVec, gs, 'jacobian', Jfg, { keep: gs })],
    shapes: [[fg.text, Jfg.shape]],
  }));
  steps.push(step('vector-literal', 'derivative', {
    name: 'Jacobian of the inner functions',
    reference: 'Parr & Howard §4.5.3',
    explanation: `Differentiate each inner function with respect to ${w.unicode(x)}: a ${m}×1 column, one row per ${plan.gName}ᵢ.`,
    before: [gx, EQUALS, ...applied(w, x, innerVec, false)],
    after: equation(gx, shown(Jgx)),
    claims: [derivativeClaim(defs, innerVec, [x], 'jacobian', Jgx)],
    shapes: [[gx.text, Jgx.shape]],
  }));

  const raw = rawMul([Jfg, Jgx]);
  steps.push(step('vector-chain-rule', 'derivative', {
    explanation: `The vector chain rule: ${lhs.text} = ${fg.text} · ${gx.text}, a product of Jacobians (${shapeText(Jfg.shape)})·(${shapeText(Jgx.shape)}) = ${shapeText(raw.shape)}.`,
    before: [lhs, EQUALS, product([fg, gx])],
    after: equation(lhs, raw),
    claims: [derivativeClaim(defs, f, [x], 'jacobian', raw)],
    shapes: [[fg.text, Jfg.shape], [gx.text, Jgx.shape]],
    product: { factors: [[fg.text, Jfg.shape], [gx.text, Jgx.shape]], result: [lhs.text, raw.shape] },
    value: raw,
  }));
  const entries: Expr[] = [];
  for (let i = 0; i < k; i++) entries.push(textbook(add(...gs.map((_, j) => mul(outerEntries[i * m + j], innerEntries[j])))));
  const multiplied = block(k, 1, entries);
  steps.push(step('multiply-out', 'rewrite', {
    explanation: 'Multiply the matrices: entry i is the sum over j of (∂fᵢ/∂gⱼ)(∂gⱼ/∂x); off the diagonal the terms are 0.',
    before: equation(lhs, raw),
    after: equation(lhs, multiplied),
    claims: [equalClaim(defs, raw, multiplied, gs)],
    value: multiplied,
  }));
  return { steps, value: multiplied, form: 'jacobian', lhs };
}

function scalarRuleStep(w: Writer, def: Expr, a: Expr, value: Expr, defs: Map<Expr, Expr>, name: Expr, keep: readonly Expr[]): Step {
  const rules = localRules(w, def, a);
  const frac = fraction(w, name, a, { total: true });
  return step(rules[0].id, 'derivative', {
    name: rules.map((r, i) => (i === 0 ? r.name : r.name.toLowerCase())).join(', '),
    explanation: rules.map((r) => r.sentence).join(' '),
    before: [frac, EQUALS, ...applied(w, a, def, true)],
    after: equation(frac, value),
    claims: [derivativeClaim(defs, def, [a], 'scalar', value, { keep })],
    focus: def,
  });
}
