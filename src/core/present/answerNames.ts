/**
 * The names of one answer: every name an answer gives a subexpression — the user's own (a NumPy
 * assignment `h = np.tanh(W1 @ x)`), the steps' intermediates (u₁ = W₁x, u₂ = tanh(u₁), …), the
 * result's named form (`… where u₂ = tanh(W₁x)`) and the binding forms of large displays — is given
 * here, so that one subexpression is called by one name wherever the answer calls it, and no name
 * means two different things in one answer.
 *
 * Names are compared as written: u1, u_1 and u₁ are one name (each is written u₁ in Unicode and
 * LaTeX), so a fresh u1 is never made beside a step's u_1. Who names first wins: the user's names,
 * the function's (./functionName.ts), then the result's (named the same way with and without steps),
 * then the steps' intermediates, then the displays' names, each new name taken by the node it names; a later naming of a node that has a name
 * uses it (`of`), and a new name avoids every name taken (`taken`) and, where it can, their letters
 * (`letters`: the result's fresh names are v, q, r … beside the steps' u₁, u₂, …).
 *
 * The textbook's names (H, X̂, σ, P = softmax(Z, 2), s = σ(z): model/textbookNames.ts, present/cse.ts)
 * win over a step's generic name in the result and the displays (`alias`): the result reads
 * Xᵀ(P − Y)/N where the steps called the softmax U₂ — one node, two names, never one name for two.
 *
 * Presentation only: a name stands for exactly its node. Pure, one Map and one Set per answer.
 */
import { variable, type Expr } from '../model/expr';
import { splitName } from '../write/names';

export interface AnswerNames {
  /** The variable this answer calls `node` by, if it has named it. */
  of(node: Expr): Expr | undefined;
  /** Whether the user's text gave `node` its name (a NumPy assignment, a `where` binding). */
  byUser(node: Expr): boolean;
  /** Give `node` the name `v` (a variable of its shape): the first name given to a node stays. */
  give(node: Expr, v: Expr): void;
  /**
   * Call `node` by the textbook's name `v` in the written forms from now on (P = softmax(Z, 2), H, X̂,
   * s = σ(z), where the steps called it U₂): `of` gives it; its earlier name stays taken.
   */
  alias(node: Expr, v: Expr): void;
  /** Reserve a name for no node (a name the user assigned twice, to two things). */
  reserve(name: string): void;
  /** Is a name, as written (u1 is u_1), taken in this answer? */
  taken(name: string): boolean;
  /** The letters (bases) of the names taken: u for u₁, u₂. */
  letters(): ReadonlySet<string>;
  /** The names taken, each as written (writtenKey: u_1 for u1 and u_1). */
  keys(): ReadonlySet<string>;
}

/** A name as written: u1, u_1 (u₁) are one; W and w are two. */
export function writtenKey(name: string): string {
  const { base, sub } = splitName(name);
  return sub === undefined ? base : `${base}_${sub}`;
}

/**
 * The names of a new answer, starting with every declared name and the user's (ReadResult.userNames).
 * `declared`: the variables, those the expression uses and those declared and not used (the user's
 * names for their own arrays: P: matrix(N, k) beside softmax(Z, 2)); each is taken, and so is each
 * dimension of their shapes (n of x: vector(n)), so that no part of the answer, and not the function,
 * takes one of them. A name the text gives one value names its node; a name it gives several
 * (`h = np.tanh(W @ h)` per layer) names none and is reserved, as is a user's name that is also a
 * variable's (`x = x + 1`).
 */
export function answerNames(user: ReadonlyArray<readonly [string, Expr]> = [], declared: readonly Expr[] = []): AnswerNames {
  const byNode = new Map<Expr, Expr>();
  const keys = new Set<string>();
  const bases = new Set<string>();
  const take = (name: string): void => {
    keys.add(writtenKey(name));
    bases.add(splitName(name).base);
  };
  const users = new Set<Expr>();
  const times = new Map<string, number>();
  for (const [name] of user) times.set(name, (times.get(name) ?? 0) + 1);
  const varNames = new Set(declared.map((v) => v.name as string));
  for (const name of varNames) take(name);
  for (const v of declared) {
    // A dimension's name is taken, not its letter: u₁ beside a size u does not read as u's part.
    for (const d of [v.shape.rows, v.shape.cols]) if (typeof d === 'string') for (const part of d.split('·')) keys.add(writtenKey(part));
  }
  for (const [name, value] of user) {
    if (times.get(name) === 1 && !varNames.has(name) && !byNode.has(value)) {
      byNode.set(value, variable(name, value.shape));
      users.add(value);
    }
    take(name);
  }
  return {
    of: (node) => byNode.get(node),
    byUser: (node) => users.has(node),
    give(node, v) {
      if (byNode.has(node)) return;
      byNode.set(node, v);
      take(v.name as string);
    },
    alias(node, v) {
      byNode.set(node, v);
      take(v.name as string);
    },
    reserve: take,
    taken: (name) => keys.has(writtenKey(name)),
    letters: () => bases,
    keys: () => keys,
  };
}
