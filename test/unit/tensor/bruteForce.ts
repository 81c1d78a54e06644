import type { Matrix } from 'ml-matrix';

/** einsum by its definition: Σ over every assignment of the letters of the product of the entries. */
export function bruteForce(spec: string, values: readonly Matrix[]): number[][] {
  const [lhs, out] = spec.includes('->') ? spec.split('->') : [spec, implicit(spec)];
  const inputs = lhs.split(',');
  const size = new Map<string, number>();
  inputs.forEach((letters, k) => {
    const m = values[k];
    const axes = letters.length === 0 ? [] : letters.length === 1 ? [m.rows === 1 ? m.columns : m.rows] : [m.rows, m.columns];
    [...letters].forEach((c, i) => size.set(c, axes[i]));
  });
  const letters = [...size.keys()];
  const rows = out.length > 0 ? (size.get(out[0]) as number) : 1;
  const cols = out.length > 1 ? (size.get(out[1]) as number) : 1;
  const result = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  const at = new Map<string, number>();
  const entry = (m: Matrix, ls: string): number => {
    if (ls.length === 0) return m.get(0, 0);
    if (ls.length === 1) return m.rows === 1 ? m.get(0, at.get(ls) as number) : m.get(at.get(ls) as number, 0);
    return m.get(at.get(ls[0]) as number, at.get(ls[1]) as number);
  };
  const visit = (depth: number): void => {
    if (depth === letters.length) {
      let p = 1;
      inputs.forEach((ls, k) => (p *= entry(values[k], ls)));
      result[out.length > 0 ? (at.get(out[0]) as number) : 0][out.length > 1 ? (at.get(out[1]) as number) : 0] += p;
      return;
    }
    for (let v = 0; v < (size.get(letters[depth]) as number); v++) {
      at.set(letters[depth], v);
      visit(depth + 1);
    }
  };
  visit(0);
  return result;
}

function implicit(spec: string): string {
  const counts = new Map<string, number>();
  for (const c of spec.replace(/,/g, '')) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].filter(([, n]) => n === 1).map(([c]) => c).sort().join('');
}

