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

const asPiece = (p: Piece | string): Piece => (typeof p === 'string' ? piece(p) : p);

/** Concatenate pieces and strings. */
export function cat(...parts: readonly (Piece | string)[]): Piece {
  const ps = parts.map(asPiece);
  let text = '';
  for (const p of ps) text += p.text;
  let head = '';
  for (const p of ps) {
    head += p.head;
    if (head.length >= EDGE) break;
  }
  let tail = '';
  for (let i = ps.length - 1; i >= 0 && tail.length < EDGE; i--) tail = ps[i].tail + tail;
  return { text, head: head.slice(0, EDGE), tail: tail.slice(-EDGE) };
}

/** Join pieces with a separator string. */
export function join(parts: readonly Piece[], sep: string): Piece {
  const all: (Piece | string)[] = [];
  parts.forEach((p, i) => {
    if (i > 0) all.push(sep);
    all.push(p);
  });
  return cat(...all);
}
