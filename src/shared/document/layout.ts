/**
 * The layout a document declares for its derivatives: `% layout: denominator` (LaTeX),
 * `<!-- layout: denominator -->` (Markdown), a `layout: denominator` line (.matcalc); the last one
 * before the math applies. Pure.
 */
type Layout = 'numerator' | 'denominator' | 'mixed';

const LAYOUT_COMMENT = /(?:^|\n)\s*(?:%+\s*|<!--\s*|#\s*)?layout\s*:\s*(numerator|denominator|mixed)\b/g;

/** The layout declared before `offset`, if any. */
export function declaredLayout(text: string, offset: number): Layout | undefined {
  let found: Layout | undefined;
  for (const m of text.matchAll(LAYOUT_COMMENT)) {
    if ((m.index ?? 0) > offset) break;
    found = m[1] as Layout;
  }
  return found;
}

/** The layout in force at `offset`: the declared one, numerator by default. */
export function layoutAt(text: string, offset: number): Layout {
  return declaredLayout(text, offset) ?? 'numerator';
}

/** The layout in force at any offset, the document scanned once (offsets asked in increasing order are cheapest). */
export function layoutsOf(text: string): (offset: number) => Layout {
  const marks = [...text.matchAll(LAYOUT_COMMENT)].map((m) => ({ at: m.index ?? 0, layout: m[1] as Layout }));
  return (offset) => {
    let found: Layout = 'numerator';
    for (const m of marks) {
      if (m.at > offset) break;
      found = m.layout;
    }
    return found;
  };
}
