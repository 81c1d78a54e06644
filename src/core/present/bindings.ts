/**
 * The binding form: an expression whose written tree is much larger than its DAG — chained
 * assignments u_{k+1} = sin(u_k) ⊙ cos(u_k) double at every step, a deep network repeats each layer
 * in the layers above and in its own derivative — is written with its shared parts named once:
 *
 *   sum(u3) where u1 = sin(x) .* cos(x), u2 = sin(u1) .* cos(u1), u3 = sin(u2) .* cos(u2)
 *
 * Every reader reads it back (write/where.ts), so the output stays readable as input; its size is
 * O(DAG size) in every notation (text, Unicode, LaTeX).
 *
 * Products that share a start or an end of three factors or more are first made to hold it as one
 * node (./sharedRuns.ts), so a run written again in every longer product is named once instead.
 *
 * Which nodes are named, bottom-up in one pass (linear in the DAG): a node used more than once
 * (counting multiplicity) whose written body — its named parts written as their names — is longer
 * than SHORT characters, or which is a link of a homogeneous chain (./chainLinks.ts: sin(sin(…)) is named
 * link by link, u₁ = sin(q), u₂ = sin(u₁)), and which is not a leaf or the transpose of one. Every other node is
 * written where it is used: once if it has one use, or ≤ SHORT characters per use, so the whole
 * output is at most about SHORT characters per edge of the DAG.
 */
import { Expr, postorder, variable } from '../model/expr';
import { splitName } from '../write/names';
import { latexWriting, textMeasure, textWriting, unicodeWriting } from '../write/index';
import type { KnownDimensions } from '../write/declarations';
import { checkOutput, checkpoint } from '../limits/budget';
import { whereForm, type WhereNotation, type WrittenDefinition } from '../write/where';
import { pinnedNames } from '../model/textbookNames';
import type { Definition, Named } from './cse';
import { nestSharedRuns } from './sharedRuns';
import { chainLinks } from './chainLinks';
import type { AnswerNames } from './answerNames';

/** A shared node written in full at most this long is repeated rather than named. */
const SHORT = 8;
/** The tree form is used while the tree has at most this many times the DAG's nodes… */
const TREE_FACTOR = 4;
/** …or at most this many nodes. */
const TREE_SMALL = 200;

const NAME_LETTERS = ['u', 'v', 'q', 'r', 'g', 'h', 'k'];

/**
 * Whether the expression written as a tree would be super-linear in its DAG: more than TREE_FACTOR
 * times as many nodes (and more than TREE_SMALL). A node's size is its tree's node count (a float
 * past 2⁵³, still far above any DAG's), so this costs one walk of the DAG at most, the walk every
 * writer of it makes and shares (postorder remembers the last few).
 */
export function treeIsLarge(root: Expr): boolean {
  // A small tree needs no walk.
  return root.size > TREE_SMALL && root.size > TREE_FACTOR * postorder(root).length;
}

const nameable = (e: Expr): boolean => e.args.length > 0 && !(e.op === 'transpose' && e.args[0].args.length === 0);

/** A named form, with the plain-syntax writer that measured it (its renderings serve the text form). */
export interface Bound extends Named {
  readonly writeText?: (e: Expr) => string;
  /** The unnamed expression: its contexts decide which constants are written with their size. */
  readonly whole?: Expr;
  /** The dimensions the reader is given (DagWriter.knowing). */
  readonly dimensions?: KnownDimensions;
  /** The variable of each definition's name, in order (else made from the name and the value's shape). */
  readonly names?: readonly Expr[];
}

/**
 * The shared parts of `root` named (see the module comment); definitions in order of use.
 * `dimensions`: those the reader of the written form is given (DagWriter.knowing). `reserved`: names
 * written beside the form (a derivation's intermediates u₁, u₂, …), whose letters the new names avoid.
 * `names`: the answer's (./answerNames.ts): a node it has named is named so here, a new name avoids
 * every name it has taken (as written) and their letters, and is given to its node in it.
 */
export function bindShared(expr: Expr, dimensions?: KnownDimensions, reserved: Iterable<string> = [], names?: AnswerNames): Bound {
  // Products that share a start or an end hold it as one node, named once (./sharedRuns.ts).
  const root = nestSharedRuns(expr);
  const order = postorder(root);
  const n = order.length;
  // Nodes by their place in `order` (children first, the root last): one look-up per edge, then arrays.
  const index = new Map<Expr, number>();
  for (let i = 0; i < n; i++) index.set(order[i], i);
  // The places of each node's arguments: argPlaces[argStart[i] … argStart[i + 1]).
  const argStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) argStart[i + 1] = argStart[i] + order[i].args.length;
  const argPlaces = new Int32Array(argStart[n]);
  const uses = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const args = order[i].args;
    for (let j = 0; j < args.length; j++) {
      const k = index.get(args[j]) as number;
      argPlaces[argStart[i] + j] = k;
      uses[k]++;
    }
  }
  const fresh = nameSource(order, reserved, names);
  const measure = textMeasure(dimensions);
  const written: Expr[] = new Array<Expr>(n);
  const definitions: Definition[] = [];
  const named: Expr[] = [];
  // The textbook's own names (X̂, σ of a row normalization) where the expression has them.
  const pinned = pinnedNames(order);
  // A node never named ((σ𝟏ᵀ)⁻¹) is written at each use: so are its children (σ is then used twice).
  if (pinned.size > 0) {
    for (let i = n - 1; i >= 0; i--) {
      if (pinned.get(order[i].id) !== null) continue;
      for (let j = argStart[i]; j < argStart[i + 1]; j++) uses[argPlaces[j]] += uses[i] - 1;
    }
  }
  // A chain's links are named link by link (./chainLinks.ts).
  const links = chainLinks(order);
  const taken = new Set<string>([...reserved, ...order.filter((e) => e.op === 'var').map((e) => e.name as string)]);
  const isTaken = (name: string): boolean => taken.has(name) || names?.taken(name) === true;
  for (let i = 0; i < n; i++) {
    const e = order[i];
    const body = e.args.length === 0 ? e : writtenWith(e, written, argPlaces, argStart[i]);
    const pin = pinned.get(e.id);
    if (e !== root && uses[i] >= 2 && nameable(e) && pin !== null && (pin !== undefined || links.has(e.id) || measure.length(body) > SHORT)) {
      // The answer's name (a step's u₂, the user's h), unless the textbook's (H, X̂, σ) is free: then it (names.alias).
      const given = names?.of(e);
      const textbook = pin !== undefined && (given === undefined || given.name !== pin) && !isTaken(pin) ? pin : undefined;
      const name = textbook ?? (given?.name as string | undefined) ?? (pin !== undefined && !isTaken(pin) ? pin : fresh());
      taken.add(name);
      const v = textbook === undefined && given !== undefined ? given : variable(name, e.shape);
      if (given !== undefined && v !== given) names?.alias(e, v);
      else names?.give(e, v);
      measure.length(v);
      definitions.push({ name, value: body });
      named.push(v);
      written[i] = v;
    } else written[i] = body;
  }
  return { expr: written[n - 1], definitions, writeText: measure.write, whole: root, dimensions, names: named };
}

/**
 * Ids of the nodes of a binding form's bodies (negative: apart from every interned node's). The
 * bodies are only written, never compared with other expressions, so they are made as plain frozen
 * nodes outside the hash-consing table (model/expr.ts `node`): making 20,001 of them for a deep
 * result through the table (a key per node, an entry kept until the table is emptied) cost more
 * than writing them. Two bodies are never equal (distinct nodes get distinct names), so nothing is
 * lost by not sharing them.
 */
let nextBodyId = -1;

/**
 * `e` with its arguments as written (written[argPlaces[from + j]] for its j-th argument): `e` itself
 * when none changed, else an unshared node.
 */
function writtenWith(e: Expr, written: readonly Expr[], argPlaces: Int32Array, from: number): Expr {
  let args: Expr[] | undefined;
  for (let j = 0; j < e.args.length; j++) {
    const w = written[argPlaces[from + j]];
    if (args === undefined && w !== e.args[j]) args = e.args.slice(0, j);
    args?.push(w);
  }
  if (args === undefined) return e;
  checkpoint();
  let size = 1;
  for (const a of args) size += a.size;
  // Its fields in the order model/expr.ts makes them: the body has the hidden class of every other
  // node (a spread {...e} makes another), so the writers' reads of its fields stay monomorphic.
  const body: Expr = {
    op: e.op,
    args,
    shape: e.shape,
    id: nextBodyId--,
    name: e.name,
    value: e.value,
    rational: e.rational,
    dims: e.dims,
    symmetric: e.symmetric,
    probabilities: e.probabilities,
    size,
  };
  return Object.freeze(body);
}

/**
 * Fresh names u1, u2, … in a letter no variable of the expression (nor a reserved name, nor a name
 * the answer has taken) is written with (u₁ is not x's), never one the answer has taken as written.
 */
function nameSource(order: readonly Expr[], reserved: Iterable<string>, answer?: AnswerNames): () => string {
  const vars = [...order.filter((e) => e.op === 'var').map((e) => e.name as string), ...reserved];
  const taken = new Set(vars);
  const bases = new Set(vars.map((n) => splitName(n).base));
  const letter = NAME_LETTERS.find((l) => !bases.has(l) && answer?.letters().has(l) !== true) ?? NAME_LETTERS.find((l) => !bases.has(l)) ?? 'u';
  let k = 0;
  return () => {
    let n: string;
    do n = `${letter}${++k}`;
    while (taken.has(n) || answer?.taken(n) === true);
    return n;
  };
}

export interface BoundForms {
  readonly text: string;
  readonly unicode: string;
  readonly latex: string;
}

/**
 * The named form in the three notations, one line each: `f where u1 = …, u2 = …` (text and
 * Unicode), `f \quad \text{where } u_{1} = …,\; u_{2} = …` (LaTeX). The whole counts against the
 * request's output limit.
 */
export function writeBound(b: Bound): BoundForms {
  return { text: writeBoundForm(b, 'text'), unicode: writeBoundForm(b, 'unicode'), latex: writeBoundForm(b, 'latex') };
}

/** The named form in one notation (writeBound's, without writing the others). */
export function writeBoundForm(b: Bound, notation: WhereNotation): string {
  const dimensions = b.dimensions;
  const write =
    notation === 'text' ? (b.writeText ?? textWriting(dimensions)) : notation === 'unicode' ? unicodeWriting(b.whole, dimensions) : latexWriting({ dimensions }, b.whole);
  function* definitions(): Generator<WrittenDefinition> {
    for (let k = 0; k < b.definitions.length; k++) {
      const d = b.definitions[k];
      yield { name: write(b.names?.[k] ?? variable(d.name, d.value.shape)), body: write(d.value) };
    }
  }
  return whereForm(notation, write(b.expr), definitions(), checkOutput);
}
