/**
 * Common subexpressions named where that is shorter: diag(p) − ppᵀ with p = softmax(z), instead of
 * softmax(z) written three times (P = softmax(Z, 2) for a softmax along a dimension: the attention
 * gradient (P ⊙ (GVᵀ − (P ⊙ GVᵀ)𝟏𝟏ᵀ))K/√d); for a deep network, one name per repeated layer, so the
 * written result grows linearly with the depth instead of quadratically. Presentation only: the named form
 * and its definitions together mean exactly the unnamed expression (substituting the definitions
 * back gives the same node).
 *
 * One pass over the DAG from the root down (parents before children): a node's number of written
 * occurrences is the sum over its uses of its parent's count — 1 for a named parent, which is
 * written once, in its definition. A node is named when that count and its written length make
 * the name save characters. Linear in the DAG.
 */
import { Expr, postorder, variable } from '../model/expr';
import { isMatrix } from '../model/shape';
import { rewriteBottomUp } from './bottomUp';
import { textLengths } from '../write/index';
import { namedWhereverUsed, namesIn, pinnedNames } from '../model/textbookNames';
import type { AnswerNames } from './answerNames';
import { chainLinks } from './chainLinks';

export interface Definition {
  readonly name: string;
  readonly value: Expr;
}

export interface Named {
  readonly expr: Expr;
  /** In order of use: a definition may refer to earlier names. */
  readonly definitions: readonly Definition[];
}

/** The usual letter of a part: p = softmax(z), P = softmax(Z, d), D = diag(vec(P)) (its Jacobian D − D(𝟏𝟏ᵀ ⊗ I)D), s = σ(z). */
export function preferredName(e: Expr): string | undefined {
  if (e.op === 'softmax') return 'p';
  if (e.op === 'softmaxAlong') return 'P';
  if (e.op === 'fn' && e.name === 'sigmoid') return 's';
  if (e.op === 'diagm' && e.args[0].op === 'vec' && e.args[0].args[0].op === 'softmaxAlong') return 'D';
  return undefined;
}

/** A bound on the number of names, for display. */
const MAX_NAMES = 1000;
const NAME_POOL = ['u', 'v', 'q', 'r', 'g', 'h', 'k'];

/** Written as marks on a name (Xᵀ, X⁻¹, X⁻ᵀ, x∘², √d, 1/√d): a name of its own would not read shorter. */
function decorated(e: Expr): boolean {
  let cur = e;
  for (let marks = 0; marks <= 3; marks++) {
    if (cur.args.length === 0) return true;
    const mark = cur.op === 'transpose' || cur.op === 'inv' || cur.op === 'matpow' || (cur.op === 'pow' && cur.args[1].op === 'num') || (cur.op === 'fn' && cur.name === 'sqrt');
    if (!mark) return false;
    cur = cur.args[0];
  }
  return false;
}

/** Is the node worth a name? Not a leaf, not a leaf with marks on it (Xᵀ, X⁻ᵀ, 1/√d). */
function nameable(e: Expr): boolean {
  if (e.args.length === 0) return false;
  // A multiple of something (−s, 2u) reads better written out.
  if (e.op === 'mul' && e.args.length === 2 && e.args[0].op === 'num') return false;
  return !decorated(e);
}

/** Defined even where written once: the textbook's X̂ and σ, and P = softmax(Z, d) (Xᵀ(P − Y)/N). */
const namedWhereWrittenOnce = (e: Expr, pin: string | null | undefined): boolean =>
  (typeof pin === 'string' && namedWhereverUsed(pin)) || e.op === 'softmaxAlong';

/**
 * Whether the pass below can name anything: some node that is not a leaf is written twice (an
 * argument of two parents, or twice of one), or some node is named even where it is written once.
 * Otherwise (most results: 149 of the corpus's 228) every node but the leaves is written once and none
 * is named — a leaf is never nameable, and the textbook's names are all of nodes with arguments: one
 * pass over the order instead of the counts and the lengths.
 */
function mayName(order: readonly Expr[], pinned: ReadonlyMap<number, string | null>): boolean {
  const used = new Set<Expr>();
  for (const e of order) {
    if (namedWhereWrittenOnce(e, pinned.get(e.id))) return true;
    for (const a of e.args) {
      if (a.args.length === 0) continue;
      if (used.has(a)) return true;
      used.add(a);
    }
  }
  return false;
}

/**
 * The textbook's names of the parts of `root` (pinnedNames: H, Z, X̂, σ, Ḡ; preferredName: p, P, s, D),
 * each name once and none a name `root` already uses: what the named form calls those parts when it
 * names them. An answer gives them first (present/answerNames.ts), so that its steps call those parts
 * so too and take no such name for another part.
 */
export function textbookNames(root: Expr): Map<Expr, string> {
  const order = postorder(root);
  const pinned = pinnedNames(order);
  const taken = namesIn(order);
  const out = new Map<Expr, string>();
  const used = new Set<string>();
  for (const e of order) {
    if (e.args.length === 0) continue;
    const name = pinned.get(e.id) ?? preferredName(e);
    if (typeof name !== 'string' || taken.has(name) || used.has(name)) continue;
    used.add(name);
    out.set(e, name);
  }
  return out;
}

/**
 * `textLength`: the plain written length of a node of root, when the caller has a writer that measures it.
 * `names`: the answer's (./answerNames.ts): a chosen node it has named (a step's u₂, the user's h) is
 * named so; a new name avoids every name it has taken, as written, and their letters where it can
 * (v, q, … beside the steps' u₁, u₂), and is given to its node in it.
 */
export function nameCommonSubexpressions(root: Expr, textLength?: (node: Expr) => number, names?: AnswerNames): Named {
  const order = postorder(root);
  const pinned = pinnedNames(order);
  if (!mayName(order, pinned)) return { expr: root, definitions: [] };
  // Lengths are written only when some node is used twice (most results share nothing).
  let lengths = textLength;
  const writtenLength = (node: Expr): number => (lengths ??= textLengths(root))(node);
  const count = new Map<number, number>([[root.id, 1]]);
  const chosen = new Set<number>();
  // A chain's links written twice are named however short, link by link (./chainLinks.ts).
  const links = chainLinks(order);
  for (let i = order.length - 1; i >= 0; i--) {
    const e = order[i];
    const c = count.get(e.id) ?? 0;
    const pin = pinned.get(e.id);
    const once = namedWhereWrittenOnce(e, pin);
    if (e !== root && (c >= 2 || (once && c >= 1)) && chosen.size < MAX_NAMES && pin !== null && (pin !== undefined || nameable(e))) {
      // c copies of length L become c one-letter names plus "u = …" once; the textbook's own names always.
      if (pin !== undefined || once || links.has(e.id) || (c - 1) * (writtenLength(e) - 1) - 5 > 0) chosen.add(e.id);
    }
    const passed = chosen.has(e.id) ? 1 : c;
    // A leaf is never named (nameable), unless pinned: the others' counts are not needed.
    for (const a of e.args) if (a.args.length > 0 || pinned.has(a.id)) count.set(a.id, (count.get(a.id) ?? 0) + passed);
  }
  if (chosen.size === 0) return { expr: root, definitions: [] };
  // Names avoid the expression's variables and its dimension names (a name q beside a shape n×q would clash).
  const taken = namesIn(order);
  const isTaken = (n: string): boolean => taken.has(n) || names?.taken(n) === true;
  // Names, inner first (postorder), avoiding the expression's own variables and the answer's names.
  const pool = NAME_POOL.filter((n) => !isTaken(n) && names?.letters().has(n) !== true);
  const letter = ['u', ...NAME_POOL].find((l) => names?.letters().has(l) !== true) ?? 'u';
  let numbered = 0;
  const chained = [...chosen].some((id) => links.has(id));
  // A matrix part gets a matrix letter, a capital (U = softmax(Z, 2) where P is the user's), as the steps' matrices do.
  const cased = (l: string, e: Expr): string => (isMatrix(e.shape) ? l.toUpperCase() : l);
  const nextName = (e: Expr): string => {
    const preferred = pinned.get(e.id) ?? preferredName(e);
    if (preferred && !isTaken(preferred)) return preferred;
    // A chain is one family in order (u₁ = sin(q), u₂ = sin(u₁), …), never letters u, v, r, g.
    if (chosen.size <= pool.length && !chained) {
      const k = pool.findIndex((l) => !isTaken(cased(l, e)) && names?.letters().has(cased(l, e)) !== true);
      return k < 0 ? (pool.shift() as string) : cased(pool.splice(k, 1)[0], e);
    }
    let n: string;
    do n = `${cased(letter, e)}${++numbered}`;
    while (isTaken(n));
    return n;
  };
  /**
   * The answer's name of a chosen node (a step's u₂, the user's h), unless the textbook has one that
   * is free (P, H, X̂, s: then the written forms call it so, names.alias); else a new one.
   */
  const nameOf = (e: Expr): Expr => {
    const given = names?.of(e);
    const textbook = pinned.get(e.id) ?? preferredName(e);
    if (given !== undefined && (textbook === undefined || textbook === null || given.name === textbook || isTaken(textbook))) return given;
    const v = variable(nextName(e), e.shape);
    if (given !== undefined) names?.alias(e, v);
    else names?.give(e, v);
    return v;
  };
  const definitions: Definition[] = [];
  const expr = rewriteBottomUp(root, (body, e) => {
    if (!chosen.has(e.id)) return body;
    const v = nameOf(e);
    const name = v.name as string;
    taken.add(name);
    definitions.push({ name, value: body });
    return v;
  }, order);
  return { expr, definitions };
}
