/**
 * The notation convention a LaTeX text declares: `% convention: einstein` in a comment of the text
 * (or `convention: einstein` among the separate declarations) sums every index letter written
 * twice in a term (indices.ts). Without it a repeated index needs its \sum.
 */
import type { Outcome } from '../../api';
import { failure, inWhere } from '../diagnostics';

const CONVENTION = /(^|[;\n])([ \t]*convention[ \t]*:[ \t]*([A-Za-z-]*)[ \t]*)(?=$|[;\n])/gi;

export interface Convention {
  readonly einstein: boolean;
  /** `where` with the convention blanked out (spaces keep the other declarations' offsets). */
  readonly where: string | undefined;
}

function find(text: string, offset: number, found: { einstein: boolean }): Outcome<string> {
  let out = text;
  for (const m of text.matchAll(CONVENTION)) {
    const start = (m.index ?? 0) + m[1].length;
    if (m[3].toLowerCase() !== 'einstein') {
      const at = offset + start + m[2].search(/\S/);
      return failure({ code: 'latex.convention', start: at, end: offset + start + m[2].trimEnd().length, message: `unknown convention '${m[3]}': the convention that can be declared is einstein (% convention: einstein sums every index written twice)` });
    }
    found.einstein = true;
    out = out.slice(0, start) + ' '.repeat(m[2].length) + out.slice(start + m[2].length);
  }
  return { ok: true, value: out };
}

export function conventionOf(comments: readonly { readonly text: string; readonly start: number }[], where: string | undefined): Outcome<Convention> {
  const found = { einstein: false };
  for (const c of comments) {
    const r = find(c.text, c.start, found);
    if (!r.ok) return r;
  }
  if (where === undefined) return { ok: true, value: { einstein: found.einstein, where } };
  const w = find(where, 0, found);
  if (!w.ok) return failure(inWhere(w.error));
  return { ok: true, value: { einstein: found.einstein, where: w.value } };
}
