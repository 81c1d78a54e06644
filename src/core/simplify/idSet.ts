/**
 * A persistent set of node ids: adding an id makes a new set and leaves the old one as it was, copying
 * only the path to it in a trie on the id's bits (5 a level, each level's children packed by a bitmap),
 * so sets that grow one from another share almost all of their storage. hadamard()'s products kept
 * whole note the ids of every factor below them (simplify/hadamard.ts): a copy of the set of the
 * product each keeps was O(k) at the k-th level of a chain, quadratic in its depth; an id added here is
 * O(log id).
 */

/** A node of the trie: the 32 ids of a last level as the bits of a number; above, children by a bitmap. */
type Trie = number | Inner;

interface Inner {
  readonly bits: number;
  readonly kids: readonly Trie[];
}

const BITS = 5;
const WIDTH = 1 << BITS;

/** The child index of `id` at a level `shift` bits above the last. */
const slot = (id: number, shift: number): number => Math.floor(id / 2 ** shift) % WIDTH;

/** The number of bits set in a 32-bit word. */
function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** `node` (undefined: empty) with `id` added; `node` itself when it holds the id already. */
function added(node: Trie | undefined, id: number, shift: number): Trie {
  if (shift === 0) {
    const mask = (node as number | undefined) ?? 0;
    const bit = 1 << (id % WIDTH);
    return (mask & bit) !== 0 ? mask : mask | bit;
  }
  const inner = (node as Inner | undefined) ?? { bits: 0, kids: [] };
  const bit = 1 << slot(id, shift);
  const at = popcount(inner.bits & (bit - 1));
  if ((inner.bits & bit) !== 0) {
    const kid = inner.kids[at];
    const next = added(kid, id, shift - BITS);
    if (next === kid) return inner;
    const kids = inner.kids.slice();
    kids[at] = next;
    return { bits: inner.bits, kids };
  }
  const kids = inner.kids.slice();
  kids.splice(at, 0, added(undefined, id, shift - BITS));
  return { bits: inner.bits | bit, kids };
}

export class IdSet {
  static readonly EMPTY = new IdSet(undefined, BITS, 0);

  private constructor(
    private readonly root: Trie | undefined,
    /** The bits below the root's level: the set holds ids below 2^(shift + BITS). */
    private readonly shift: number,
    readonly size: number,
  ) {}

  has(id: number): boolean {
    if (this.root === undefined || id >= 2 ** (this.shift + BITS)) return false;
    let node: Trie = this.root;
    for (let shift = this.shift; shift > 0; shift -= BITS) {
      const inner = node as Inner;
      const bit = 1 << slot(id, shift);
      if ((inner.bits & bit) === 0) return false;
      node = inner.kids[popcount(inner.bits & (bit - 1))];
    }
    return ((node as number) & (1 << (id % WIDTH))) !== 0;
  }

  /** This set with `id` (this set itself when it has it). */
  with(id: number): IdSet {
    let root = this.root;
    let shift = this.shift;
    // A root one level up for a larger id: the old root is its first child.
    while (id >= 2 ** (shift + BITS)) {
      if (root !== undefined) root = { bits: 1, kids: [root] };
      shift += BITS;
    }
    const next = added(root, id, shift);
    if (next === root) return shift === this.shift ? this : new IdSet(root, shift, this.size);
    return new IdSet(next, shift, this.size + 1);
  }

  /** Whether `test` holds for an id of the set, trying them in increasing order until one does. */
  some(test: (id: number) => boolean): boolean {
    if (this.root === undefined) return false;
    const walk = (node: Trie, shift: number, base: number): boolean => {
      if (shift === 0) {
        for (let b = 0; b < WIDTH; b++) if (((node as number) & (1 << b)) !== 0 && test(base + b)) return true;
        return false;
      }
      const inner = node as Inner;
      let k = 0;
      for (let i = 0; i < WIDTH; i++) if ((inner.bits & (1 << i)) !== 0 && walk(inner.kids[k++], shift - BITS, base + i * 2 ** shift)) return true;
      return false;
    };
    return walk(this.root, this.shift, 0);
  }
}
