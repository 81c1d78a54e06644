/**
 * The `where` form shared by the binding form (present/bindings.ts) and the named form of a result
 * (`named` in api.ts): the expression, then its definitions in order —
 *
 *   text     f where u1 = …, u2 = …
 *   Unicode  f where u₁ = …, u₂ = …
 *   LaTeX    f \quad \text{where } u_{1} = …,\; \mathbf{u}_{2} = …
 *
 * Every reader reads it back (plain: syntax/plain/read.ts; LaTeX and Unicode: syntax/latex/bindings.ts).
 */
import type { NamedForm } from '../api';

export type WhereNotation = 'text' | 'unicode' | 'latex';

const SEPARATORS: Readonly<Record<WhereNotation, { readonly where: string; readonly between: string }>> = {
  text: { where: ' where ', between: ', ' },
  unicode: { where: ' where ', between: ', ' },
  latex: { where: ' \\quad \\text{where } ', between: ',\\; ' },
};

/** One definition as written in a notation: its name and its body. */
export interface WrittenDefinition {
  readonly name: string;
  readonly body: string;
}

/**
 * `f where name = body, …` in a notation. Definitions are taken one at a time (a generator writes
 * each only when the text so far passed `grown`, e.g. the output limit).
 */
export function whereForm(notation: WhereNotation, expr: string, definitions: Iterable<WrittenDefinition>, grown?: (length: number) => void): string {
  const sep = SEPARATORS[notation];
  let s = expr;
  let first = true;
  for (const d of definitions) {
    s += `${first ? sep.where : sep.between}${d.name} = ${d.body}`;
    first = false;
    grown?.(s.length);
  }
  return s;
}

/** The named form of a result in each notation, one line each. */
export function namedForms(n: NamedForm): Readonly<Record<WhereNotation, string>> {
  return {
    text: whereForm('text', n.text, n.definitions.map((d) => ({ name: d.name, body: d.text }))),
    unicode: whereForm('unicode', n.unicode ?? n.text, n.definitions.map((d) => ({ name: d.nameUnicode, body: d.unicode ?? d.text }))),
    latex: whereForm('latex', n.latex, n.definitions.map((d) => ({ name: d.nameLatex, body: d.latex }))),
  };
}
