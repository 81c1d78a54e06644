/** The arguments of a call in Python source: positional ones lowered on demand, keyword ones by name. */
import type { Span } from '../../api';
import { fail } from '../diagnostics';
import type { Lowered } from './matmul';
import type { PyKeyword, PyNode } from './parser';
import type { Deferred } from '../deferred';

export type Arg = { readonly node: PyNode; readonly lowered?: undefined } | { readonly lowered: Lowered; readonly node?: undefined };

/** Positional arguments, lowered on demand. */
export class Args {
  private readonly done = new Map<number, Lowered>();

  constructor(
    private readonly args: readonly Arg[],
    /** How a node is lowered (for keyword arguments lowered beside the positional ones). */
    readonly lowerNode: (n: PyNode) => Deferred<Lowered>,
    private readonly shown: string,
    private readonly span: Span,
  ) {}

  count(min: number, max = min): void {
    const n = this.args.length;
    if (n < min || n > max) {
      const expected = min === max ? `${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
      fail('call.arity', this.span, `${this.shown} takes ${expected}, found ${n}`);
    }
  }

  has(i: number): boolean {
    return i < this.args.length;
  }

  raw(i: number): PyNode | undefined {
    return this.args[i]?.node;
  }

  /** Argument i lowered (a rule for `runDeferred`: the lowering of the node is yielded). */
  *get(i: number): Deferred<Lowered> {
    const known = this.done.get(i);
    if (known) return known;
    const a = this.args[i];
    const r = a.lowered ?? ((yield this.lowerNode(a.node as PyNode)) as Lowered);
    this.done.set(i, r);
    return r;
  }
}

export class Keywords {
  private readonly byName = new Map<string, PyKeyword>();

  constructor(
    keywords: readonly PyKeyword[],
    private readonly shown: string,
  ) {
    for (const k of keywords) this.byName.set(k.name, k);
  }

  allow(names: readonly string[]): void {
    for (const k of this.byName.values()) {
      if (!names.includes(k.name)) fail('numpy.argument', k.span, `${this.shown} does not support the keyword argument '${k.name}' here`);
    }
  }

  get(name: string): PyNode | undefined {
    return this.byName.get(name)?.value;
  }

  *lowered(name: string, lower: (n: PyNode) => Deferred<Lowered>): Deferred<Lowered | undefined> {
    const v = this.get(name);
    return v === undefined ? undefined : ((yield lower(v)) as Lowered);
  }
}
