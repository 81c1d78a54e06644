/**
 * The token cursor of the LaTeX parser: looking at and consuming tokens, expecting closers, the
 * depth guard (MAX_DEPTH, then `limit.depth`), the stack of open delimiters, and the token-level
 * reading of command arguments and scripts (`{…}` or one token; one digit of a number, as TeX
 * reads x^23), with the errors for tokens no rule accepts.
 */
import type { Span } from '../../api';
import { fail, positionText, SyntaxFailure } from '../diagnostics';
import { MAX_DEPTH, depthDiagnostic } from '../limits';
import { numberNode, spanOf } from '../nodes';
import type { LatexToken } from './scanner';
import type { PreparedTokens } from './tokens';
import type { Delimiter, NumberAst } from './types';

const DELIMITERS: readonly Delimiter[] = ['(', '[', '{', '\\{', '|', '‖', '<'];

export const describe = (t: LatexToken): string =>
  t.kind === 'eof' ? 'the end of the input' : t.kind === 'command' ? `'\\${t.text}'` : `'${t.text}'`;

export const spanOfToken = (t: LatexToken): Span => ({ start: t.start, end: t.end });

export abstract class LatexCursor {
  protected tokens: readonly LatexToken[];
  /** Whether `tokens` is this parse's own copy (made when digit() first splits a number token). */
  private ownTokens = false;
  protected pos = 0;
  private nesting = 0;
  /**
   * The open delimiters, innermost last, as their indices in DELIMITERS (`openDelimiters` of them):
   * an array of strings grown to 20,000 entries was reallocated as large objects (issue 13).
   */
  private delimiters = new Uint8Array(64);
  private openDelimiters = 0;
  /**
   * The index of the `}` closing each `{`, at the index of the `{` (`matchingBrace`; 0 where there
   * is none). Typed arrays, not a Map and a stack array: those, grown for 45,000 braces, were ten
   * large objects (issue 13).
   */
  private braces: Int32Array | undefined;

  constructor(
    protected readonly text: string,
    protected readonly prepared: PreparedTokens,
  ) {
    // Shared until digit() splits a number token: then a copy, so that each parse starts afresh
    // (copying 60,000 tokens per parse was a tenth of a long input's reading time).
    this.tokens = prepared.tokens;
  }

  protected peek(offset = 0): LatexToken {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  protected next(): LatexToken {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  protected previousEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1].end : this.peek().start;
  }

  protected isChar(t: LatexToken, c: string): boolean {
    return t.kind === 'char' && t.text === c;
  }

  /** Whether `t` is one of the commands named (up to five: a rest parameter made an array per call, per token of a long input). */
  protected isCommand(t: LatexToken, a: string, b?: string, c?: string, d?: string, e?: string): boolean {
    if (t.kind !== 'command') return false;
    const x = t.text;
    return x === a || x === b || x === c || x === d || x === e;
  }

  protected expectChar(c: string, open: LatexToken | undefined, what: string): LatexToken {
    const t = this.peek();
    if (this.isChar(t, c)) return this.next();
    const where = open ? ` to close ${describe(open)} at ${positionText(this.text, open.start)}` : '';
    if (t.kind === 'eof') fail('parse.unclosed', spanOf(this.previousEnd(), this.previousEnd()), `expected '${c}'${where} (${what})`);
    return fail('parse.unclosed', spanOfToken(t), `expected '${c}'${where} (${what}), found ${describe(t)}`);
  }

  protected expectCommand(names: readonly string[], open: LatexToken, shown: string): LatexToken {
    const t = this.peek();
    if (t.kind === 'command' && names.includes(t.text)) return this.next();
    const message = `expected ${shown} to close ${describe(open)} at ${positionText(this.text, open.start)}`;
    if (t.kind === 'eof') fail('parse.unclosed', spanOf(this.previousEnd(), this.previousEnd()), message);
    return fail('parse.unclosed', spanOfToken(t), `${message}, found ${describe(t)}`);
  }


  protected enter(at: LatexToken | Span): void {
    if (++this.nesting > MAX_DEPTH) throw new SyntaxFailure(depthDiagnostic(at.start, at.end));
  }

  protected leave(): void {
    this.nesting--;
  }

  /** Open the delimiter `d` at `at` (a nesting level); `leaveDelimiter` closes it. */
  protected enterDelimiter(d: Delimiter, at: LatexToken): void {
    this.enter(at);
    if (this.openDelimiters === this.delimiters.length) {
      const more = new Uint8Array(2 * this.delimiters.length);
      more.set(this.delimiters);
      this.delimiters = more;
    }
    this.delimiters[this.openDelimiters++] = DELIMITERS.indexOf(d);
  }

  protected leaveDelimiter(): void {
    this.openDelimiters--;
    this.leave();
  }


  /** Whether a `|` (or `‖`) token closes the innermost open one. */
  protected closes(t: LatexToken, d: '|' | '‖'): boolean {
    if (this.prepared.closes.has(t)) return true;
    if (this.prepared.opens.has(t)) return false;
    return this.openDelimiters > 0 && DELIMITERS[this.delimiters[this.openDelimiters - 1]] === d;
  }

  /** The index of the `}` matching the `{` at index `open` (or the eof index). */
  protected matchingBrace(open: number): number {
    if (!this.isChar(this.tokens[open], '{')) return this.tokens.length - 1;
    // Matched once for all groups (a scan per group was quadratic in x^{x^{…}}).
    if (this.braces === undefined) {
      const n = this.tokens.length;
      this.braces = new Int32Array(n);
      const opens = new Int32Array(n);
      let depth = 0;
      for (let i = 0; i < n - 1; i++) {
        const t = this.tokens[i];
        if (this.isChar(t, '{')) opens[depth++] = i;
        else if (this.isChar(t, '}') && depth > 0) this.braces[opens[--depth]] = i;
      }
    }
    return this.braces[open] || this.tokens.length - 1;
  }

  /** The first digit of the number token here (the rest stays as a number token). */
  protected digit(): NumberAst {
    const t = this.peek();
    if (t.text.length === 1 || t.text[1] === '.' || t.text[0] === '.') {
      // a single digit, or "2.5" and ".5" read whole (TeX would take only "2" or ".", but 2.5 and
      // 0.5 as exponents are meant; a lone "." is no number)
      this.next();
      return numberNode(Number(t.text), t.text, spanOfToken(t)) as NumberAst;
    }
    const rest: LatexToken = { kind: 'number', text: t.text.slice(1), start: t.start + 1, end: t.end, space: false };
    const own = this.ownTokens ? (this.tokens as LatexToken[]) : [...this.tokens];
    own[this.pos] = rest;
    this.tokens = own;
    this.ownTokens = true;
    return numberNode(Number(t.text[0]), t.text[0], spanOf(t.start, t.start + 1)) as NumberAst;
  }

  /** The content of the `{…}` group opening at `open` (the current token); moves past its `}`. */
  private groupTokens(open: LatexToken): { tokens: LatexToken[]; end: number } {
    const close = this.matchingBrace(this.pos);
    if (close >= this.tokens.length - 1) fail('parse.unclosed', spanOfToken(open), `expected '}' to close '{' at ${positionText(this.text, open.start)}`);
    const tokens = this.tokens.slice(this.pos + 1, close);
    const end = this.tokens[close].end;
    this.pos = close + 1;
    return { tokens, end };
  }

  /** The tokens of a sub- or superscript: a group's content or one token. */
  protected scriptTokens(at: LatexToken): { tokens: LatexToken[]; end: number } {
    const t = this.peek();
    if (this.isChar(t, '{')) return this.groupTokens(t);
    if (t.kind === 'eof') fail('parse.expected-expression', spanOfToken(at), `expected a subscript after '${at.text}'`);
    if (t.kind === 'number' && t.text.length > 1) {
      const d = this.digit();
      return { tokens: [{ kind: 'number', text: d.text, start: d.span.start, end: d.span.end, space: false }], end: d.span.end };
    }
    this.next();
    if (t.kind === 'command' && ['mathrm', 'text', 'mathit', 'textrm', 'mathsf', 'mathbf'].includes(t.text) && this.isChar(this.peek(), '{')) {
      const inner = this.scriptTokens(t);
      return { tokens: [t, ...inner.tokens], end: inner.end };
    }
    return { tokens: [t], end: t.end };
  }


  /** The content of a command argument: the tokens of `{…}` or the one token after the command. */
  protected argumentTokens(command: LatexToken): { tokens: LatexToken[]; end: number } {
    const t = this.peek();
    if (this.isChar(t, '{')) return this.groupTokens(t);
    if (t.kind === 'eof') fail('parse.expected-expression', spanOfToken(command), `expected an argument after \\${command.text}`);
    if (t.kind === 'number' && t.text.length > 1) {
      const d = this.digit();
      return { tokens: [{ kind: 'number', text: d.text, start: d.span.start, end: d.span.end, space: false }], end: d.span.end };
    }
    this.next();
    return { tokens: [t], end: t.end };
  }

  /** A signed integer superscript `{-7}` or `3`, or undefined (position unchanged then). */
  protected integerScript(): { value: number; end: number } | undefined {
    const t = this.peek();
    if (t.kind === 'number' && /^\d$/.test(t.text)) {
      this.next();
      return { value: Number(t.text), end: t.end };
    }
    if (!this.isChar(t, '{')) return undefined;
    const close = this.matchingBrace(this.pos);
    const inner = this.tokens.slice(this.pos + 1, close);
    const text = inner.map((x) => x.text).join('');
    if (!/^[-+]?\d+$/.test(text) || inner.some((x) => x.kind !== 'number' && !this.isChar(x, '-') && !this.isChar(x, '+'))) return undefined;
    const end = this.tokens[close].end;
    this.pos = close + 1;
    return { value: Number(text), end };
  }

  protected missingOperand(t: LatexToken): never {
    if (t.kind === 'eof') {
      const prev = this.pos > 0 ? this.tokens[this.pos - 1] : undefined;
      if (prev) fail('parse.expected-expression', spanOfToken(prev), `expected an expression after ${describe(prev)}`);
      fail('parse.empty', spanOf(t.start, t.start), 'the expression is empty');
    }
    if ((this.isChar(t, ')') || this.isChar(t, ']') || this.isChar(t, '}')) && this.openDelimiters === 0) {
      fail('parse.unmatched', spanOfToken(t), `unmatched '${t.text}'`);
    }
    if (this.isChar(t, '&') || this.isCommand(t, '\\')) {
      fail('parse.unexpected-token', spanOfToken(t), `unexpected ${describe(t)}: alignment and line breaks belong in a matrix environment`);
    }
    if (t.kind === 'char' && t.text > '\u007f') {
      fail('parse.unexpected-token', spanOfToken(t), `unexpected ${describe(t)}: Unicode math is not LaTeX — write it as LaTeX (x^{\\top}, \\odot, \\lVert x \\rVert, \\sqrt{x}) or read the text as Unicode`);
    }
    return fail('parse.unexpected-token', spanOfToken(t), `unexpected ${describe(t)}`);
  }

  protected unexpected(t: LatexToken): never {
    if (this.isChar(t, ')') || this.isChar(t, ']') || this.isChar(t, '}')) fail('parse.unmatched', spanOfToken(t), `unmatched '${t.text}'`);
    if (this.isCommand(t, '}')) fail('parse.unmatched', spanOfToken(t), "unmatched '\\}'");
    if (this.isChar(t, '<') || this.isChar(t, '>')) fail('latex.unsupported', spanOfToken(t), 'relations are not expressions');
    if (this.isChar(t, ',')) fail('parse.unexpected-token', spanOfToken(t), "unexpected ',': select one expression");
    return this.missingOperand(t);
  }
}
