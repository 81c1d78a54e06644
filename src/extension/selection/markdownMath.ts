/**
 * Math in Markdown, found the way VS Code's own preview finds it: markdown-it with VS Code's KaTeX
 * plugin (@vscode/markdown-it-katex, which the built-in markdown-math extension uses), so code
 * spans, fenced and indented code, HTML blocks and prices ("$5 and $10") are never math, and the
 * `$…$` / `$$…$$` delimiters follow the preview's rules. markdown-it gives inline tokens no source
 * positions; the plugin's two inline rules are wrapped to record where each math token starts and
 * ends in its paragraph, and paragraphs are mapped back to the text through their lines. Only
 * parsing is used: the plugin's KaTeX rendering is never called (esbuild.js bundles a stub for it).
 * Pure: no `vscode` import.
 */
import MarkdownIt from 'markdown-it';
import katexPlugin from '@vscode/markdown-it-katex';
import type { MathSpan } from '../../shared/document/mathSpans';

type StateInline = InstanceType<MarkdownIt['inline']['State']>;
type InlineRule = (state: StateInline, silent: boolean) => boolean;
type Token = ReturnType<MarkdownIt['parse']>[number];

interface Located {
  readonly start: number;
  readonly end: number;
}

let parser: MarkdownIt | undefined;

function markdown(): MarkdownIt {
  if (parser) return parser;
  const md = new MarkdownIt({ html: true });
  md.use(katexPlugin);
  // Record each inline math token's source range (in its inline block's content).
  for (const name of ['math_inline', 'math_inline_block']) {
    const rules = (md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[] }).__rules__;
    const rule = rules.find((r) => r.name === name);
    if (!rule) continue;
    const original = rule.fn;
    md.inline.ruler.at(name, (state, silent) => {
      const start = state.pos;
      const count = state.tokens.length;
      const matched = original(state, silent);
      if (matched && !silent && state.tokens.length > count) {
        const token = state.tokens[state.tokens.length - 1];
        if (token.type === 'math_inline' || token.type === 'math_block') token.meta = { start, end: state.pos } satisfies Located;
      }
      return matched;
    });
  }
  parser = md;
  return md;
}

/** Offsets of the start of each line of `text`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Maps offsets in an inline token's content (its lines, each stripped of indentation and block
 * markers, the whole trimmed) back to offsets in `text`.
 */
function contentMapper(text: string, starts: readonly number[], token: Token, map: readonly [number, number] | undefined, searchFrom: Map<number, number>): ((offset: number) => number) | undefined {
  if (!map) return undefined;
  const lines = token.content.split('\n');
  const columns: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = map[0] + i;
    if (line >= starts.length) return undefined;
    const docLine = text.slice(starts[line], line + 1 < starts.length ? starts[line + 1] - 1 : text.length);
    const last = i === lines.length - 1;
    // A line that is not the last runs to the end of its source line; the last one was trimmed, and
    // may be one of several cells of a table row: look for it after what was found on that line.
    const k = last ? docLine.indexOf(lines[i], searchFrom.get(line) ?? 0) : docLine.length - lines[i].length;
    if (k < 0) return undefined;
    if (last) searchFrom.set(line, k + lines[i].length);
    columns.push(k);
  }
  const lineOfOffset: number[] = [];
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    lineOfOffset.push(at);
    at += lines[i].length + 1;
  }
  return (offset) => {
    let i = lineOfOffset.length - 1;
    while (i > 0 && lineOfOffset[i] > offset) i--;
    return starts[map[0] + i] + columns[i] + (offset - lineOfOffset[i]);
  };
}

/** A block `$$ … $$` (its lines in `map`): the delimiters found in the source lines. */
function blockSpan(text: string, starts: readonly number[], map: readonly [number, number]): MathSpan | undefined {
  const from = starts[map[0]];
  const to = map[1] < starts.length ? starts[map[1]] : text.length;
  const open = text.indexOf('$$', from);
  const close = text.lastIndexOf('$$', to);
  if (open < 0 || open >= to || close <= open + 1) return undefined;
  return { start: open, end: close + 2, bodyStart: open + 2, bodyEnd: close, display: true };
}

/** Every math span of a Markdown text, as VS Code's preview renders math. */
export function markdownMathSpans(text: string): MathSpan[] {
  // (Callers pass text with \n line ends, as the windows of selection/document.ts are.)
  const tokens = markdown().parse(text, {});
  const starts = lineStarts(text);
  const spans: MathSpan[] = [];
  const searchFrom = new Map<number, number>();
  // Table cells' inline tokens have no line map: they are on the line of their row (tr_open's map).
  let rowMap: [number, number] | undefined;
  for (const token of tokens) {
    if (token.type === 'tr_open') rowMap = token.map ?? undefined;
    if (token.type === 'math_block' && token.map) {
      const span = blockSpan(text, starts, token.map);
      if (span) spans.push(span);
      continue;
    }
    if (token.type !== 'inline' || !token.children) continue;
    const maths = token.children.filter((c) => (c.type === 'math_inline' || c.type === 'math_block') && c.meta);
    if (maths.length === 0) continue;
    const map = token.map ?? (rowMap && !token.content.includes('\n') ? rowMap : undefined);
    const toText = contentMapper(text, starts, token, map as [number, number] | undefined, searchFrom);
    if (!toText) continue;
    for (const m of maths) {
      const { start, end } = m.meta as Located;
      const d = m.markup.length;
      const s = toText(start);
      const e = toText(end - d) + d;
      spans.push({ start: s, end: e, bodyStart: s + d, bodyEnd: e - d, display: m.type === 'math_block' });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

let cached: { text: string; spans: MathSpan[] } | undefined;

/** The math span containing `offset` (delimiters included), if any; the last text's spans are cached. */
export function markdownMathSpanAt(text: string, offset: number): MathSpan | undefined {
  if (cached?.text !== text) cached = { text, spans: markdownMathSpans(text) };
  return cached.spans.find((s) => offset >= s.start && offset <= s.end);
}
