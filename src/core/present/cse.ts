/**
 * Common subexpressions named where that is shorter: diag(p) − ppᵀ with p = softmax(z), instead of
 * softmax(z) written three times. Presentation only: the named form and its definitions together
 * mean exactly the unnamed expression (substituting the definitions back gives the same node).
 */
import { Expr, postorder, variable, withArgs } from '../model/expr';
import { toText } from '../write/index';

export interface Definition {
  readonly name: string;
  readonly value: Expr;
}

export interface Named {
  readonly expr: Expr;
  /** In order of use: a definition may refer to earlier names. */
  readonly definitions: readonly Definition[];
}

const MAX_NAMES = 3;
/** Larger subexpressions are not considered (their text would be costly to measure, and rarely repeats). */
const MAX_SIZE = 200;
const NAME_POOL = ['u', 'v', 'q', 'r', 'g', 'h', 'k'];

/** How often each node occurs in the expression written out as a tree (named nodes count as leaves). */
function treeCounts(root: Expr, named: ReadonlySet<number>): Map<number, number> {
  const order = postorder(root);
  const count = new Map<number, number>([[root.id, 1]]);
  for (let i = order.length - 1; i >= 0; i--) {
    const e = order[i];
    const c = count.get(e.id) ?? 0;
    if (c === 0 || (named.has(e.id) && e !== root)) continue;
    for (const a of e.args) count.set(a.id, (count.get(a.id) ?? 0) + c);
  }
  return count;
}

function substitute(root: Expr, names: ReadonlyMap<number, Expr>, keepRoot: boolean): Expr {
  const done = new Map<number, Expr>();
  for (const e of postorder(root)) {
    const replaced = names.get(e.id);
    if (replaced && !(keepRoot && e === root)) done.set(e.id, replaced);
    else done.set(e.id, withArgs(e, e.args.map((a) => done.get(a.id) as Expr)));
  }
  return done.get(root.id) as Expr;
}

/** Is the node worth a name? Not a leaf, not a bare transpose of a leaf. */
function nameable(e: Expr): boolean {
  if (e.args.length === 0 || e.size > MAX_SIZE) return false;
  return !(e.op === 'transpose' && e.args[0].args.length === 0);
}

export function nameCommonSubexpressions(root: Expr): Named {
  const taken = new Set(postorder(root).filter((e) => e.op === 'var').map((e) => e.name as string));
  const chosen: Expr[] = [];
  const namedIds = new Set<number>();
  for (let round = 0; round < MAX_NAMES; round++) {
    const counts = treeCounts(root, namedIds);
    let best: Expr | undefined;
    let bestSaving = 0;
    for (const e of postorder(root)) {
      const c = counts.get(e.id) ?? 0;
      if (c < 2 || namedIds.has(e.id) || !nameable(e)) continue;
      // Characters saved: c copies of length L become c one-letter names plus "u = …" once.
      const saving = (c - 1) * (toText(e).length - 1) - 5;
      if (saving > bestSaving) {
        best = e;
        bestSaving = saving;
      }
    }
    if (!best) break;
    chosen.push(best);
    namedIds.add(best.id);
  }
  if (chosen.length === 0) return { expr: root, definitions: [] };
  const names = new Map<number, Expr>();
  const pool = NAME_POOL.filter((n) => !taken.has(n));
  for (const e of chosen) {
    const preferred = e.op === 'softmax' && !taken.has('p') ? 'p' : e.op === 'fn' && e.name === 'sigmoid' && !taken.has('s') ? 's' : undefined;
    const name = preferred ?? pool.shift() ?? `t${names.size + 1}`;
    taken.add(name);
    names.set(e.id, variable(name, e.shape));
  }
  // Definitions in dependency order: smaller (inner) first.
  const ordered = [...chosen].sort((a, b) => a.size - b.size);
  const definitions = ordered.map((e) => ({ name: names.get(e.id)?.name as string, value: substitute(e, names, true) }));
  return { expr: substitute(root, names, false), definitions };
}
