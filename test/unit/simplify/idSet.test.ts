/**
 * The persistent id sets of hadamard()'s kept products (simplify/idSet.ts): against a JavaScript Set, on
 * ids small and large (past 2^31 and 2^40, where the trie grows levels), every older version unchanged
 * by the additions made from it.
 */
import * as assert from 'node:assert/strict';
import { IdSet } from '../../../src/core/simplify/idSet';

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const idsOf = (s: IdSet): number[] => {
  const out: number[] = [];
  s.some((id) => (out.push(id), false));
  return out;
};

function assertSame(s: IdSet, reference: ReadonlySet<number>, probes: readonly number[], label: string): void {
  assert.equal(s.size, reference.size, `${label}: size`);
  assert.deepEqual(idsOf(s), [...reference].sort((a, b) => a - b), `${label}: ids in increasing order`);
  for (const id of probes) assert.equal(s.has(id), reference.has(id), `${label}: has(${id})`);
}

describe('simplify/idSet: a persistent set of node ids', () => {
  for (const [range, label] of [[64, 'ids below 64'], [5_000, 'ids below 5,000'], [2 ** 33, 'ids up to 2^33'], [2 ** 45, 'ids up to 2^45']] as const) {
    it(`${label}: the same members as a Set, and each earlier version kept as it was`, () => {
      const next = random(range % 1_000_003);
      const versions: { set: IdSet; reference: Set<number> }[] = [{ set: IdSet.EMPTY, reference: new Set() }];
      const probes: number[] = [0, 1, 31, 32, 1023, 1024, range - 1, range, range * 2];
      for (let k = 0; k < 600; k++) {
        // Often from the latest version, sometimes from an older one (sets grow from shared ones).
        const from = versions[next() < 0.8 ? versions.length - 1 : Math.floor(next() * versions.length)];
        const id = Math.floor(next() * range);
        probes.push(id, id + 1);
        const set = from.set.with(id);
        if (from.reference.has(id)) assert.equal(set, from.set, 'adding a member gives the same set');
        versions.push({ set, reference: new Set([...from.reference, id]) });
      }
      versions.forEach((v, k) => assertSame(v.set, v.reference, probes, `${label}, version ${k}`));
    });
  }

  it('some() stops at the first id that passes', () => {
    let s = IdSet.EMPTY;
    for (const id of [7, 3, 2 ** 40, 100, 5]) s = s.with(id);
    const seen: number[] = [];
    assert.equal(s.some((id) => (seen.push(id), id >= 7)), true);
    assert.deepEqual(seen, [3, 5, 7]);
    assert.equal(IdSet.EMPTY.some(() => true), false);
  });
});
