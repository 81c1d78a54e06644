/**
 * Einsum inputs with the matrix form the lowering must give (the textbook one where there is one),
 * by kind of contraction. Operands follow the plain syntax's letter conventions (a–g scalars,
 * h–z vectors, A–Z matrices); sizes are inferred from the spec.
 */
export interface EinsumCase {
  readonly kind: string;
  readonly spec: string;
  readonly operands: readonly string[];
  /** The lowered expression in the plain syntax. */
  readonly form: string;
  readonly where?: string;
}

const c = (kind: string, spec: string, operands: string, form: string, where?: string): EinsumCase => ({
  kind,
  spec,
  operands: operands.split(',').map((s) => s.trim()),
  form,
  ...(where ? { where } : {}),
});

export const EINSUM_CASES: readonly EinsumCase[] = [
  // matrix products, with transposes
  c('matrix product', 'ij,jk->ik', 'A, B', 'A*B'),
  c('matrix product', 'ij,jk', 'A, B', 'A*B'),
  c('matrix product', 'ij,kj->ik', 'A, B', "A*B'"),
  c('matrix product', 'ji,jk->ik', 'A, B', "A'*B"),
  c('matrix product', 'ij,jk->ki', 'A, B', "B'*A'"),
  c('matrix product', 'ij,jk,kl->il', 'A, B, C', 'A*B*C'),
  c('matrix product', 'ij,j->i', 'A, x', 'A*x'),
  c('matrix product', 'ij,i->j', 'A, x', "A'*x"),
  c('matrix product', 'i,ij->j', 'x, A', "A'*x"),
  c('matrix product', 'ij,jk,k->i', 'A, B, x', 'A*B*x'),
  c('matrix product', 'ij,jk->ik', 'X, X', 'X*X'),
  // bilinear and quadratic forms, dot products
  c('dot product', 'i,i->', 'x, y', "x'*y"),
  c('dot product', 'i,i', 'x, x', "x'*x"),
  c('bilinear form', 'i,ij,j->', 'x, A, y', "x'*A*y"),
  c('bilinear form', 'i,ij,j', 'u, B, v', "u'*B*v"),
  c('quadratic form', 'i,ij,j->', 'x, A, x', "x'*A*x"),
  c('quadratic form', 'i,ij,j->', 'x, S, x', "x'*S*x", 'S: matrix(n, n) symmetric'),
  c('quadratic form', 'ji,jk,k->i', 'X, W, z', "X'*W*z"),
  // traces
  c('trace', 'ii->', 'A', 'tr(A)'),
  c('trace', 'ii', 'X', 'tr(X)'),
  c('trace', 'ij,ji->', 'A, B', 'tr(A*B)'),
  c('trace', 'ij,ij->', 'A, B', "tr(A'*B)"),
  c('trace', 'ij,jk,ki->', 'A, B, C', 'tr(A*B*C)'),
  c('trace', 'ij,jk,ki', 'X, A, X', 'tr(X*A*X)'),
  // diagonals
  c('diagonal', 'ii->i', 'A', 'diag(A)'),
  c('diagonal', 'ij,ji->i', 'A, B', "(A .* B')*ones(m)", 'A: matrix(n, m)'),
  c('diagonal', 'ii,i->', 'A, x', "diag(A)'*x"),
  c('diagonal', 'ii,i->i', 'A, x', 'diag(A) .* x'),
  // transposes and copies
  c('transpose', 'ij->ji', 'A', "A'"),
  c('transpose', 'ji', 'A', "A'"),
  c('transpose', 'ij->ij', 'A', 'A'),
  c('transpose', 'i->i', 'x', 'x'),
  // reductions
  c('reduction', 'ij->', 'A', 'sum(A)'),
  c('reduction', 'ij->i', 'A', 'A*ones(n)', 'A: matrix(m, n)'),
  c('reduction', 'ij->j', 'A', "A'*ones(m)", 'A: matrix(m, n)'),
  c('reduction', 'i->', 'x', 'sum(x)'),
  c('reduction', 'ij,j->', 'A, x', "ones(m)'*A*x", 'A: matrix(m, n)'),
  // element-wise (Hadamard) products
  c('Hadamard product', 'ij,ij->ij', 'A, B', 'A .* B'),
  c('Hadamard product', 'ij,ji->ij', 'A, B', "A .* B'"),
  c('Hadamard product', 'i,i->i', 'x, y', 'x .* y'),
  c('Hadamard product', 'ij,ij->i', 'A, B', '(A .* B)*ones(n)', 'A: matrix(m, n)'),
  c('Hadamard product', 'ij,ij,ij->ij', 'A, B, C', 'A .* B .* C'),
  c('Hadamard product', 'i,i,ij->j', 'x, y, A', "A'*(x .* y)"),
  // outer products and scalings
  c('outer product', 'i,j->ij', 'x, y', "x*y'"),
  c('outer product', 'i,j->ji', 'x, y', "y*x'"),
  c('outer product', 'i,j', 'u, v', "u*v'"),
  c('scaling', ',ij->ij', 'a, A', 'a*A'),
  c('scaling', ',i->i', 'c, x', 'c*x'),
  c('scaling', 'i,ij->ij', 'x, A', 'diag(x)*A'),
  c('scaling', 'ij,j->ij', 'A, x', 'A*diag(x)'),
  // three-operand contractions
  c('three operands', 'ij,j,jk->ik', 'A, x, B', 'A*diag(x)*B'),
  c('three operands', 'i,ij,jk->k', 'x, A, B', "B'*A'*x"),
  c('three operands', 'ij,jk,k->', 'A, B, x', "ones(m)'*A*B*x", 'A: matrix(m, n)'),
  c('three operands', 'ij,kj,k->i', 'A, B, x', "A*B'*x"),
  c('three operands', 'i,ij,ik->jk', 'x, A, B', "A'*diag(x)*B"),
];

/** The spec's output letters (NumPy's implicit rule without '->') and its inputs. */
export function specParts(spec: string): { inputs: string[]; output: string } {
  if (spec.includes('->')) {
    const [lhs, output] = spec.split('->');
    return { inputs: lhs.split(','), output };
  }
  const inputs = spec.split(',');
  const counts = new Map<string, number>();
  for (const c of inputs.join('')) counts.set(c, (counts.get(c) ?? 0) + 1);
  return { inputs, output: [...counts].filter(([, n]) => n === 1).map(([c]) => c).sort().join('') };
}

/**
 * The case in LaTeX index notation: with explicit sums (`y_{ik} = \sum_{j} A_{ij} B_{jk}`), or
 * with the Einstein convention declared (sums written only for letters not written exactly twice).
 * `lhs: false` leaves out the left side where the result's axes are the free letters in
 * alphabetical order anyway (the reader's default); undefined when the case needs one.
 */
export function latexIndexForm(k: EinsumCase, style: 'sums' | 'einstein', lhs = true): string | undefined {
  const { inputs, output } = specParts(k.spec);
  const all = inputs.join('');
  const count = (c: string): number => [...all].filter((x) => x === c).length;
  const summed = [...new Set(all)].filter((c) => !output.includes(c));
  const explicit = style === 'sums' ? summed : summed.filter((c) => count(c) !== 2);
  const defaultOrder = [...output].sort().join('') === output && [...output].every((c) => style === 'sums' ? count(c) === 1 : count(c) === 1);
  // Without a left side, sums or the convention, subscripted names are names (x_i), not components.
  if (!lhs && (!defaultOrder || output === '' || (style === 'sums' && explicit.length === 0))) return undefined;
  const head = lhs && output !== '' ? `y_{${output}} = ` : '';
  const sums = explicit.length > 0 ? `\\sum_{${explicit.join(',')}} ` : '';
  const comps = k.operands.map((name, i) => (inputs[i] === '' ? name : `${name}_{${inputs[i]}}`)).join(' ');
  const convention = style === 'einstein' ? '% convention: einstein\n' : '';
  return `${convention}${head}${sums}${comps}`;
}
