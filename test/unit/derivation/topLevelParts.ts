/**
 * Test helper: an answer's text split at the commas outside brackets (the steps' and binding forms'
 * definitions, `u₁ = sin(q), u₂ = sin(u₁)`), shared by the naming tests.
 */
export function topLevelParts(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((p) => p.length > 0);
}
