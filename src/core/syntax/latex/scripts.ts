/**
 * The LaTeX parser's scripts layer: postfix `^{…}` (power, transpose, inverse, inverse transpose,
 * element-wise power), `'` and entry subscripts `(…)_i`.
 */
import type { Ast } from '../ast';
import { indexLetters } from './indices';
import { fail, SyntaxFailure } from '../diagnostics';
import { MAX_DEPTH, depthDiagnostic } from '../limits';
import type { Deferred, Rule } from '../deferred';
import { GREEK_COMMANDS } from './commands';
import { describe, spanOfToken } from './cursor';
import { isVectorKind } from '../kinds';
import { asAtom, callNode, nameNode, numberNode, parenNode, powerNode, spanOf, transposeNode, unaryNode } from '../nodes';
import type { LatexToken } from './scanner';
import type { SupArgument } from './types';
import { VariableParser } from './variables';

export abstract class ScriptParser extends VariableParser {
  protected abstract primary(): Rule<Ast>;

  /**
   * A postfix expression: the primary (or `given`) and its postfix operators. A rule object, not a
   * generator, and no rule at all per operator: the operators are read in a loop (`postfixOn`),
   * which pauses only for a superscript group holding an expression (issue 13: three generators
   * per `^2` of ((…(x)^2…)^2) were a quarter of the reading's garbage).
   */
  protected postfix(given?: Ast): Rule<Ast> {
    return new Postfix(this, given);
  }

  /** One step of a `Postfix` rule: takes the result it waited for, returns the next rule to wait for or its value. */
  postfixStep(r: Postfix, input: unknown): IteratorResult<Rule<unknown>, Ast> {
    if (!r.started) {
      r.started = true;
      if (r.base === undefined) return { done: false, value: this.primary() };
      if (r.group !== undefined) return { done: false, value: this.sum() };
    } else if (r.base === undefined) {
      r.base = input as Ast;
    } else if (r.group !== undefined) {
      r.base = this.applySuperscript(r.base, r.caret as LatexToken, this.supEnd(r.group, input as Ast));
      r.group = undefined;
      r.links++;
    }
    const paused = this.postfixOn(r.base, r.links);
    if (paused instanceof Postfix) {
      r.base = paused.base;
      r.links = paused.links;
      r.caret = paused.caret;
      r.group = paused.group;
      return { done: false, value: this.sum() };
    }
    return { done: true, value: paused };
  }

  /**
   * The postfix operators after `base` (the `links`-th of its chain comes next): the expression
   * they make, or, when a superscript group's expression must be read, a `Postfix` rule paused
   * there (its group entered), whose next step receives that expression.
   */
  protected postfixOn(base: Ast, links: number): Ast | Postfix {
    // Each postfix operator nests the tree one level: a chain of them counts against MAX_DEPTH.
    for (; ; links++) {
      const t = this.peek();
      if (links >= MAX_DEPTH && (this.isChar(t, '^') || this.isChar(t, "'") || this.isChar(t, '_'))) throw new SyntaxFailure(depthDiagnostic(t.start, t.end));
      if (this.isChar(t, '^')) {
        const caret = this.next();
        const sup = this.supStart(caret);
        if (sup.kind === 'group') return new Postfix(this, base, links, caret, sup);
        base = this.applySuperscript(base, caret, sup);
      } else if (this.isChar(t, "'")) {
        this.next();
        base = transposeNode(asAtom(base), spanOf(base.span.start, t.end));
      } else if (this.isChar(t, '_')) {
        base = this.entrySubscript(base);
      } else {
        return base;
      }
    }
  }

  /** `base` with the superscript `sup` after `caret`. */
  private applySuperscript(base: Ast, caret: LatexToken, sup: SupArgument): Ast {
    const span = spanOf(base.span.start, sup.end);
    const k = this.kinds.of(base);
    switch (sup.kind) {
      case 'transpose':
        return transposeNode(asAtom(base), span);
      case 'inverse':
        if (k === 'matrix') return callNode('inv', [base], span, spanOfToken(caret));
        if (isVectorKind(k)) fail('latex.unsupported', span, 'a vector has no inverse');
        return powerNode('^', asAtom(base), unaryNode('-', numberNode(1, '1', spanOf(caret.end, sup.end)), spanOf(caret.end, sup.end)), spanOfToken(caret), span);
      case 'inverseTranspose':
        if (isVectorKind(k) || k === 'scalar') fail('latex.unsupported', span, 'the inverse transpose needs a square matrix');
        return transposeNode(callNode('inv', [base], span, spanOfToken(caret)), span);
      case 'elementwise':
        return powerNode('.^', asAtom(base), sup.exponent, spanOfToken(caret), span);
      case 'power':
        if (isVectorKind(k)) {
          fail(
            'latex.vector-power',
            span,
            'a power of a vector is ambiguous: write \\|\\mathbf{x}\\|^2 for the squared norm, \\mathbf{x}^\\top\\mathbf{x}, or \\mathbf{x}^{\\circ 2} for the element-wise square',
          );
        }
        return powerNode('^', asAtom(base), sup.exponent, spanOfToken(caret), span);
    }
  }

  /** The argument of `^`: a group `{…}` or one token (one digit of a number, as TeX reads x^23). */
  protected *supArgument(caret: LatexToken): Deferred<SupArgument> {
    const sup = this.supStart(caret);
    return sup.kind === 'group' ? this.supEnd(sup, (yield this.sum()) as Ast) : sup;
  }

  /**
   * The argument of `^` as far as it is read without a nested rule: a mark, a digit, a letter —
   * or a group `{…}` holding an expression, entered (its `{` and `\circ` read), which `supEnd`
   * finishes once the expression is read.
   */
  private supStart(caret: LatexToken): SupArgument | SupGroup {
    const t = this.peek();
    if (this.isChar(t, '{')) {
      const close = this.matchingBrace(this.pos);
      // Only a group of at most five tokens can be a mark (\top, -1, -\mathsf{T}): larger ones are not copied.
      const inner = close - this.pos - 1 <= 5 ? this.tokens.slice(this.pos + 1, close) : [];
      const end = this.tokens[close]?.end ?? t.end;
      if (this.isTransposeMark(inner)) {
        this.pos = close + 1;
        return { kind: 'transpose', end };
      }
      if (inner.length === 2 && this.isChar(inner[0], '-') && inner[1].kind === 'number' && inner[1].text === '1') {
        this.pos = close + 1;
        return { kind: 'inverse', end };
      }
      if (inner.length >= 2 && this.isChar(inner[0], '-') && this.isTransposeMark(inner.slice(1))) {
        this.pos = close + 1;
        return { kind: 'inverseTranspose', end };
      }
      if (this.isBracketedIndex(inner)) {
        const index = inner.map((k) => k.text).join('');
        fail('latex.unsupported', spanOf(caret.start, end), `a superscript in brackets, ^{${index}}, is an index (a layer or a sample), not a power: write it as a subscript, _{${inner[1].text}}, for a name of its own, or ^{${inner[1].text}} for a power`);
      }
      this.next();
      const elementwise = this.isCommand(this.peek(), 'circ');
      if (elementwise) this.next();
      this.enterDelimiter('{', t);
      return { kind: 'group', open: t, elementwise };
    }
    if (this.isCommand(t, 'top', 'intercal', 'prime') || this.isChar(t, "'") || (t.kind === 'letter' && t.text === 'T')) {
      this.next();
      return { kind: 'transpose', end: t.end };
    }
    if (this.isCommand(t, 'mathsf', 'mathrm', 'text', 'textsf', 'mathit')) {
      const after = this.peek(1);
      if (after.kind === 'letter' && after.text === 'T') {
        this.pos += 2;
        return { kind: 'transpose', end: after.end };
      }
      if (this.isChar(after, '{')) {
        const close = this.matchingBrace(this.pos + 1);
        const inner = this.tokens.slice(this.pos + 2, close);
        if (inner.length === 1 && inner[0].kind === 'letter' && inner[0].text === 'T') {
          const end = this.tokens[close].end;
          this.pos = close + 1;
          return { kind: 'transpose', end };
        }
      }
    }
    if (this.isChar(t, '-') && this.peek(1).kind === 'number') {
      // x^-1 (not TeX, but common): a sign and one digit.
      this.next();
      const digit = this.digit();
      if (digit.value === 1) return { kind: 'inverse', end: digit.span.end };
      return { kind: 'power', exponent: unaryNode('-', digit, spanOf(t.start, digit.span.end)), end: digit.span.end };
    }
    if (t.kind === 'number') {
      const digit = this.digit();
      return { kind: 'power', exponent: digit, end: digit.span.end };
    }
    if (t.kind === 'letter' || (t.kind === 'command' && GREEK_COMMANDS.has(t.text))) {
      this.next();
      const name = t.text;
      this.use(name, 'plain', spanOfToken(t));
      return { kind: 'power', exponent: nameNode(name, spanOfToken(t)), end: t.end };
    }
    if (t.kind === 'eof') fail('parse.expected-expression', spanOfToken(caret), "expected a superscript after '^'");
    return fail('parse.unexpected-token', spanOfToken(t), `unexpected ${describe(t)} after '^': write the superscript in braces, e.g. x^{2}`);
  }

  /** The superscript group `g` closed after its expression `exponent`. */
  private supEnd(g: SupGroup, exponent: Ast): SupArgument {
    this.leaveDelimiter();
    const closeToken = this.expectChar('}', g.open, 'the superscript');
    return g.elementwise ? { kind: 'elementwise', exponent, end: closeToken.end } : { kind: 'power', exponent, end: closeToken.end };
  }

  /** `(1)`, `(i)`, `[2]`: the superscript index of ML notes (W^{(1)} the first layer's weights, x^{(i)} the i-th sample). */
  private isBracketedIndex(inner: readonly LatexToken[]): boolean {
    if (inner.length !== 3 || !(inner[1].kind === 'number' || inner[1].kind === 'letter')) return false;
    return (this.isChar(inner[0], '(') && this.isChar(inner[2], ')')) || (this.isChar(inner[0], '[') && this.isChar(inner[2], ']'));
  }

  protected isTransposeMark(inner: readonly LatexToken[]): boolean {
    if (inner.length === 1) {
      const t = inner[0];
      return (t.kind === 'letter' && t.text === 'T') || this.isCommand(t, 'top', 'intercal', 'prime') || this.isChar(t, "'");
    }
    if (inner.length === 2) return this.isCommand(inner[0], 'mathsf', 'mathrm', 'text', 'textsf', 'mathit') && inner[1].kind === 'letter' && inner[1].text === 'T';
    if (inner.length === 4) {
      return (
        this.isCommand(inner[0], 'mathsf', 'mathrm', 'text', 'textsf', 'mathit') &&
        this.isChar(inner[1], '{') &&
        inner[2].kind === 'letter' &&
        inner[2].text === 'T' &&
        this.isChar(inner[3], '}')
      );
    }
    return false;
  }

  /**
   * `(A\mathbf{x})_{1}`: a numbered component of an array; `(A\mathbf{x})_i` inside a sum over i: entry i of a vector; in index notation (a letter bound
   * by a sum or on the left side, or the Einstein convention) `(AB)_{ik}`, an entry of the array.
   */
  protected entrySubscript(base: Ast): Ast {
    const underscore = this.next();
    const sub = this.scriptTokens(underscore);
    const span = spanOf(base.span.start, sub.end);
    if (this.index !== undefined && sub.tokens.length === 1 && sub.tokens[0].kind === 'letter' && sub.tokens[0].text === this.index) {
      const node = parenNode(base, span);
      this.indexed.set(node, 'entry');
      this.kinds.set(node, 'scalar');
      this.components.set(node, { letters: this.index, spans: [spanOfToken(sub.tokens[0])], operand: base });
      return node;
    }
    // A numbered component of an array expression, as the writers print an entry: (Ax)_{1}, (AB)_{12}.
    const text = sub.tokens.map((t) => t.text).join('').replace(/\s+/g, '');
    const k = this.kinds.of(base);
    if (/^\d+(,\d+)?$/.test(text) && (k === 'column' || k === 'row' || k === 'matrix')) return this.numberedEntry(base, k, text, '(…)', span);
    const ix = indexLetters(sub.tokens);
    if (ix && (this.options.einstein === true || [...ix.letters].some((c) => this.bound.includes(c) || (this.lhsIndices?.letters.includes(c) ?? false)))) {
      const node = parenNode(base, span);
      this.kinds.set(node, 'scalar');
      this.components.set(node, { ...ix, operand: base, span });
      return node;
    }
    return fail(
      'latex.unsupported',
      span,
      'a subscript on an expression (an entry) is supported only in index notation: as the index of a sum, e.g. \\sum_i (A\\mathbf{x})_i, or with the Einstein convention declared ("% convention: einstein")',
    );
  }
}

/** A superscript group `{…}` entered, its expression still to read (`ScriptParser.supStart`). */
interface SupGroup {
  readonly kind: 'group';
  readonly open: LatexToken;
  readonly elementwise: boolean;
}

/**
 * A postfix expression as a rule (see `ScriptParser.postfix`): its first step asks for its primary
 * (without a `base`) or for the expression of the superscript group `group` after `caret` (paused
 * there by `postfixOn`); later steps receive them.
 */
export class Postfix implements Rule<Ast> {
  started = false;

  constructor(
    private readonly parser: ScriptParser,
    public base: Ast | undefined,
    public links = 0,
    public caret?: LatexToken,
    public group?: SupGroup,
  ) {}

  next(input: unknown): IteratorResult<Rule<unknown>, Ast> {
    return this.parser.postfixStep(this, input);
  }
}
