/**
 * The LaTeX parser: tokens → the plain syntax tree (`../ast.ts`), so the plain shape checker,
 * defaults and messages serve LaTeX too. Spans are offsets in the LaTeX text.
 *
 * Grammar (tightest first):
 *   primary   names (`x`, `\mathbf{x}`, `\alpha`, `W_{1}`), numbers, `( )`, `[ ]`, `{ }`, `\{ \}`,
 *             `|…|`, `\|…\|`, `\langle a, b \rangle`, `\frac`, `\sqrt`, function applications,
 *             `\begin{bmatrix}…\end{bmatrix}`, `[a, b]` (a column, as in the plain syntax)
 *   postfix   `^{…}` (power, `\top`/`T`/`\mathsf{T}` transpose, `-1` inverse, `-\top`, `\circ k`
 *             element-wise power), `'` transpose
 *   unary     `-` `+`
 *   product   juxtaposition (`2x`, `Ax`, `\mathbf{w}^\top\mathbf{x}`), `\cdot`, `\times`, `*`, `\odot`,
 *             `\circ`, `\otimes`, `\oslash`, `/`; `\sum_i …` takes the rest of the product
 *   sum       `+ -`
 * A left-hand side `y =`, `f(x) =`, `f(\mathbf{x}) :=` is skipped. The recursion is guarded:
 * nesting deeper than MAX_DEPTH fails with `limit.depth`.
 *
 * Shape-dependent readings use the kind oracle (declarations, typography, letter conventions):
 * `\cdot` between two vectors is the dot product, `A^{-1}` of a matrix is inv(A), `|X|` of a matrix
 * is det(X).
 *
 * The parser is layered: `cursor.ts` (tokens, depth, scripts) → `delimited.ts` (brackets, norms,
 * matrices) → `variables.ts` (names, typography, constants) → this file (the grammar).
 */
import type { Span } from '../../api';
import type { AddOp, Ast, ChainLink, MulOp } from '../ast';
import { fail, positionText, SyntaxFailure } from '../diagnostics';
import { MAX_DEPTH, depthDiagnostic } from '../limits';
import { COMMAND_HINTS, FUNCTION_COMMANDS, GREEK_COMMANDS, PRODUCT_COMMANDS, ACCENTS, BOLD_COMMANDS, FONT_COMMANDS } from './commands';
import { describe, spanOfToken } from './cursor';
import { elementwiseKind, isArrayKind, isVectorKind, productKind, type Kind } from './kinds';
import {
  asAtom, asFactor, callNode, cover, nameNode, numberNode, parenNode, powerNode, productNode, spanOf, sumNode, transposeNode, unaryNode,
} from './nodes';
import type { LatexToken } from './scanner';
import { liftSummand } from './sums';
import type { PreparedTokens } from './tokens';
import type { Factor, FracParts, LatexParse, LatexParserOptions, SupArgument } from './types';
import { VariableParser } from './variables';

export { PLACEHOLDER, type NameStyle, type PlaceholderKind, type LatexParserOptions, type LatexParse } from './types';

export function parseLatexTokens(text: string, prepared: PreparedTokens, options: LatexParserOptions): LatexParse {
  return new LatexParser(text, prepared, options).parseAll();
}

class LatexParser extends VariableParser {
  parseAll(): LatexParse {
    const first = this.peek();
    if (first.kind === 'eof') fail('parse.empty', spanOf(first.start, first.start), 'the expression is empty');
    this.skipLeftSide();
    const ast = this.sum();
    const t = this.peek();
    if (t.kind !== 'eof') this.unexpected(t);
    return { ast, names: this.names, placeholders: this.placeholders };
  }


  /** Skip `y =`, `f(x) =`, `f(\mathbf{x}) :=`; a second top-level `=` is an error. */
  protected skipLeftSide(): void {
    let depth = 0;
    const equals: number[] = [];
    for (let i = 0; i < this.tokens.length - 1; i++) {
      const t = this.tokens[i];
      if (t.kind === 'char' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
      else if (t.kind === 'char' && (t.text === ')' || t.text === ']' || t.text === '}')) depth = Math.max(0, depth - 1);
      else if (depth === 0 && ((t.kind === 'char' && t.text === '=') || this.isCommand(t, 'coloneqq', 'triangleq', 'eqqcolon', 'defeq'))) equals.push(i);
    }
    if (equals.length === 0) return;
    if (equals.length > 1) {
      const second = this.tokens[equals[1]];
      fail('parse.extra-expression', spanOfToken(second), `only one expression is allowed: another '=' at ${positionText(this.text, second.start)}`);
    }
    const eq = equals[0];
    let lhsEnd = eq;
    if (lhsEnd > 0 && this.isChar(this.tokens[lhsEnd - 1], ':')) lhsEnd--;
    const lhs = this.tokens.slice(0, lhsEnd);
    const bad = lhs.find(
      (t) =>
        (t.kind === 'char' && '+-*/|<>&'.includes(t.text)) ||
        (t.kind === 'command' && (PRODUCT_COMMANDS[t.text] !== undefined || ['frac', 'dfrac', 'tfrac', 'sum', 'sqrt', '|'].includes(t.text))),
    );
    const eqToken = this.tokens[eq];
    if (lhs.length === 0 || bad) {
      const at = lhs.length > 0 ? spanOf(lhs[0].start, lhs[lhs.length - 1].end) : spanOfToken(eqToken);
      fail('parse.left-side', at, "the left-hand side of '=' must be a name or a function head such as f(\\mathbf{x})");
    }
    this.pos = eq + 1;
    if (this.peek().kind === 'eof') fail('parse.expected-expression', spanOfToken(eqToken), "expected an expression after '='");
  }


  protected sum(): Ast {
    const first = this.product();
    const rest: ChainLink<AddOp>[] = [];
    for (let t = this.peek(); this.isChar(t, '+') || this.isChar(t, '-'); t = this.peek()) {
      this.next();
      rest.push({ op: t.text as AddOp, opSpan: spanOfToken(t), operand: this.product() });
    }
    return sumNode(first, rest);
  }

  /** A product chain: explicit operators and juxtaposition. */
  /**
   * A product chain: explicit operators and juxtaposition. A leading sign applies to the whole
   * product, as in mathematics: -AB is (−1)·A·B (and -2A is (−2)·A), written back by the LaTeX
   * writer the same way.
   */
  protected product(): Ast {
    const sign = this.peek();
    const signed = this.isChar(sign, '-') || this.isChar(sign, '+');
    let f0: Factor;
    if (signed) {
      this.next();
      this.enter(sign);
      f0 = this.factor(true);
      this.leave();
    } else {
      f0 = this.factor(true);
    }
    let first = f0.chain ? f0.chain.first : f0.ast;
    let links: ChainLink<MulOp>[] = f0.chain ? [...f0.chain.rest] : [];
    const leadingSign = (): void => {
      if (!signed) return;
      const op = sign.text as AddOp;
      if (links.length === 0 || first.kind === 'number') {
        first = unaryNode(op, first, cover(spanOfToken(sign), first.span));
      } else if (op === '-') {
        links = [{ op: '*', opSpan: spanOfToken(sign), operand: first }, ...links];
        first = numberNode(-1, '-1', spanOfToken(sign));
      }
    };
    let acc = this.kindOfChain(first, links);
    const append = (op: MulOp, opSpan: Span, f: Factor): void => {
      if (f.chain && (op === '*')) {
        links.push({ op, opSpan, operand: f.chain.first }, ...f.chain.rest);
      } else {
        links.push({ op, opSpan, operand: op === '*' || op === '.*' ? f.ast : asFactor(f.ast) });
      }
    };
    const reset = (ast: Ast): void => {
      first = ast;
      links = [];
    };
    for (;;) {
      const t = this.peek();
      const explicit = this.productOperator(t);
      if (explicit) {
        this.next();
        const f = this.factor(true);
        const k = this.kinds.of(f.ast);
        const opSpan = spanOfToken(t);
        switch (explicit) {
          case 'dot':
            if (acc === 'column' && k === 'column') {
              reset(callNode('dot', [this.chainAst(first, links), f.ast], cover(first.span, f.ast.span), opSpan));
              acc = 'scalar';
              continue;
            }
            append('*', opSpan, f);
            acc = productKind(acc, k);
            continue;
          case 'times':
            append('*', opSpan, f);
            acc = productKind(acc, k);
            continue;
          case 'otimes':
            if (this.options.otimes === 'kronecker') {
              reset(callNode('kron', [this.chainAst(first, links), f.ast], cover(first.span, f.ast.span), opSpan));
              acc = 'matrix';
              continue;
            }
            append('.*', opSpan, f);
            acc = elementwiseKind(acc, k);
            continue;
          case 'hadamard':
            append('.*', opSpan, f);
            acc = elementwiseKind(acc, k);
            continue;
          case 'hadamardDivide':
            append('./', opSpan, f);
            acc = elementwiseKind(acc, k);
            continue;
          case 'divide':
            append(isArrayKind(k) ? './' : '/', opSpan, f);
            acc = isArrayKind(k) ? elementwiseKind(acc, k) : acc;
            continue;
        }
      }
      if (!this.startsFactor(t)) break;
      const f = this.factor(false);
      append('*', spanOf(t.start, t.start), f);
      acc = productKind(acc, this.kinds.of(f.ast));
    }
    leadingSign();
    return productNode(first, links);
  }

  protected chainAst(first: Ast, links: readonly ChainLink<MulOp>[]): Ast {
    return links.length === 0 ? first : parenNode(productNode(first, links));
  }

  protected kindOfChain(first: Ast, links: readonly ChainLink<MulOp>[]): Kind {
    return this.kinds.of(productNode(first, links));
  }

  protected productOperator(t: LatexToken): (typeof PRODUCT_COMMANDS)[string] | undefined {
    if (t.kind === 'command') return PRODUCT_COMMANDS[t.text];
    if (this.isChar(t, '*')) return 'times';
    if (this.isChar(t, '/')) return 'divide';
    return undefined;
  }

  /** Whether `t` can start a factor of an implicit product (juxtaposition). */
  protected startsFactor(t: LatexToken): boolean {
    switch (t.kind) {
      case 'letter':
      case 'number':
        return true;
      case 'char':
        if (t.text === '(' || t.text === '[' || t.text === '{') return true;
        if (t.text === '|') return !this.closes(t, '|');
        return false;
      case 'command':
        if (t.text === '|' || t.text === 'Vert') return !this.closes(t, '‖');
        if (t.text === 'vert') return !this.closes(t, '|');
        if (['rvert', 'rVert', 'rangle', '}', 'end', '\\', '&'].includes(t.text)) return false;
        return PRODUCT_COMMANDS[t.text] === undefined;
      case 'eof':
        return false;
    }
  }

  /** A function application starts here (the argument of a function without parentheses stops before it). */
  protected startsFunction(t: LatexToken): boolean {
    if (t.kind !== 'command') return false;
    if (FUNCTION_COMMANDS[t.text] !== undefined || t.text === 'operatorname' || t.text === 'sum') return true;
    return t.text === 'sigma' && !this.declared('sigma') && this.isChar(this.peek(1), '(');
  }

  /** One factor: a `\frac` (spliceable), a `\sum`, or a postfix expression, after optional signs. */
  protected factor(allowUnary: boolean): Factor {
    const t = this.peek();
    if (allowUnary && (this.isChar(t, '-') || this.isChar(t, '+'))) {
      this.next();
      this.enter(t);
      const inner = this.factor(true);
      this.leave();
      const arg = inner.ast;
      return { ast: unaryNode(t.text as AddOp, arg, cover(spanOfToken(t), arg.span)) };
    }
    if (this.isCommand(t, 'frac', 'dfrac', 'tfrac', 'cfrac')) {
      const parts = this.frac();
      const over = this.oneOver(parts);
      if (over !== undefined && this.isCommand(this.peek(), 'sum')) return { ast: this.sumOperator(over, parts) };
      const chain = this.fracChain(parts);
      const base = productNode(chain.first, chain.rest);
      const ast = this.postfix(base);
      return ast === base ? { ast, chain } : { ast };
    }
    if (this.isCommand(t, 'sum')) return { ast: this.sumOperator(undefined, undefined) };
    return { ast: this.postfix() };
  }


  protected postfix(given?: Ast): Ast {
    let base = given ?? this.primary();
    // Each postfix operator nests the tree one level: a chain of them counts against MAX_DEPTH.
    for (let links = 0; ; links++) {
      const t = this.peek();
      if (links > MAX_DEPTH) throw new SyntaxFailure(depthDiagnostic(t.start, t.end));
      if (this.isChar(t, '^')) {
        base = this.superscript(base);
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

  protected superscript(base: Ast): Ast {
    const caret = this.next();
    const sup = this.supArgument(caret);
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
  protected supArgument(caret: LatexToken): SupArgument {
    const t = this.peek();
    if (this.isChar(t, '{')) {
      const close = this.matchingBrace(this.pos);
      const inner = this.tokens.slice(this.pos + 1, close);
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
      this.next();
      const elementwise = this.isCommand(this.peek(), 'circ');
      if (elementwise) this.next();
      const exponent = this.withDelimiter('{', t, () => this.sum());
      const closeToken = this.expectChar('}', t, 'the superscript');
      return elementwise ? { kind: 'elementwise', exponent, end: closeToken.end } : { kind: 'power', exponent, end: closeToken.end };
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

  /** `(A\mathbf{x})_i` inside a sum over i: entry i of a vector. */
  protected entrySubscript(base: Ast): Ast {
    const underscore = this.next();
    const sub = this.scriptTokens(underscore);
    if (this.index !== undefined && sub.tokens.length === 1 && sub.tokens[0].kind === 'letter' && sub.tokens[0].text === this.index) {
      const node = parenNode(base, spanOf(base.span.start, sub.end));
      this.indexed.set(node, 'entry');
      this.kinds.set(node, 'scalar');
      return node;
    }
    return fail(
      'latex.unsupported',
      spanOf(base.span.start, sub.end),
      'a subscript on an expression (an entry) is supported only as the index of a sum, e.g. \\sum_i (A\\mathbf{x})_i',
    );
  }

  protected primary(): Ast {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        return this.numberPrimary();
      case 'letter':
        return this.letterPrimary();
      case 'command':
        return this.commandPrimary();
      case 'char':
        if (t.text === '(' || t.text === '[') return this.parenthesized();
        if (t.text === '{') return this.group();
        if (t.text === '|') return this.abs();
        return this.missingOperand(t);
      case 'eof':
        return this.missingOperand(t);
    }
  }

  protected numberPrimary(): Ast {
    const t = this.next();
    const value = Number(t.text);
    // The writer's scientific notation: 1.5 \times 10^{-7}.
    const times = this.peek();
    const ten = this.peek(1);
    if (this.isCommand(times, 'times') && ten.kind === 'number' && ten.text === '10' && this.isChar(this.peek(2), '^')) {
      const save = this.pos;
      this.pos += 3;
      const exponent = this.integerScript();
      if (exponent !== undefined) {
        const v = Number(`${t.text}e${exponent.value}`);
        return numberNode(v, `${t.text}e${exponent.value}`, spanOf(t.start, exponent.end));
      }
      this.pos = save;
    }
    if (!Number.isFinite(value)) fail('parse.number', spanOfToken(t), `the number ${t.text} is too large`);
    return numberNode(value, t.text, spanOfToken(t));
  }

  protected commandPrimary(): Ast {
    const t = this.peek();
    const name = t.text;
    if (GREEK_COMMANDS.has(name)) {
      this.next();
      if (name === 'sigma' && !this.declared('sigma') && this.isChar(this.peek(), '(')) return this.applyFunction('sigmoid', spanOfToken(t));
      return this.nameWithScripts(name, 'plain', t);
    }
    if (name === 'pi') {
      this.next();
      return numberNode(Math.PI, 'π', spanOfToken(t));
    }
    if (BOLD_COMMANDS.has(name)) return this.bold();
    if (FONT_COMMANDS.has(name)) return this.font();
    if (ACCENTS[name] !== undefined) return this.accent();
    if (name === 'log' && this.isCommand(this.peek(1), 'det')) {
      this.next();
      const det = this.next();
      return this.applyFunction('logdet', spanOf(t.start, det.end));
    }
    if (name === 'log' && this.isChar(this.peek(1), '|')) {
      // log|X| of a matrix is log det.
      this.next();
      const arg = this.abs();
      if (arg.kind === 'call' && arg.name === 'det') return callNode('logdet', arg.args, spanOf(t.start, arg.span.end), spanOfToken(t));
      return callNode('log', [arg], spanOf(t.start, arg.span.end), spanOfToken(t));
    }
    const fn = FUNCTION_COMMANDS[name];
    if (fn !== undefined) {
      this.next();
      return this.applyFunction(fn, spanOfToken(t));
    }
    switch (name) {
      case 'frac':
      case 'dfrac':
      case 'tfrac':
      case 'cfrac': {
        const c = this.fracChain(this.frac());
        return productNode(c.first, c.rest);
      }
      case 'sqrt':
        return this.sqrt();
      case 'sum':
        return this.sumOperator(undefined, undefined);
      case '|':
      case 'lVert':
      case 'Vert':
        return this.norm();
      case 'lvert':
      case 'vert':
        return this.abs();
      case 'langle':
        return this.angle();
      case '{':
        return this.braceGroup();
      case 'mathbb':
        return this.blackboard();
      case 'begin':
        return this.matrixEnvironment();
    }
    const hint = COMMAND_HINTS[name];
    if (hint !== undefined) fail('latex.unsupported', spanOfToken(t), `\\${name} is not supported: ${hint}`);
    if (['rvert', 'rVert', 'rangle', '}', 'end', '\\', 'right'].includes(name)) return this.missingOperand(t);
    return fail('latex.unknown-command', spanOfToken(t), `unknown LaTeX command \\${name}`);
  }

  protected sqrt(): Ast {
    const command = this.next();
    if (this.isChar(this.peek(), '[')) {
      const open = this.next();
      const index = this.peek();
      if (index.kind !== 'number' || index.text !== '2' || !this.isChar(this.peek(1), ']')) {
        fail('latex.unsupported', spanOf(command.start, index.end), 'only square roots are supported: \\sqrt{…}');
      }
      this.pos += 2;
      void open;
    }
    const arg = this.commandArgument(command);
    return callNode('sqrt', [arg], spanOf(command.start, this.previousEnd()), spanOfToken(command));
  }

  /** An argument of \frac or \sqrt: a group parsed as an expression, or one token. */
  protected commandArgument(command: LatexToken): Ast {
    const t = this.peek();
    if (this.isChar(t, '{')) {
      this.next();
      const inner = this.withDelimiter('{', t, () => this.sum());
      const close = this.expectChar('}', t, `the argument of \\${command.text}`);
      return parenNode(inner, spanOf(t.start, close.end));
    }
    if (t.kind === 'number') return this.digit();
    if (t.kind === 'letter' || t.kind === 'command') {
      this.enter(t);
      const r = this.primary();
      this.leave();
      return r;
    }
    return fail('parse.expected-expression', spanOfToken(command), `expected an argument after \\${command.text}`);
  }

  protected frac(): FracParts {
    const command = this.next();
    const numerator = this.commandArgument(command);
    const denominator = this.commandArgument(command);
    return { numerator, denominator, span: spanOf(command.start, denominator.span.end) };
  }

  /** 1/N in \frac{1}{N} (before a sum: the mean), else undefined. */
  protected oneOver(parts: FracParts): string | undefined {
    let n = parts.numerator;
    while (n.kind === 'paren') n = n.arg;
    let d = parts.denominator;
    while (d.kind === 'paren') d = d.arg;
    if (n.kind !== 'number' || n.value !== 1) return undefined;
    if (d.kind === 'name') return d.name;
    // A dimension name reads as its count: \frac{1}{N} with X: matrix(N, n).
    if (d.kind === 'call' && d.name === 'count' && d.args[0].kind === 'name') return d.args[0].name;
    return undefined;
  }

  /** a/b as a product chain a · b⁻¹ (element-wise when b is an array). */
  protected fracChain(parts: FracParts): { first: Ast; rest: ChainLink<MulOp>[] } {
    let num = parts.numerator;
    while (num.kind === 'paren') num = num.arg;
    let den = parts.denominator;
    while (den.kind === 'paren') den = den.arg;
    const arrayDivisor = isArrayKind(this.kinds.of(den));
    const opSpan = spanOf(parts.span.start, parts.span.start + 1);
    // A scalar denominator: each factor divides (1/(sa) is s⁻¹a⁻¹), and b^k (k a number) is b^(−k).
    const divisor = (d: Ast): ChainLink<MulOp> => {
      if (d.kind === 'power' && d.op === '^' && d.exponent.kind === 'number') {
        return { op: '*', opSpan, operand: powerNode('^', asAtom(d.base), unaryNode('-', d.exponent, d.exponent.span), d.opSpan, d.span) };
      }
      return { op: '/', opSpan, operand: asFactor(d) };
    };
    let links: ChainLink<MulOp>[];
    const factors = den.kind === 'product' && den.rest.every((l) => l.op === '*') ? [den.first, ...den.rest.map((l) => l.operand)] : [den];
    if (arrayDivisor) links = [{ op: './', opSpan, operand: asFactor(den) }];
    else if (factors.every((f) => this.kinds.of(f) === 'scalar')) links = factors.map(divisor);
    else links = [divisor(den)];
    // The numerator's factors join the product only when they are scalars: x'x/a in A…A stays one factor.
    const scalarFactors = num.kind === 'product' && [num.first, ...num.rest.map((l) => l.operand)].every((f) => this.kinds.of(f) === 'scalar');
    if (num.kind === 'product' && scalarFactors) return { first: num.first, rest: [...num.rest, ...links] };
    if (num.kind === 'product') return { first: parenNode(num, parts.numerator.span), rest: links };
    return { first: num.kind === 'sum' || num.kind === 'unary' ? parenNode(num, parts.numerator.span) : num, rest: links };
  }

  /** `\sum_{i=1}^{N} …`: the summand is the rest of the product; see `sums.ts`. */
  protected sumOperator(meanOver: string | undefined, frac: FracParts | undefined): Ast {
    const command = this.next();
    if (this.index !== undefined) fail('latex.sum', spanOfToken(command), 'nested sums are not supported');
    let lower: { tokens: LatexToken[]; end: number } | undefined;
    let upper: { tokens: LatexToken[]; end: number } | undefined;
    for (let k = 0; k < 2; k++) {
      const t = this.peek();
      if (this.isChar(t, '_') && !lower) lower = this.scriptTokens(this.next());
      else if (this.isChar(t, '^') && !upper) upper = this.scriptTokens(this.next());
    }
    const limitsEnd = Math.max(command.end, lower?.end ?? 0, upper?.end ?? 0);
    const limitsSpan = spanOf(command.start, limitsEnd);
    const indexToken = lower?.tokens[0];
    if (!lower || !indexToken || indexToken.kind !== 'letter' || (lower.tokens.length > 1 && !this.isChar(lower.tokens[1], '='))) {
      fail('latex.sum', limitsSpan, 'write the index of the sum, e.g. \\sum_i or \\sum_{i=1}^{N}');
    }
    const bound = upper && upper.tokens.length === 1 && (upper.tokens[0].kind === 'letter' || upper.tokens[0].kind === 'number') ? upper.tokens[0].text : undefined;
    if (this.peek().kind === 'eof' || !this.startsFactor(this.peek())) {
      fail('parse.expected-expression', limitsSpan, 'expected the summand after \\sum');
    }
    this.index = indexToken.text;
    this.enter(command);
    const summand = this.product();
    this.leave();
    this.index = undefined;
    const lifted = liftSummand(summand, { indexed: this.indexed, kinds: this.kinds, index: indexToken.text, span: limitsSpan });
    const mean = meanOver !== undefined && (bound === undefined || bound === meanOver);
    const start = mean && frac ? frac.span.start : command.start;
    const call = callNode(mean ? 'mean' : 'sum', [lifted], spanOf(start, summand.span.end), spanOf(start, limitsEnd));
    this.kinds.set(call, 'scalar');
    if (meanOver !== undefined && !mean && frac) {
      const c = this.fracChain(frac);
      return productNode(c.first, [...c.rest, { op: '*', opSpan: spanOfToken(command), operand: call }]);
    }
    return call;
  }


  /** A function application: `\exp(x)`, `\exp x`, `\sin^2 x`, `\max(0, u)`, `\det X`. */
  protected applyFunction(fn: string, nameSpan: Span): Ast {
    let power: Ast | undefined;
    if (this.isChar(this.peek(), '^')) {
      const caret = this.next();
      const sup = this.supArgument(caret);
      if (sup.kind !== 'power') fail('latex.unsupported', spanOf(nameSpan.start, sup.end), 'a superscript on a function name is supported only as a power, e.g. \\sin^2 x');
      power = sup.exponent;
    }
    if (this.isChar(this.peek(), '_')) {
      fail('latex.unsupported', spanOf(nameSpan.start, this.peek().end), 'a subscript on a function name (such as \\log_2) is not supported');
    }
    const t = this.peek();
    let args: Ast[];
    if (this.isChar(t, '(') || this.isChar(t, '[') || this.isCommand(t, '{')) {
      args = this.argumentList();
    } else if (fn === 'max' || fn === 'min' || fn === 'dot') {
      return fail('parse.expected-expression', nameSpan, `${fn} needs its arguments in parentheses, e.g. \\${fn}(0, u)`);
    } else if (!this.startsFactor(t) && !this.isChar(t, '-')) {
      return fail('parse.expected-expression', nameSpan, `expected the argument of ${fn}`);
    } else {
      args = [this.bareArgument()];
    }
    const span = spanOf(nameSpan.start, this.previousEnd());
    let call: Ast;
    if (fn === 'log' && args.length === 1 && args[0].kind === 'call' && args[0].name === 'det' && !this.isChar(t, '(')) {
      call = callNode('logdet', args[0].args, span, nameSpan);
    } else {
      call = callNode(fn, args, span, nameSpan);
    }
    return power ? powerNode('^', call, power, nameSpan, spanOf(nameSpan.start, span.end)) : call;
  }

  /** The argument of a function written without parentheses: `\det X`, `\log\sigma(z)`, `\operatorname{tr} A^\top B`. */
  protected bareArgument(): Ast {
    this.enter(this.peek());
    const f0 = this.factor(true);
    const first = f0.chain ? f0.chain.first : f0.ast;
    const links: ChainLink<MulOp>[] = f0.chain ? [...f0.chain.rest] : [];
    for (let t = this.peek(); this.startsFactor(t) && !this.startsFunction(t) && !this.isCommand(t, 'frac', 'dfrac', 'tfrac'); t = this.peek()) {
      const f = this.factor(false);
      if (f.chain) links.push({ op: '*', opSpan: spanOf(t.start, t.start), operand: f.chain.first }, ...f.chain.rest);
      else links.push({ op: '*', opSpan: spanOf(t.start, t.start), operand: f.ast });
    }
    this.leave();
    return productNode(first, links);
  }

}
