/**
 * model/shape.ts dimFactors: a dimension of one symbol (n, batch, α) is answered without splitting it
 * (its fast path, 2026-12-08), the same as the split-based reading it had before, which every other
 * spelling still takes: checked against that reading over symbols, numbers and products.
 */
import * as assert from 'node:assert/strict';
import { dimFactors, mulDim, type Dim } from '../../../src/core/model/shape';

/** dimFactors as it was written until 2026-12-08. */
function splitFactors(d: Dim): { coefficient: number; symbols: [string, number][] } {
  if (typeof d === 'number') return { coefficient: d, symbols: [] };
  let coefficient = 1;
  const powers = new Map<string, number>();
  for (const part of d.split('·')) {
    if (/^\d+$/.test(part)) coefficient *= Number(part);
    else powers.set(part, (powers.get(part) ?? 0) + 1);
  }
  return { coefficient, symbols: [...powers] };
}

const DIMS: readonly Dim[] = [
  'n', 'm', 'batch', 'd_model', 'n1', 'α', '𝑛', '3', '12', '0', '', 2, 0, 1,
  'm·n', 'n·n', '2·n', '2·m·n·n', 'batch·d', mulDim('n', 'm'), mulDim(mulDim('n', 2), 'n'), '3·4',
];

describe('core: dimFactors answers a one-symbol dimension as the split does', () => {
  for (const d of DIMS) {
    it(`${JSON.stringify(d)}`, () => {
      assert.deepEqual(dimFactors(d), splitFactors(d));
    });
  }
});
