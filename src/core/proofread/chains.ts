/**
 * The equation chains of a document. In Markdown and LaTeX only display math counts (`$$…$$`,
 * `\[…\]`, `equation`, `align`, `aligned`, `eqnarray`…; inline math never): each row (split at
 * `\\`) is a chain of sides separated by relations; a row that begins with a relation continues the
 * chain of the row before (`&= …` lines of an align), a row with its own left side starts a new
 * one. In `.matcalc` files a line `EXPR == EXPR [== …]` is a chain. Markup that is not math
 * (`&`, `\label{…}`, `\nonumber`, `\tag{…}`, the inner `aligned`/`split` environment, a final
 * comma or period) is blanked out so offsets stay those of the document.
 */
import { findMathSpans } from '../../shared/document/mathSpans';
import type { DocumentKind } from '../../shared/document/kind';

/** A side of a chain: its text and where it stands in the document. */
export interface Side {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** `=` is checked; `:=`, `\coloneqq`, `\triangleq`, `\equiv` define; the others are not equalities. */
export type Relation = 'equals' | 'defines' | 'other';

export interface Chain {
  readonly sides: readonly Side[];
  /** relations[i] stands between sides[i] and sides[i + 1]. */
  readonly relations: readonly Relation[];
  /** Where the chain's math begins (declarations and layout comments before it apply). */
  readonly at: number;
  readonly notation: 'latex' | 'plain';
}

const BLANK = (s: string): string => s.replace(/[^\n]/g, ' ');

/** Markup that is not part of the math, blanked (same length). */
const MARKUP = [
  /\\begin\{(?:aligned|split|gathered|alignedat)\}(?:\{\d+\})?/g,
  /\\end\{(?:aligned|split|gathered|alignedat)\}/g,
  /\\(?:label|tag)\*?\{[^{}]*\}/g,
  /\\(?:nonumber|notag|displaystyle|quad|qquad)\b/g,
  /\\[,;:!]/g,
  /&/g,
];

const RELATIONS: readonly [RegExp, Relation][] = [
  [/^(?::=|\\coloneqq|\\triangleq|\\equiv|\\stackrel\{[^{}]*\}\{=\}|\\overset\{[^{}]*\}\{=\})/, 'defines'],
  [/^(?:\\leq?|\\geq?|\\neq?|\\approx|\\propto|\\sim|\\simeq|\\to|\\rightarrow|\\Rightarrow|\\implies|\\iff|\\in|\\mapsto|<|>|≤|≥|≠|≈)(?![A-Za-z])/, 'other'],
  [/^=/, 'equals'],
];

function blankMarkup(body: string): string {
  let out = body;
  for (const re of MARKUP) out = out.replace(re, BLANK);
  return out;
}

/** Split a row at its top-level relations (outside braces, brackets and parentheses). */
export function splitRow(text: string, offset: number, row: { start: number; end: number }, notation: 'latex' | 'plain'): { sides: Side[]; relations: Relation[] } {
  const sides: Side[] = [];
  const relations: Relation[] = [];
  let depth = 0;
  let sideStart = row.start;
  const push = (end: number): void => {
    const raw = text.slice(sideStart, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim().replace(/[.,;]$/, '').trimEnd();
    sides.push({ text: trimmed, start: offset + sideStart + lead, end: offset + sideStart + lead + trimmed.length });
  };
  for (let i = row.start; i < row.end; i++) {
    const c = text[i];
    if (c === '\\' && /[{}[\]()|]/.test(text[i + 1] ?? '')) {
      i++;
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    const rest = text.slice(i, Math.min(row.end, i + 40));
    const plainEq = notation === 'plain' ? /^==/.exec(rest) : null;
    if (notation === 'plain') {
      if (!plainEq) continue;
      push(i);
      relations.push('equals');
      i += 1;
      sideStart = i + 1;
      continue;
    }
    if (rest.startsWith('==')) continue;
    for (const [re, relation] of RELATIONS) {
      const m = re.exec(rest);
      if (!m) continue;
      push(i);
      relations.push(relation);
      i += m[0].length - 1;
      sideStart = i + 1;
      break;
    }
  }
  push(row.end);
  return { sides, relations };
}

/** Rows of a display body, split at top-level `\\`. */
function rows(body: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && body[i + 1] === '\\' && depth === 0) {
      out.push({ start, end: i });
      i++;
      start = i + 1;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
  }
  out.push({ start, end: body.length });
  return out;
}

function displayChains(text: string): Chain[] {
  const chains: Chain[] = [];
  for (const span of findMathSpans(text)) {
    if (!span.display) continue;
    const body = blankMarkup(text.slice(span.bodyStart, span.bodyEnd));
    let current: { sides: Side[]; relations: Relation[] } | undefined;
    for (const row of rows(body)) {
      if (body.slice(row.start, row.end).trim() === '') continue;
      const split = splitRow(body, span.bodyStart, row, 'latex');
      const continues = split.sides[0].text === '' && split.relations.length > 0 && current !== undefined;
      if (continues && current) {
        current.sides.push(...split.sides.slice(1));
        current.relations.push(...split.relations);
      } else {
        if (current && current.relations.length > 0) chains.push({ ...current, at: span.start, notation: 'latex' });
        current = split;
      }
    }
    if (current && current.relations.length > 0) chains.push({ ...current, at: span.start, notation: 'latex' });
  }
  return chains;
}

/** `.matcalc` lines: `a == b [== c]` is a chain; `f = …`, `f(x) = …`, `L := …` define. */
function matcalcChains(text: string): Chain[] {
  const chains: Chain[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    if (!line.includes('=')) {
      offset += line.length + 1;
      continue;
    }
    const hash = line.indexOf('#');
    const code = hash < 0 ? line : line.slice(0, hash);
    const row = { start: 0, end: code.length };
    if (code.includes('==')) {
      const split = splitRow(code, offset, row, 'plain');
      chains.push({ ...split, at: offset, notation: 'plain' });
    } else {
      const def = /^(\s*[A-Za-z_]\w*(?:\s*\([^()]*\))?\s*)(:=|=)(.*)$/.exec(code);
      if (def && !/^\s*layout\s*$/.test(def[1])) {
        const left = def[1].trim();
        const rightRaw = def[3];
        const rightStart = def[1].length + def[2].length + (rightRaw.length - rightRaw.trimStart().length);
        chains.push({
          sides: [
            { text: left, start: offset + def[1].indexOf(left), end: offset + def[1].indexOf(left) + left.length },
            { text: rightRaw.trim(), start: offset + rightStart, end: offset + rightStart + rightRaw.trim().length },
          ],
          relations: ['defines'],
          at: offset,
          notation: 'plain',
        });
      }
    }
    offset += line.length + 1;
  }
  return chains;
}

export function findChains(text: string, kind: DocumentKind): Chain[] {
  return kind === 'matcalc' ? matcalcChains(text) : displayChains(text);
}
