/**
 * Dimension inference: a union-find over dimension terms.
 *
 * - Integers (`int`) and declared symbols (`named`, e.g. the n of `x: vector(n)`) are rigid: two
 *   different integers, two different names, or a name and an integer never unify.
 * - Fresh dimensions (`fresh`, for undeclared vectors and matrices and for vector(c), matrix(c))
 *   unify with anything except the integer 1, so a vector stays a vector: x*y with x, y undeclared
 *   vectors is an error, not a silent "y is a scalar".
 *
 * Fresh dimensions left free get readable names once inference is done (`resolve`): classes that
 * hold the length of a vector first, then the others, each in order of first appearance; each takes the first free name among its members'
 * preferences (a vector's length prefers "n", a matrix's rows "m" and its columns "n"), else the
 * first free name of n, m, k, p, q, r, s, t, u, v, w, then n1, n2, …; a square matrix's dimension
 * prefers "n". Declared dimension names and variable names are never used. So A*x - y reads
 * A: m×n, x: n, y: m; x'*A*x and A^2 read A: n×n; W2*relu(W1*x) reads W2: m×k, W1: k×n, x: n.
 */
import { mulDim, type Dim } from '../model/shape';

export type DimId = number;

const NAME_SEQUENCE = ['n', 'm', 'k', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w'];

export class Dims {
  private readonly parent: number[] = [];
  private readonly size: number[] = [];
  /** Root values: a number or a declared name; undefined for fresh classes. */
  private readonly value: (Dim | undefined)[] = [];
  private readonly preference: (string | undefined)[] = [];
  private readonly ints = new Map<number, DimId>();
  private readonly names = new Map<string, DimId>();
  /** The column dimension paired with each fresh matrix's row dimension (made at the first: declared shapes need none). */
  private partner: Map<DimId, DimId> | undefined;
  /** The fresh vector lengths (made at the first). */
  private lengths: Set<DimId> | undefined;
  /** Names to avoid for fresh dimensions besides the named (declared) ones: variable names. */
  private readonly avoided = new Set<string>();
  private freshNames: Map<DimId, string> | undefined;

  /** Never name a fresh dimension `name` (e.g. a variable's name: "k is k×1" would confuse). */
  avoid(name: string): void {
    if (this.avoided.has(name)) return;
    this.avoided.add(name);
    this.freshNames = undefined;
  }

  int(n: number): DimId {
    return this.interned(this.ints, n, n);
  }

  named(name: string): DimId {
    return this.interned(this.names, name, name);
  }

  fresh(preference?: string): DimId {
    return this.add(undefined, preference);
  }

  /** A fresh vector length: prefers "n", and classes holding one are named first. */
  freshLength(): DimId {
    const id = this.add(undefined, 'n');
    (this.lengths ??= new Set()).add(id);
    return id;
  }

  /** Fresh rows × cols of a matrix: "m" × "n", or "n" × "n" once they are unified (a square matrix). */
  freshMatrix(): [DimId, DimId] {
    const rows = this.add(undefined, 'm');
    const cols = this.add(undefined, 'n');
    (this.partner ??= new Map()).set(rows, cols);
    return [rows, cols];
  }

  /** A rigid dimension: an integer, or a name (made rigid). */
  of(d: Dim): DimId {
    return typeof d === 'number' ? this.int(d) : this.named(d);
  }

  /**
   * The product a·b as a rigid dimension ("m·n", or a number), when both are known now (integers,
   * declared names, or fresh dimensions already unified with one); undefined otherwise.
   */
  product(a: DimId, b: DimId): DimId | undefined {
    const va = this.value[this.find(a)];
    const vb = this.value[this.find(b)];
    if (va === undefined || vb === undefined) return undefined;
    return this.of(mulDim(va, vb));
  }

  /** The integer or declared name a dimension is known to be now (undefined while fresh). */
  known(id: DimId): Dim | undefined {
    return this.value[this.find(id)];
  }

  isOne(id: DimId): boolean {
    return this.value[this.find(id)] === 1;
  }

  same(a: DimId, b: DimId): boolean {
    return this.find(a) === this.find(b);
  }

  /** Unify all pairs, or none of them (on failure nothing changes). */
  unifyAll(pairs: readonly (readonly [DimId, DimId])[]): boolean {
    const trail: [DimId, DimId][] = [];
    for (const [a, b] of pairs) {
      if (!this.unifyOne(a, b, trail)) {
        for (let i = trail.length - 1; i >= 0; i--) {
          const [child, root] = trail[i];
          this.parent[child] = child;
          this.size[root] -= this.size[child];
        }
        return false;
      }
    }
    if (trail.length > 0) this.freshNames = undefined;
    return true;
  }

  /** Whether a and b hold the rows and the columns of one fresh matrix (unified, it would be square). */
  sidesOfOneMatrix(a: DimId, b: DimId): boolean {
    if (this.partner === undefined) return false;
    const ra = this.find(a);
    const rb = this.find(b);
    for (const [rows, cols] of this.partner) {
      const r = this.find(rows);
      const c = this.find(cols);
      if ((r === ra && c === rb) || (r === rb && c === ra)) return true;
    }
    return false;
  }

  unify(a: DimId, b: DimId): boolean {
    // One pair fails before changing anything: no trail to undo (unifyAll's lists made per call were most of inference's garbage).
    if (this.find(a) === this.find(b)) return true;
    if (!this.unifyOne(a, b, undefined)) return false;
    this.freshNames = undefined;
    return true;
  }

  /** The dimension as it reads now (fresh classes named as described above). */
  resolve(id: DimId): Dim {
    const root = this.find(id);
    const v = this.value[root];
    if (v !== undefined) return v;
    this.freshNames ??= this.nameFreshClasses();
    return this.freshNames.get(root) as string;
  }

  private interned<K>(table: Map<K, DimId>, key: K, v: Dim): DimId {
    const found = table.get(key);
    if (found !== undefined) return found;
    const id = this.add(v, undefined);
    table.set(key, id);
    return id;
  }

  private add(v: Dim | undefined, preference: string | undefined): DimId {
    const id = this.parent.length;
    this.parent.push(id);
    this.size.push(1);
    this.value.push(v);
    this.preference.push(preference);
    this.freshNames = undefined;
    return id;
  }

  /** No path compression, so a failed unifyAll can be undone exactly; union by size keeps finds short. */
  private find(id: DimId): DimId {
    let r = id;
    while (this.parent[r] !== r) r = this.parent[r];
    return r;
  }

  private unifyOne(a: DimId, b: DimId, trail: [DimId, DimId][] | undefined): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    const va = this.value[ra];
    const vb = this.value[rb];
    if (va !== undefined && vb !== undefined) return false;
    if (va === 1 || vb === 1) return false;
    // A rigid root stays the root; otherwise the bigger class does.
    let root = ra;
    let child = rb;
    if (vb !== undefined || (va === undefined && this.size[rb] > this.size[ra])) {
      root = rb;
      child = ra;
    }
    this.parent[child] = root;
    this.size[root] += this.size[child];
    trail?.push([child, root]);
    return true;
  }

  private nameFreshClasses(): Map<DimId, string> {
    const prefs = new Map<DimId, string[]>();
    const holdsLength = new Set<DimId>();
    for (let id = 0; id < this.parent.length; id++) {
      const root = this.find(id);
      if (this.value[root] !== undefined) continue;
      if (this.lengths?.has(id)) holdsLength.add(root);
      let list = prefs.get(root);
      if (!list) prefs.set(root, (list = []));
      const p = this.preference[id];
      const cols = this.partner?.get(id);
      if (cols !== undefined && this.find(cols) === root) list.push('n');
      else if (p !== undefined) list.push(p);
    }
    const taken = new Set<string>(this.avoided);
    // A product of sizes (the n·n of 𝟏_(n·n)) takes its factors' names too: a fresh I beside it is not I_n.
    for (const name of this.names.keys()) for (const part of name.split('·')) taken.add(part);
    const out = new Map<DimId, string>();
    let next = 0;
    const sequence = (i: number): string =>
      i < NAME_SEQUENCE.length ? NAME_SEQUENCE[i] : `n${i - NAME_SEQUENCE.length + 1}`;
    const ordered = [...prefs].sort(([a], [b]) => Number(holdsLength.has(b)) - Number(holdsLength.has(a)));
    for (const [root, list] of ordered) {
      let name = list.find((p) => !taken.has(p));
      while (name === undefined) {
        const candidate = sequence(next++);
        if (!taken.has(candidate)) name = candidate;
      }
      taken.add(name);
      out.set(root, name);
    }
    return out;
  }
}
