/**
 * A piece of output text that can tell its first and last few characters. Writers build their
 * output bottom-up, one node at a time, by concatenating the pieces of the children; deciding a
 * separator (a space after a control word, `\cdot` before a digit) needs only the boundary
 * characters, so no piece is ever searched or sliced: each node costs O(number of children) and a
 * whole expression O(DAG size), however large the (tree-sized) text grows.
 *
 * The edges are made when first asked for, from the edges of the parts (most never are: the plain
 * syntax decides no separator, and a math writer asks only for the factors and terms it joins).
 */
export interface Piece {
  readonly text: string;
  /** The first characters of `text` (at most EDGE). */
  readonly head: string;
  /** The last characters of `text` (at most EDGE). */
  readonly tail: string;
}

const EDGE = 16;

type Part = Piece | string;

/** A concatenation of parts, its edges made at the first question (`edges`). */
class Concatenation implements Piece {
  /** The edges once made; the parts until then. */
  first: string | undefined;
  last: string | undefined;
  parts: readonly Part[] | undefined;

  constructor(
    readonly text: string,
    parts: readonly Part[],
  ) {
    this.parts = parts;
  }

  get head(): string {
    if (this.first === undefined) edge(this, false);
    return this.first as string;
  }

  get tail(): string {
    if (this.last === undefined) edge(this, true);
    return this.last as string;
  }
}

/** A short text: its own head and tail. */
const short = (text: string): Piece => ({ text, head: text, tail: text });

export function piece(text: string): Piece {
  return text.length <= EDGE ? short(text) : new Concatenation(text, [text]);
}

/** Concatenate pieces and strings. */
export function cat(...parts: readonly Part[]): Piece {
  return catList(parts);
}

/** cat of a list already made (no copy of it for the arguments). */
export function catList(parts: readonly Part[]): Piece {
  let text = '';
  for (const p of parts) text += typeof p === 'string' ? p : p.text;
  return text.length <= EDGE ? short(text) : new Concatenation(text, parts);
}

/** Join pieces with a separator string. */
export function join(parts: readonly Piece[], sep: string): Piece {
  const n = parts.length;
  // Made at its size (a list grown by push from empty reserves 17 places): a concatenation keeps it.
  const all = new Array<Part>(n > 0 ? 2 * n - 1 : 0);
  for (let i = 0; i < n; i++) {
    if (i > 0) all[2 * i - 1] = sep;
    all[2 * i] = parts[i];
  }
  return catList(all);
}

/**
 * The part whose edge `headOf` (or `tailOf`, `fromEnd`) reads and which has not made it yet: the
 * first (last) long part, unless the short parts before (after) it already fill the edge.
 */
function pendingPart(parts: readonly Part[], fromEnd: boolean): Concatenation | undefined {
  const n = parts.length;
  let filled = 0;
  for (let k = 0; k < n && filled < EDGE; k++) {
    const p = parts[fromEnd ? n - 1 - k : k];
    if (typeof p === 'string') filled += p.length;
    else if (p instanceof Concatenation) return (fromEnd ? p.last : p.first) === undefined ? p : undefined;
    else filled += p.text.length;
  }
  return undefined;
}

/**
 * Makes the head or tail (`fromEnd`) of `c` from its parts' edges, which may themselves be unmade:
 * those are made first, innermost first — iteratively, since a deep expression nests its pieces
 * deeply. Each edge is made once, so making all of them costs O(number of pieces).
 */
function edge(c: Concatenation, fromEnd: boolean): void {
  // Most edges are made from parts whose edges are made (or short): then no list of pending parts.
  const below = pendingPart(c.parts as readonly Part[], fromEnd);
  if (below === undefined) {
    makeEdge(c, fromEnd);
    return;
  }
  const pending: Concatenation[] = [c, below];
  while (pending.length > 0) {
    const top = pending[pending.length - 1];
    const next = pendingPart(top.parts as readonly Part[], fromEnd);
    if (next !== undefined) {
      pending.push(next);
      continue;
    }
    pending.pop();
    makeEdge(top, fromEnd);
  }
}

/** Makes the head or tail of `c` from its parts, whose edges it reads are made. */
function makeEdge(c: Concatenation, fromEnd: boolean): void {
  if (fromEnd) c.last = tailOf(c.parts as readonly Part[]);
  else c.first = headOf(c.parts as readonly Part[]);
  // Both made: the parts are no longer needed.
  if (c.first !== undefined && c.last !== undefined) c.parts = undefined;
}

function headOf(parts: readonly Part[]): string {
  let head = '';
  for (const p of parts) {
    head += typeof p === 'string' ? p.slice(0, EDGE) : p.head;
    if (head.length >= EDGE) break;
  }
  return head.length > EDGE ? head.slice(0, EDGE) : head;
}

function tailOf(parts: readonly Part[]): string {
  let tail = '';
  for (let i = parts.length - 1; i >= 0 && tail.length < EDGE; i--) {
    const p = parts[i];
    tail = (typeof p === 'string' ? p.slice(-EDGE) : p.tail) + tail;
  }
  return tail.length > EDGE ? tail.slice(-EDGE) : tail;
}
