/**
 * The rules a derivation names: id, display name, reference. The local rules (one operator
 * differentiated with respect to one argument) and their sentences for a learner come from the
 * operator records (calculus/rules/); `localRules` collects them along a definition.
 */
import { OPERATOR_RULES, OPERATOR_RULE_INFO, type OperatorRuleId, type RuleInfo } from '../calculus/rules/index';
import type { Expr } from '../model/expr';
import { postorder } from '../model/expr';
import { isMatrix } from '../model/shape';
import type { Writer } from './writer';

/** The rules of derivations: the operators' rules (calculus/rules/names.ts) and the steps of a derivation. */
export type RuleId =
  | OperatorRuleId
  | 'intermediate-variables' | 'local-derivatives' | 'chain-rule' | 'vector-chain-rule' | 'total-derivative'
  | 'naive-chain-rule' | 'multiply-out' | 'substitute' | 'simplify' | 'symmetric' | 'layout'
  | 'per-sample' | 'row-blocks' | 'partial-derivative' | 'stack-partials' | 'second-derivative'
  | 'differential' | 'differential-chain' | 'trace-form' | 'vec-form' | 'identify';

export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  ...OPERATOR_RULE_INFO,
  'intermediate-variables': { name: 'Introduce intermediate variables', reference: 'Parr & Howard §4.5.1' },
  'local-derivatives': { name: 'Local derivatives', reference: 'Parr & Howard §4.5.1, §4.5.3' },
  'chain-rule': { name: 'Chain rule', reference: 'Parr & Howard §4.5.1' },
  'vector-chain-rule': { name: 'Vector chain rule', reference: 'Parr & Howard §4.5.3' },
  'total-derivative': { name: 'Total derivative', reference: 'Parr & Howard §4.5.2' },
  'naive-chain-rule': { name: 'Why the naive chain rule fails', reference: 'Parr & Howard §4.5.2' },
  'multiply-out': { name: 'Multiply out' },
  substitute: { name: 'Substitute back', reference: 'Parr & Howard §4.5.1' },
  simplify: { name: 'Simplify' },
  symmetric: { name: 'Symmetric variable' },
  layout: { name: 'Layout' },
  'per-sample': { name: 'Per-sample form', reference: 'Parr & Howard §6' },
  'row-blocks': { name: 'Block-diagonal form', reference: 'Goodfellow, Bengio & Courville (2016) §6.2.2.3; Magnus & Neudecker (2019) ch. 3 (commutation matrix)' },
  'partial-derivative': { name: 'Partial derivative', reference: 'Parr & Howard §3' },
  'stack-partials': { name: 'Stack the partial derivatives', reference: 'Parr & Howard §3, §4' },
  'second-derivative': { name: 'Second derivative' },
  differential: { name: 'Differential', reference: 'Magnus & Neudecker (2019) ch. 8; Matrix Cookbook §2' },
  'differential-chain': { name: 'Substitute the differentials', reference: 'Magnus & Neudecker (2019) ch. 5 (Cauchy’s rule of invariance)' },
  'trace-form': { name: 'Bring to trace form', reference: 'Minka (2000) §2; Magnus & Neudecker (2019) ch. 9' },
  'vec-form': { name: 'Vectorize', reference: 'Magnus & Neudecker (2019) ch. 9; Matrix Cookbook §10.2.2' },
  identify: { name: 'Identify the derivative', reference: 'Magnus & Neudecker (2019) ch. 9 (first identification theorem); Minka (2000) §2' },
};

/** A local rule applied to one operator of a definition, with the sentence that explains it. */
export interface LocalRule {
  readonly id: RuleId;
  readonly name: string;
  readonly sentence: string;
}

/** The rule the operator at the top of `e` contributes to its derivative with respect to a variable (its record's, its sentence written by `w`). */
export function operatorRule(w: Writer, e: Expr, depends: (a: Expr) => boolean): LocalRule {
  const { id, sentence, name } = OPERATOR_RULES[e.op].derivation.local(e, depends, w.unicode);
  return { id, name: name ?? RULES[id].name, sentence };
}

/** The reverse-mode (adjoint) rule of an operator u = op(…, a, …): how the gradient Ḡ = ∂y/∂u passes back to a. */
const adjointSentence = (e: Expr, a: Expr): string => OPERATOR_RULES[e.op].derivation.adjoint(e, a);

/** The adjoint rules used inside a definition with respect to `a`, outermost first, without repeats. */
export function adjointSentences(def: Expr, a: Expr): string[] {
  const order = postorder(def);
  const depends = new Set<number>([a.id]);
  for (const e of order) if (e.args.some((x) => depends.has(x.id))) depends.add(e.id);
  const out = new Set<string>();
  for (let k = order.length - 1; k >= 0; k--) {
    const e = order[k];
    if (!depends.has(e.id) || e === a) continue;
    const arg = e.args.find((x) => depends.has(x.id)) as Expr;
    out.add(adjointSentence(e, arg));
  }
  return [...out];
}

/** "Sum rule" → "sum rule", but "Jacobian …" and "diag rule" unchanged in the middle of a sentence. */
export function lowerFirst(name: string): string {
  return /^[A-Z][a-z]/.test(name) && !name.startsWith('Jacobian') ? name[0].toLowerCase() + name.slice(1) : name;
}

/** The names of several rules as one: "Sum rule, dot product". */
export function ruleNames(rules: readonly LocalRule[]): string {
  return rules.map((r, k) => (k === 0 ? r.name : lowerFirst(r.name))).join(', ');
}

/**
 * The rules used in differentiating a definition with respect to `a`: one per operator on a path to
 * `a`, outermost first, without repeats; a rule written in `a` is written by `w`.
 */
export function localRules(w: Writer, def: Expr, a: Expr): LocalRule[] {
  const order = postorder(def);
  const depends = new Set<number>([a.id]);
  for (const e of order) if (e.args.some((x) => depends.has(x.id))) depends.add(e.id);
  const dep = (e: Expr): boolean => depends.has(e.id);
  const out: LocalRule[] = [];
  const seen = new Set<string>();
  for (let k = order.length - 1; k >= 0; k--) {
    const e = order[k];
    if (!dep(e) || e === a) continue;
    // Transposes of vectors and scalings by −1 are not worth naming inside a larger definition.
    if (e !== def && e.op === 'transpose' && !isMatrix(e.shape)) continue;
    const general = operatorRule(w, e, dep);
    // Applied directly to the variable, a function's rule is written in it: d/dy yⁿ = n·yⁿ⁻¹, and
    // entry by entry for an element-wise one (d/du₅ u₅ⁿ), not in a generic u that may be another
    // intermediate's name.
    const r = (e.op === 'pow' || e.op === 'fn') && e.args[0] === a ? { ...general, sentence: writtenIn(general.sentence, w.unicode(a)) } : general;
    if (seen.has(r.name)) continue;
    seen.add(r.name);
    out.push(r);
  }
  if (out.length === 0) out.push(operatorRule(w, def === a ? a : def, dep));
  return out;
}

/** A rule's formula written in the variable v instead of the generic u (d/du sin(u) → d/dx sin(x)). */
function writtenIn(sentence: string, v: string): string {
  if (v === 'u') return sentence;
  return sentence.replace(/d\/du/g, `d/d${v}`).replace(/(?<![A-Za-z])u(?![A-Za-z])/g, v);
}
