/**
 * model/memo.ts memoRecent: a table of the results for the keys seen last, emptied when full. Tables
 * of up to 8 entries are searched in a list, larger ones in a Map; both remember the same keys, so a
 * function is computed for the same calls, and answer the same values — checked against the Map-based
 * table as it was written, over random sequences of keys (objects, strings, numbers; some results
 * undefined, which are not remembered).
 */
import * as assert from 'node:assert/strict';
import { memoRecent } from '../../../src/core/model/memo';
import { generator } from '../seeded';

/** The table as memoRecent made it for every capacity until 2026-12-07 (a Map). */
function mapTable<K, T>(compute: (key: K) => T, capacity: number): (key: K) => T {
  const table = new Map<K, T>();
  return (key) => {
    const found = table.get(key);
    if (found !== undefined) return found;
    const value = compute(key);
    if (table.size >= capacity) table.clear();
    table.set(key, value);
    return value;
  };
}

const OBJECTS = Array.from({ length: 12 }, (_, i) => ({ i }));
const KEYS: readonly unknown[] = [...OBJECTS, 'a', 'b', 'ab', `${'a'}${'b'}`, 'x1', 0, 1, 7, 1024];

describe('core: memoRecent remembers the same keys in a list (≤ 8 entries) as in a Map', () => {
  for (const capacity of [1, 2, 3, 4, 8, 9, 16]) {
    it(`capacity ${capacity}: the same calls computed, the same values answered, over 2,000 random keys`, () => {
      for (const seed of [1, 2, 3]) {
        const pick = generator(seed * 97 + capacity);
        const computed: [string, unknown][] = [];
        // Some keys have no value to remember (undefined): computed again at every call, in both tables.
        const compute = (who: string) => (key: unknown): string | undefined => {
          computed.push([who, key]);
          const k = KEYS.indexOf(key);
          return k % 5 === 4 ? undefined : `v${k}`;
        };
        const listed = memoRecent(compute('table'), capacity);
        const mapped = mapTable(compute('table'), capacity);
        const calls: unknown[] = Array.from({ length: 2000 }, () => KEYS[pick(KEYS.length)]);
        const answers = calls.map((k) => listed(k));
        const listedComputed = computed.splice(0);
        const expected = calls.map((k) => mapped(k));
        assert.deepEqual(answers, expected, `seed ${seed}`);
        assert.deepEqual(listedComputed, computed, `seed ${seed}`);
        assert.ok(listedComputed.length < calls.length, 'some calls remembered');
      }
    });
  }
});
