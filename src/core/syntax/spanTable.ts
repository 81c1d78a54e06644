/**
 * Where each node of a read expression was read (by node id), as the builder meets the nodes: a
 * node met twice (x in xᵀAx) keeps its first span. The pairs are listed as they come and made into
 * a Map only when one is asked for — an error about a node (service.ts, read.ts), which most
 * requests never have — rather than a Map lookup and insertion for every node built.
 */
import type { Span } from '../api';

export class SpanTable implements ReadonlyMap<number, Span> {
  private readonly ids: number[] = [];
  private readonly spans: Span[] = [];
  private made: Map<number, Span> | undefined;

  /** The node `id` was read at `span` (kept unless the node was met before). */
  record(id: number, span: Span): void {
    if (this.made === undefined) {
      this.ids.push(id);
      this.spans.push(span);
    } else if (!this.made.has(id)) this.made.set(id, span);
  }

  private get map(): Map<number, Span> {
    if (this.made === undefined) {
      const map = new Map<number, Span>();
      for (let i = 0; i < this.ids.length; i++) if (!map.has(this.ids[i])) map.set(this.ids[i], this.spans[i]);
      this.made = map;
      this.ids.length = 0;
      this.spans.length = 0;
    }
    return this.made;
  }

  get size(): number {
    return this.map.size;
  }

  get(id: number): Span | undefined {
    return this.map.get(id);
  }

  has(id: number): boolean {
    return this.map.has(id);
  }

  forEach(f: (span: Span, id: number, map: ReadonlyMap<number, Span>) => void, thisArg?: unknown): void {
    this.map.forEach((span, id) => f.call(thisArg, span, id, this));
  }

  entries(): MapIterator<[number, Span]> {
    return this.map.entries();
  }

  keys(): MapIterator<number> {
    return this.map.keys();
  }

  values(): MapIterator<Span> {
    return this.map.values();
  }

  [Symbol.iterator](): MapIterator<[number, Span]> {
    return this.map[Symbol.iterator]();
  }
}
