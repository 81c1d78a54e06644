/** A small deterministic generator (LCG) for random tests, so that a failure names its seed: pick(k) is in 0 … k − 1. */
export function generator(seed: number): (k: number) => number {
  let state = seed >>> 0;
  return (k) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % k;
  };
}
