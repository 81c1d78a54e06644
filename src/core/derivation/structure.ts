/**
 * Intermediate variables, as Parr & Howard introduce them: walk the DAG of f from x outwards and
 * give a name to each sub-expression worth differentiating on its own.
 *
 * - full granularity: every node that depends on x is an intermediate (one rule per step);
 * - summary granularity: linear glue is merged — a maximal linear combination (sums, scalings,
 *   negation, products with one factor depending on x, sums/means) becomes ONE intermediate, so
 *   u = wᵀx + b is one variable; an element-wise function under a sum or mean is merged into it
 *   (c = mean(e²)); every non-linear operation gets its own variable.
 * In both, transposes of vectors are never named (they do not change derivatives) and a node used
 * by several parents is always named (the total-derivative rule sums over its uses); f itself is
 * the last intermediate. Linear in the DAG size.
 */
import { Expr, postorder, variable, walkUnvisited, withArgs, freeVariables } from '../model/expr';
import { constantNamer, sharedConstants } from './sharedConstants';
import { isMatrix, isScalar, shape as makeShape } from '../model/shape';
import type { Granularity } from '../api';
import type { Definitions } from './step';
import type { AnswerNames } from '../present/answerNames';
import { functionName } from '../present/functionName';
import { splitName } from '../write/names';

export interface Intermediate {
  /** The variable that names it. */
  readonly v: Expr;
  /** The sub-expression of f it stands for. */
  readonly node: Expr;
  /** `node` with its named sub-expressions replaced by their variables. */
  readonly def: Expr;
  /** The variables (x or earlier intermediates) `def` depends on, in order of first use. */
  readonly args: readonly Expr[];
  /** `def` as the steps show it: the constants several definitions share by their names (`Structure.constants`). */
  readonly shown: Expr;
  /** Its name is the one the user's text gives its node (a NumPy assignment h = …: NamingOptions.names). */
  readonly users?: boolean;
}

export interface Structure {
  readonly f: Expr;
  readonly x: Expr;
  /** In order of dependence; the last is f itself (the root). */
  readonly list: readonly Intermediate[];
  readonly defs: Definitions;
  /** The large constants several definitions share, each with the variable that names it in the steps (sharedConstants.ts). */
  readonly constants: ReadonlyMap<Expr, Expr>;
  /** An expression as the steps show it, with those constants by their names (one memo for the derivation: constantNamer). */
  readonly named: (e: Expr) => Expr;
}

const LINEAR_ALWAYS = new Set(['add', 'transpose', 'sum', 'mean', 'tr', 'vec', 'diagm', 'diagv', 'entry', 'block']);
const ELEMENTWISE = new Set(['fn', 'pow', 'hadamard']);

function isLinearIn(n: Expr, depends: (e: Expr) => boolean): boolean {
  if (LINEAR_ALWAYS.has(n.op)) return true;
  if (n.op === 'mul' || n.op === 'hadamard' || n.op === 'kron') return n.args.filter(depends).length <= 1;
  return false;
}

const isVectorTranspose = (n: Expr): boolean => n.op === 'transpose' && !isMatrix(n.shape);


export interface NamingOptions {
  /** Names already used by the expression (and anything else to avoid). */
  readonly reserved: ReadonlySet<string>;
  /** Preferred names for f itself. */
  readonly rootNames?: readonly string[];
  /**
   * The names of the answer (present/answerNames.ts): a node it has named (the user's h, an earlier
   * derivation's u₂) keeps its name; the other intermediates' names avoid every name it has taken,
   * as written (u1 is u₁); each intermediate, f and each shared constant are given their names in it.
   */
  readonly names?: AnswerNames;
}

export function structureOf(f: Expr, x: Expr, granularity: Granularity, naming: NamingOptions): Structure {
  const order = postorder(f);
  const dep = new Set<number>([x.id]);
  for (const e of order) if (e.args.some((a) => dep.has(a.id))) dep.add(e.id);
  const depends = (e: Expr): boolean => dep.has(e.id);

  // Uses of each dependent node by dependent parents (with repetition), and one parent of each.
  const uses = new Map<number, number>();
  const parent = new Map<number, Expr>();
  for (const p of order) {
    if (!depends(p) || p === x) continue;
    for (const a of p.args) {
      if (!depends(a)) continue;
      uses.set(a.id, (uses.get(a.id) ?? 0) + 1);
      parent.set(a.id, p);
    }
  }
  /** The parent that matters for merging: transposes of vectors are looked through. */
  const effectiveParent = (n: Expr): Expr | undefined => {
    let p = parent.get(n.id);
    while (p !== undefined && p.op === 'transpose' && (isVectorTranspose(p) || granularity === 'summary') && p !== f && (uses.get(p.id) ?? 0) === 1) {
      p = parent.get(p.id);
    }
    return p;
  };
  const named = (n: Expr): boolean => {
    if (n === f) return true;
    if (isVectorTranspose(n) || (n.op === 'transpose' && granularity === 'summary')) return false;
    if ((uses.get(n.id) ?? 0) > 1) return true;
    const p = effectiveParent(n);
    if (p === undefined) return true;
    if (granularity === 'full') return true;
    const pLinear = isLinearIn(p, depends);
    if (isLinearIn(n, depends)) return !pLinear;
    if ((p.op === 'sum' || p.op === 'mean') && ELEMENTWISE.has(n.op)) return false;
    return true;
  };

  const nodes = order.filter((n) => depends(n) && n !== x && named(n));
  const reserved = new Set(naming.reserved);
  for (const v of freeVariables(f)) reserved.add(v.name as string);
  reserved.add(x.name as string);
  const book = naming.names;
  if (book) for (const k of book.keys()) reserved.add(k);
  const users = new Set(book ? nodes.filter((n) => n !== f && book.byUser(n)) : []);
  const vars = nameIntermediates(f, nodes, reserved, naming.rootNames, book);
  const varOf = new Map<number, Expr>();
  nodes.forEach((n, i) => varOf.set(n.id, vars[i]));
  for (const v of vars) reserved.add(v.name as string);
  const constants = sharedConstants(order.filter((n) => depends(n) && n !== x), depends, reserved);
  if (book) {
    nodes.forEach((n, i) => book.give(n, vars[i]));
    for (const [c, v] of constants) book.give(c, v);
  }

  // Each dependent node's representation for its parents: its variable if named, else its inlined
  // definition; and as shown, with the shared constants named.
  const rep = new Map<number, Expr>();
  const shownRep = new Map<number, Expr>();
  const defs = new Map<Expr, Expr>();
  const list: Intermediate[] = [];
  const known = new Set<Expr>([x, ...vars]);
  // The nodes of the definitions that hold x or an intermediate: the rest of them are constants.
  const holding = new Set<Expr>(known);
  for (const n of order) {
    if (!depends(n)) continue;
    if (n === x) {
      rep.set(n.id, x);
      shownRep.set(n.id, x);
      continue;
    }
    const def = withArgs(n, n.args.map((a) => (depends(a) ? (rep.get(a.id) as Expr) : a)));
    holding.add(def);
    const shown = constants.size === 0 ? def : withArgs(n, n.args.map((a) => (depends(a) ? (shownRep.get(a.id) as Expr) : constants.get(a) ?? a)));
    const v = varOf.get(n.id);
    if (v === undefined) {
      rep.set(n.id, def);
      shownRep.set(n.id, shown);
      continue;
    }
    rep.set(n.id, v);
    shownRep.set(n.id, v);
    defs.set(v, def);
    list.push({ v, node: n, def, args: variablesOf(def, known, holding), shown, ...(users.has(n) ? { users: true } : {}) });
  }
  return { f, x, list, defs, constants, named: constantNamer(constants) };
}

/**
 * The variables of `known` (x and the intermediates) that `def` uses, in order of first use (that of
 * freeVariables). Only the nodes `holding` them are walked, not the constants: a large constant
 * shared by every definition made each walk as long as it (issue 17).
 */
function variablesOf(def: Expr, known: ReadonlySet<Expr>, holding: ReadonlySet<Expr>): Expr[] {
  const out: Expr[] = [];
  const seen = new Set<Expr>();
  walkUnvisited(def, (e) => seen.has(e) || !holding.has(e), (e) => {
    seen.add(e);
    if (known.has(e)) out.push(e);
  });
  return out;
}

const POOL = ['u', 'v', 'z', 'p', 'q', 'r', 's', 'h'];

function cased(name: string, e: Expr): string {
  return isMatrix(e.shape) ? name.toUpperCase() : name;
}

/**
 * Names, as in the paper, but f is called as the whole answer calls it (present/functionName.ts: f, the user's
 * name, a softmax p, P); a single intermediate is u; several scalar ones are
 * u₁, u₂, … (§4.5); up to three involving vectors get letters u, v, z (§5–6); otherwise subscripts.
 * Matrices get capitals. Names never collide with the expression's variables, nor with the names the
 * answer has taken (`reserved` holds them as written, u_1); a node the answer has named keeps its name.
 */
function nameIntermediates(f: Expr, nodes: readonly Expr[], given: ReadonlySet<string>, rootNames: readonly string[] | undefined, book: AnswerNames | undefined): Expr[] {
  const reserved = new Set(given);
  const free = (s: string): boolean => !reserved.has(s);
  // A softmax is p (P along a dimension), as its rule and the result's named form call it.
  // f named by the answer already (its name for the function, present/functionName.ts; an earlier partial
  // derivative's f) keeps its name; else the function's default name, or one the caller prefers (g for a gradient).
  const rootName = (book?.of(f)?.name as string | undefined) ?? (rootNames === undefined
    ? (functionName(f, (r) => !free(r)).name as string)
    : [...rootNames.map((r) => cased(r, f)), ...rootNames].find((r) => free(r)) ?? freshSubscripted(rootNames[0], 1, reserved));
  reserved.add(rootName);
  // The nodes the answer has already named (the user's h, u1; the result's textbook H, P: present/cse.ts
  // textbookNames) keep their names; the others are named here.
  const inner = nodes.filter((n) => n !== f && book?.of(n) === undefined);
  const pool = POOL;
  const names: string[] = [];
  const continued = continuedFamily(f, nodes, inner, book, free);
  if (continued !== undefined) names.push(...continued);
  else if (inner.length === 1) {
    names.push(pool.map((p) => cased(p, inner[0])).find(free) ?? freshSubscripted('u', 1, reserved));
  } else if (inner.length > 1) {
    const allScalar = inner.every((n) => isScalar(n.shape));
    const letters: string[] = [];
    if (!allScalar && inner.length <= 3) {
      const used = new Set<string>();
      for (const n of inner) {
        const name = pool.map((p) => cased(p, n)).find((p) => free(p) && !used.has(p.toLowerCase()) && !used.has(p));
        if (name === undefined) break;
        used.add(name.toLowerCase());
        letters.push(name);
      }
    }
    if (letters.length === inner.length) names.push(...letters);
    else {
      // A letter the answer's names do not use (the result's u, v named first: z₁, z₂ here, never u₁ beside u).
      const fits = (p: string): boolean => inner.every((n, i) => free(subscripted(cased(p, n), i + 1)) && free(`${cased(p, n)}${i + 1}`));
      const base = pool.find((p) => fits(p) && book?.letters().has(p) !== true && book?.letters().has(p.toUpperCase()) !== true) ?? pool.find(fits) ?? 'u';
      inner.forEach((n, i) => names.push(subscripted(cased(base, n), i + 1)));
    }
  }
  let k = 0;
  return nodes.map((n) => {
    if (n === f) return variable(rootName, n.shape);
    return book?.of(n) ?? variable(names[k++], n.shape);
  });
}

const subscripted = (base: string, i: number): string => `${base}_${i}`;

/**
 * A family the answer has started, continued: where the parts the answer named (the result's binding
 * form of a chain, u₁ = sin(q), …, u₃₉ = sin(u₃₈)) are the first intermediates and are called b₁, b₂,
 * …, bₖ in their order, the intermediates after them are b_{k+1}, b_{k+2}, … (u₄₀ = sin(u₃₉)), so that
 * the steps read one family in order rather than u₁, …, u₃₉ beside z₁. Undefined otherwise.
 */
function continuedFamily(f: Expr, nodes: readonly Expr[], inner: readonly Expr[], book: AnswerNames | undefined, free: (s: string) => boolean): string[] | undefined {
  if (book === undefined || inner.length === 0) return undefined;
  const before = nodes.filter((n) => n !== f && book.of(n) !== undefined);
  if (before.length === 0) return undefined;
  // Every part the answer named comes before every other intermediate.
  if (nodes.indexOf(before[before.length - 1]) > nodes.indexOf(inner[0])) return undefined;
  const { base } = splitName(book.of(before[0])?.name as string);
  const ordered = before.every((n, i) => {
    const parts = splitName(book.of(n)?.name as string);
    return parts.base === base && parts.sub === String(i + 1);
  });
  if (!ordered || !inner.every((n) => cased(base, n) === base)) return undefined;
  const out = inner.map((_, i) => subscripted(base, before.length + i + 1));
  return out.every((n) => free(n) && free(n.replace('_', ''))) ? out : undefined;
}

function freshSubscripted(base: string, i: number, reserved: ReadonlySet<string>): string {
  let k = i;
  while (reserved.has(subscripted(base, k))) k++;
  return subscripted(base, k);
}

/** A display-only variable (a name for notation, e.g. the stacked 𝐠 of the vector chain rule). */
export const notationVariable = (name: string, rows: number | string, cols: number | string): Expr =>
  variable(name, makeShape(rows, cols));
