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
  return catAll(parts);
}

/** cat of an array (a string part is its own head and tail, for this purpose: at most EDGE of it is kept). */
function catAll(parts: readonly (Piece | string)[]): Piece {
  let text = '';
  for (const p of parts) text += typeof p === 'string' ? p : p.text;
  let head = '';
  for (const p of parts) {
    head += typeof p === 'string' ? p.slice(0, EDGE) : p.head;
    if (head.length >= EDGE) break;
  }
  let tail = '';
  for (let i = parts.length - 1; i >= 0 && tail.length < EDGE; i--) {
    const p = parts[i];
    tail = (typeof p === 'string' ? p.slice(-EDGE) : p.tail) + tail;
  }
  return { text, head: head.length > EDGE ? head.slice(0, EDGE) : head, tail: tail.length > EDGE ? tail.slice(-EDGE) : tail };
}

/** Join pieces with a separator string. */
export function join(parts: readonly Piece[], sep: string): Piece {
  const all: (Piece | string)[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) all.push(sep);
    all.push(parts[i]);
  }
  return catAll(all);
}
