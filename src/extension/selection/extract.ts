/**
 * Which expression a command or a hover works on: the selection, or (with no selection) the
 * expression under the cursor — the math span in Markdown/LaTeX, the statement in Python, the line
 * in `.matcalc` and plain text. Pure: works on a window of the document's text, no `vscode` import.
 *
 * Every result is a contiguous range of the window, so a diagnostic's column maps straight back
 * to a document position.
 */
import type { Notation } from '../../core/api';
import { loadMarkdownMath } from '../lazy';
import { mathSpanAt } from '../../shared/document/mathSpans';
import { DocumentKind, documentKind } from './notation';

/** A piece of a document: `text` starts at document offset `offset`; `cursor` is relative to `text`. */
export interface TextWindow {
  readonly text: string;
  readonly offset: number;
  readonly cursor: number;
}

/** An expression found in a window: `start`/`end` are offsets into the window's text. */
export interface FoundExpression {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /**
   * The notation the place itself fixes: LaTeX inside math delimiters (`$…$`, `\\[…\\]`, …), the
   * plain syntax in a ```` ```matcalc ```` fence. Undefined: decide from the text and the language.
   */
  readonly notation?: Notation;
}

export type Extraction = { readonly ok: true; readonly found: FoundExpression } | { readonly ok: false; readonly reason: string };

/** The expression under the cursor in a window of a document in language `languageId`. */
export function expressionAtCursor(window: TextWindow, languageId: string): Extraction {
  const kind = documentKind(languageId);
  switch (kind) {
    case 'markdown':
    case 'latex': {
      const span = kind === 'markdown' ? loadMarkdownMath().markdownMathSpanAt(window.text, window.cursor) : mathSpanAt(window.text, window.cursor, true);
      if (span) {
        const found = equationSide(window.text, span.bodyStart, span.bodyEnd, window.cursor);
        return found ? { ok: true, found } : { ok: false, reason: 'The math span under the cursor is empty.' };
      }
      if (kind === 'markdown') {
        const fenced = matcalcFenceLine(window);
        if (fenced) return fenced;
      }
      return {
        ok: false,
        reason: kind === 'markdown' ? 'Put the cursor inside a math span ($…$ or $$…$$) or select an expression.' : 'Put the cursor inside a math span ($…$, $$…$$, \\(…\\) or \\[…\\]) or select an expression.',
      };
    }
    case 'python':
      return pythonStatementAt(window);
    case 'matcalc':
    case 'plain':
      return lineAt(window, kind === 'matcalc' ? '#' : undefined);
  }
}

/** Trims a selection to its expression: whitespace, math delimiters, an `f(x) =` left-hand side. */
export function expressionInSelection(text: string, languageId: string): FoundExpression | undefined {
  const kind = documentKind(languageId);
  const span = kind === 'markdown' || kind === 'latex' || kind === 'plain' ? mathSpanAt(text, firstNonSpace(text), kind === 'latex') : undefined;
  if (span && text.slice(span.end).trim() === '') {
    return equationSide(text, span.bodyStart, span.bodyEnd, span.bodyEnd);
  }
  if (kind === 'python') return pythonExpression(text, 0, text.length);
  return trimmed(text, 0, text.length);
}

function firstNonSpace(text: string): number {
  const m = /\S/.exec(text);
  return m ? m.index : 0;
}

// ------------------------------------------------------------------------------------- LaTeX

const TEX_NOISE = /\\(?:label|tag|tag\*|eqref|ref)\{[^{}]*\}|\\(?:nonumber|notag|displaystyle|textstyle)\b/g;

/**
 * The expression in a TeX body: for multi-line bodies (`align`), the line (between `\\`) holding the
 * cursor; then, in an equation chain `a = b = c`, the side holding the cursor — except a left side that
 * only names the function (`f(\mathbf{x})`, `y`, `\mathcal{L}(\theta)`, `\frac{\partial f}{\partial x}`,
 * `\nabla_x f`: see HEAD), which gives the right-hand side, as does a cursor past the line (a
 * selection); trailing punctuation and alignment `&` dropped. `\label`, `\tag`, `\nonumber` are
 * blanked out (same length, so offsets stay valid).
 */
function equationSide(text: string, bodyStart: number, bodyEnd: number, cursor: number): FoundExpression | undefined {
  const body = text.slice(bodyStart, bodyEnd).replace(TEX_NOISE, (m) => ' '.repeat(m.length));
  // the line of a multi-line environment
  let lineStart = 0;
  let lineEnd = body.length;
  const rel = Math.min(Math.max(cursor - bodyStart, 0), body.length);
  for (const m of body.matchAll(/\\\\/g)) {
    const at = m.index ?? 0;
    if (at + 2 <= rel) lineStart = at + 2;
    else if (at >= rel) {
      lineEnd = at;
      break;
    }
  }
  const equals = topLevelEquals(body, lineStart, lineEnd);
  const bounds = [lineStart - 1, ...equals, lineEnd]; // the sides lie between consecutive bounds
  let side = bounds.length - 2; // the last
  const under = bounds.findIndex((b, i) => i > 0 && rel <= b) - 1;
  if (under >= 1 && under < side) side = under;
  else if (under === 0 && side > 0 && !HEAD.test(body.slice(lineStart, bounds[1]).replace(/[\s&]+/g, ' ').trim())) side = 0;
  let start = bounds[side] + 1;
  let end = bounds[side + 1];
  // trailing punctuation of a displayed equation, alignment markers
  while (end > start && /[\s.,;&]/.test(body[end - 1])) end--;
  while (start < end && /[\s&]/.test(body[start])) start++;
  if (start >= end) return undefined;
  return { text: body.slice(start, end), start: bodyStart + start, end: bodyStart + end, notation: 'latex' };
}

/** A TeX group `{…}` with groups one deep inside: `{\mathbf{x}}`. */
const GROUP = String.raw`\{(?:[^{}]|\{[^{}]*\})*\}`;
/**
 * A name as TeX writes it: `f`, `\ell`, `\theta`, `\mathcal{L}`, `\hat{y}`, with a subscript: `L_i`,
 * `\ell_{i}` — not a function (`\sin`, `\operatorname{tr}`, `\mathrm{tr}`).
 */
const TEX_NAME = String.raw`(?:\\(?:mathcal|mathbf|boldsymbol|bm|mathit|hat|tilde|bar|vec)\{\\?[A-Za-z]+\}|[A-Za-z]+|\\(?:ell|(?:var)?(?:alpha|beta|gamma|Gamma|delta|Delta|epsilon|zeta|eta|theta|Theta|kappa|lambda|Lambda|mu|nu|xi|pi|rho|sigma|Sigma|tau|phi|Phi|chi|psi|Psi|omega|Omega)))(?:_${GROUP}|_\\?[A-Za-z0-9]+)?`;
/**
 * A left side that only names the function: a name with its arguments (`f(\mathbf{x})`), or a
 * derivative of a name (`\frac{\partial f}{\partial x}`, `\frac{dL}{dw}`, `\nabla_x f`, `\nabla^2_x f(x)`);
 * empty (an `align` row `&= …` continuing the chain) too.
 */
const HEAD = new RegExp(
  String.raw`^(?:|(?:\\nabla(?:\^2|\^\{2\})?(?:_${GROUP}|_\\?[A-Za-z0-9]+)?(?:\^2|\^\{2\})? ?)?${TEX_NAME} ?(?:\([^()]*\))?|\\[dt]?frac\{ ?(?:\\partial|d)(?:\^2|\^\{2\})? ?${TEX_NAME} ?(?:\([^()]*\))? ?\}${GROUP})$`,
);

/** The `=` at brace/paren depth 0 that are plain equals signs (not `<=`, `==`, `\neq`, `:=`, …), in order. */
function topLevelEquals(s: string, from: number, to: number): number[] {
  let depth = 0;
  const found: number[] = [];
  for (let i = from; i < to; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === '=' && depth === 0 && !/[<>=!:]/.test(s[i - 1] ?? '') && s[i + 1] !== '=') found.push(i);
  }
  return found;
}

/** The last `=` at brace/paren depth 0 that is a plain equals sign; -1 when there is none. */
function lastTopLevelEquals(s: string, from: number, to: number): number {
  const all = topLevelEquals(s, from, to);
  return all.length > 0 ? all[all.length - 1] : -1;
}

/** In Markdown, the line under the cursor inside a ```` ```matcalc ```` fence. */
function matcalcFenceLine(window: TextWindow): Extraction | undefined {
  const before = window.text.slice(0, window.cursor);
  const fences = [...before.matchAll(/^[ \t]*(```+|~~~+)[ \t]*([\w-]*)[^\n]*$/gm)];
  const last = fences[fences.length - 1];
  if (!last || last[2] !== 'matcalc' || fences.length % 2 === 0) return undefined;
  const line = lineAt(window, '#');
  return line.ok ? { ok: true, found: { ...line.found, notation: 'plain' } } : line;
}

// ---------------------------------------------------------------------------- line-based kinds

function lineBounds(text: string, cursor: number): [number, number] {
  const start = text.lastIndexOf('\n', cursor - 1) + 1;
  let end = text.indexOf('\n', cursor);
  if (end < 0) end = text.length;
  return [start, end];
}

/** A declaration: `x: vector(n)`, `x, y: …`, or the sentence form `x is a vector`, `x and y are vectors`. */
export const DECLARATION_LINE = /^\s*[A-Za-z_]\w*(?:\s*(?:,|\band\b)\s*[A-Za-z_]\w*)*\s*(?::\s*[a-z]|\s(?:is|are)\s+(?:an?\s+)?(?:symmetric\s+)?(?:real\s+)?(?:scalar|vector|matri))/;

/** The line under the cursor, without a trailing comment; a declaration line is not an expression. */
function lineAt(window: TextWindow, comment: string | undefined): Extraction {
  const [start, lineEnd] = lineBounds(window.text, window.cursor);
  let end = lineEnd;
  if (comment) {
    const at = window.text.indexOf(comment, start);
    if (at >= 0 && at < end) end = at;
  }
  const line = window.text.slice(start, end);
  if (comment && DECLARATION_LINE.test(line)) {
    return { ok: false, reason: 'This line is a declaration; put the cursor on an expression.' };
  }
  const eq = lastTopLevelEquals(line, 0, line.length);
  const found = trimmed(window.text, eq >= 0 ? start + eq + 1 : start, end);
  return found ? { ok: true, found } : { ok: false, reason: 'There is no expression on this line.' };
}

function trimmed(text: string, start: number, end: number): FoundExpression | undefined {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return start < end ? { text: text.slice(start, end), start, end } : undefined;
}

// ------------------------------------------------------------------------------------ Python

/**
 * The logical Python statement under the cursor (continuation lines joined by open brackets or a
 * trailing backslash, bounded by the window), reduced to its expression: the right-hand side of an
 * assignment, the value of `return`/`yield`/`lambda …:`, without a trailing comment.
 */
function pythonStatementAt(window: TextWindow): Extraction {
  const { text } = window;
  let [start, end] = lineBounds(text, window.cursor);
  // Walk up while the candidate closes more brackets than it opens, or the previous line continues.
  for (let guard = 0; guard < 200 && start > 0; guard++) {
    const [prevStart] = lineBounds(text, start - 1);
    const prevLine = stripPythonComment(text.slice(prevStart, start - 1));
    if (bracketBalance(text.slice(start, end)) < 0 || /\\\s*$/.test(prevLine)) start = prevStart;
    else break;
  }
  // Walk down while brackets stay open or the line ends with a backslash.
  for (let guard = 0; guard < 200 && end < text.length; guard++) {
    const stmt = text.slice(start, end);
    const lastLine = stripPythonComment(stmt.slice(stmt.lastIndexOf('\n') + 1));
    if (bracketBalance(stmt) > 0 || /\\\s*$/.test(lastLine)) end = lineBounds(text, end + 1)[1];
    else break;
  }
  const found = pythonExpression(text, start, end);
  return found ? { ok: true, found } : { ok: false, reason: 'There is no expression in this statement.' };
}

function pythonExpression(text: string, start: number, end: number): FoundExpression | undefined {
  // drop a trailing comment (outside strings) on the last line
  const stmt = text.slice(start, end);
  const lastNl = stmt.lastIndexOf('\n');
  const lastLine = stmt.slice(lastNl + 1);
  end = start + lastNl + 1 + stripPythonComment(lastLine).length;
  const body = text.slice(start, end);
  if (/^\s*#/.test(body) && !body.includes('\n')) return undefined;
  const lead = /^\s*(?:return\b|yield\b|(?:[A-Za-z_][\w.]*\s*,\s*)*[A-Za-z_][\w.[\]'"]*\s*(?::[^=\n]+)?(?:[-+*/@%&|^]|\*\*|\/\/)?=(?!=)|lambda\b[^:]*:|def\s+\w+\s*\([^)]*\)\s*(?:->[^:]*)?:\s*return\b)/.exec(body);
  return trimmed(text, lead ? start + lead[0].length : start, end);
}

/** The line without a `#` comment; a `#` inside a string literal is kept. */
export function stripPythonComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

function bracketBalance(s: string): number {
  let depth = 0;
  for (const line of s.split('\n')) {
    for (const c of stripPythonComment(line)) {
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
    }
  }
  return depth;
}

export type { DocumentKind };
