/**
 * A piece of output text that remembers its first and last few characters. Writers build their
 * output bottom-up, one node at a time, by concatenating the pieces of the children; deciding a
 * separator (a space after a control word, `\cdot` before a digit) needs only the boundary
 * characters, so no piece is ever searched or sliced: each node costs O(number of children) and a
 * whole expression O(DAG size), however large the (tree-sized) text grows.
 */
export interface Piece {
  readonly text: string;
  /** The first characters of `text` (at most EDGE). */
  readonly head: string;
  /** The last characters of `text` (at most EDGE). */
  readonly tail: string;
}

const EDGE = 16;

export function piece(text: string): Piece {
  return text.length <= EDGE ? { text, head: text, tail: text } : { text, head: text.slice(0, EDGE), tail: text.slice(-EDGE) };
}

/** Concatenate pieces and strings. */
export function cat(...parts: readonly (Piece | string)[]): Piece {
  return catList(parts);
}

/**
 * cat of a list already made (no copy of it for the arguments; a string part is its own head and
 * tail, for this purpose: at most EDGE of it is kept). The head is the first part's own when that
 * part is long enough (likewise the tail), so a long piece wrapped in a few characters allocates no
 * new edges but the short ones it must.
 */
export function catList(parts: readonly (Piece | string)[]): Piece {
  let text = '';
  for (const p of parts) text += typeof p === 'string' ? p : p.text;
  if (text.length <= EDGE) return { text, head: text, tail: text };
  return { text, head: headOf(parts), tail: tailOf(parts) };
}

function headOf(parts: readonly (Piece | string)[]): string {
  const first = parts[0];
  if (typeof first === 'string' ? first.length >= EDGE : first.text.length >= EDGE) return typeof first === 'string' ? first.slice(0, EDGE) : first.head;
  let head = '';
  for (const p of parts) {
    head += typeof p === 'string' ? p.slice(0, EDGE) : p.head;
    if (head.length >= EDGE) break;
  }
  return head.length > EDGE ? head.slice(0, EDGE) : head;
}

function tailOf(parts: readonly (Piece | string)[]): string {
  const last = parts[parts.length - 1];
  if (typeof last === 'string' ? last.length >= EDGE : last.text.length >= EDGE) return typeof last === 'string' ? last.slice(-EDGE) : last.tail;
  let tail = '';
  for (let i = parts.length - 1; i >= 0 && tail.length < EDGE; i--) {
    const p = parts[i];
    tail = (typeof p === 'string' ? p.slice(-EDGE) : p.tail) + tail;
  }
  return tail.length > EDGE ? tail.slice(-EDGE) : tail;
}

/** Join pieces with a separator string. */
export function join(parts: readonly Piece[], sep: string): Piece {
  const all: (Piece | string)[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) all.push(sep);
    all.push(parts[i]);
  }
  return catList(all);
}
