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
 * A left-hand side `y =`, `f(x) =`, `f(\mathbf{x}) :=` is skipped. Each rule that may need a nested
 * rule is a generator run by `runDeferred` (`../deferred.ts`), so nesting uses the heap, not the
 * JavaScript stack; nesting deeper than MAX_DEPTH fails with `limit.depth` at the first token past it.
 *
 * Shape-dependent readings use the kind oracle (declarations, typography, letter conventions):
 * `\cdot` between two vectors is the dot product, `A^{-1}` of a matrix is inv(A), `|X|` of a matrix
 * is det(X).
 *
 * The parser is layered: `cursor.ts` (tokens, depth, scripts) → `delimited.ts` (brackets, norms,
 * matrices) → `variables.ts` (names, typography, constants) → `scripts.ts` (superscripts,
 * transposes) → `primaries.ts` (numbers, commands, fractions, sums, functions) → this file (the
 * products and sums of the grammar).
 */
import type { Span } from '../../api';
import type { AddOp, Ast, ChainLink, MulOp } from '../ast';
import { fail, positionText, SyntaxFailure } from '../diagnostics';
import { LEIBNIZ, refuseTrailingDifferential, slashLeibnizEnd } from './differentials';
import { runDeferred, Settled, then, type Deferred, type Rule } from '../deferred';
import { MAX_DEPTH, depthDiagnostic } from '../limits';
import { nodeDeeperThan } from '../ast';
import { FUNCTION_COMMANDS, PRODUCT_COMMANDS } from './commands';
import { spanOfToken } from './cursor';
import { elementwiseKind, isArrayKind, productKind, type Kind } from '../kinds';
import { asFactor, callNode, cover, numberNode, parenNode, productNode, spanOf, sumNode, unaryNode } from '../nodes';
import type { LatexToken } from './scanner';
import type { PreparedTokens } from './tokens';
import { checkRepeatedSubscripts, indexLetters, resolveIndexNotation, type IndexLetters } from './indices';
import type { Factor, LatexParse, LatexParserOptions } from './types';
import { PrimaryParser } from './primaries';
import { Postfix } from './scripts';

export { type NameStyle, type LatexParserOptions, type LatexParse } from './types';

/** Append a factor to a product chain (a spliced `\frac` chain joins the chain when multiplied). */
function appendFactor(links: ChainLink<MulOp>[], op: MulOp, opSpan: Span, f: Factor): void {
  if (f.chain && op === '*') {
    links.push({ op, opSpan, operand: f.chain.first }, ...f.chain.rest);
  } else {
    links.push({ op, opSpan, operand: op === '*' || op === '.*' ? f.ast : asFactor(f.ast) });
  }
}

export function parseLatexTokens(text: string, prepared: PreparedTokens, options: LatexParserOptions): LatexParse {
  return new LatexParser(text, prepared, options).parseAll();
}

class LatexParser extends PrimaryParser {
  parseAll(): LatexParse {
    const first = this.peek();
    if (first.kind === 'eof') fail('parse.empty', spanOf(first.start, first.start), 'the expression is empty');
    const head = this.options.leftSide !== false ? this.skipLeftSide() : undefined;
    this.refuseDifferentials();
    let ast = runDeferred(this.sum());
    const t = this.peek();
    if (t.kind !== 'eof') this.unexpected(t);
    if (this.options.namesOnly === true) return { ast, names: this.names, placeholders: this.placeholders };
    const name = head === undefined ? undefined : this.headName(head);
    // The guard bounds nesting; postfix chains are built in a loop, so the tree's depth is checked once more.
    const deep = nodeDeeperThan(ast, MAX_DEPTH);
    if (deep) throw new SyntaxFailure(depthDiagnostic(deep.span.start, deep.span.end));
    checkRepeatedSubscripts(ast, this.subscripted);
    if (this.components.size > 0 || this.indexSums.size > 0) {
      ast = resolveIndexNotation(ast, {
        components: this.components,
        sums: this.indexSums,
        einstein: this.options.einstein === true,
        free: this.lhsIndices,
        kinds: this.kinds,
        identity: (span) => this.placeholder('identity', span),
      });
    }
    return name === undefined ? { ast, names: this.names, placeholders: this.placeholders } : { ast, names: this.names, placeholders: this.placeholders, name };
  }

  /**
   * The name a left side's head gives the function (`L`, `\mathcal{L}` of `\mathcal{L}(\theta)`, `y` of
   * `y_{ik}` in index notation), read as the expression reads a name; undefined where the head is not
   * one name (`(AB)_{ik}`, a function such as `\sigma`, the identity I): the left side then only names
   * nothing, as before.
   */
  private headName(head: readonly LatexToken[]): string | undefined {
    if (head.length === 0) return undefined;
    const eof = this.tokens[this.tokens.length - 1];
    const prepared = { ...this.prepared, tokens: [...head, eof] };
    try {
      const parsed = new LatexParser(this.text, prepared, { ...this.options, names: new Map(), sizes: new Set(), leftSide: false }).parseAll();
      return parsed.ast.kind === 'name' && parsed.placeholders.size === 0 ? parsed.ast.name : undefined;
    } catch (e) {
      if (e instanceof SyntaxFailure) return undefined;
      throw e;
    }
  }


  /**
   * d/dx, dy/dx: a derivative in Leibniz's notation, not (d·y/d)·x; a trailing `dx` set apart, as
   * after an integrand, not the product d·x — unless d is declared (differentials.ts).
   */
  private refuseDifferentials(): void {
    if (this.declared('d')) return;
    if (this.options.trailingDifferentials !== false) refuseTrailingDifferential(this.tokens, this.prepared.afterSpacing);
    for (let i = 0; i < this.tokens.length; i++) {
      const end = slashLeibnizEnd(this.tokens, i);
      if (end > 0) fail('latex.unsupported', spanOf(this.tokens[i].start, this.tokens[end - 1].end), `d/dx is ${LEIBNIZ}`);
    }
  }

  /**
   * Skip `y =`, `f(x) =`, `f(\mathbf{x}) :=`; a second top-level `=` is an error. Returns the left
   * side's head, the tokens that may name the function (`f` of `f(x)`, `y` of `y_{ik}`), if there is a left side.
   */
  protected skipLeftSide(): LatexToken[] | undefined {
    let depth = 0;
    const equals: number[] = [];
    for (let i = 0; i < this.tokens.length - 1; i++) {
      const t = this.tokens[i];
      if (t.kind === 'char' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
      else if (t.kind === 'char' && (t.text === ')' || t.text === ']' || t.text === '}')) depth = Math.max(0, depth - 1);
      else if (depth === 0 && ((t.kind === 'char' && t.text === '=') || this.isCommand(t, 'coloneqq', 'triangleq', 'eqqcolon', 'defeq'))) equals.push(i);
    }
    if (equals.length === 0) return undefined;
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
    this.lhsIndices = this.leftSideIndices(lhs);
    this.pos = eq + 1;
    if (this.peek().kind === 'eof') fail('parse.expected-expression', spanOfToken(eqToken), "expected an expression after '='");
    // The head: before a function's arguments `f(…)`, and without the index letters of `y_{ik}`.
    const open = lhs.findIndex((t) => this.isChar(t, '('));
    const head = open < 0 ? lhs : lhs.slice(0, open);
    if (this.lhsIndices === undefined) return head;
    const underscore = head.map((t) => this.isChar(t, '_')).lastIndexOf(true);
    return underscore < 0 ? head : head.slice(0, underscore);
  }


  /** The index letters of a left side `y_{ki}`, `(AB)_{ik}` (the result's axes in index notation). */
  private leftSideIndices(lhs: readonly LatexToken[]): IndexLetters | undefined {
    let k = lhs.length - 1;
    if (k < 0) return undefined;
    let group: LatexToken[];
    if (this.isChar(lhs[k], '}')) {
      let depth = 0;
      let open = k;
      for (; open >= 0; open--) {
        if (this.isChar(lhs[open], '}')) depth++;
        else if (this.isChar(lhs[open], '{') && --depth === 0) break;
      }
      if (open <= 0) return undefined;
      group = lhs.slice(open, k + 1);
      k = open - 1;
    } else {
      group = [lhs[k]];
      k--;
    }
    if (k < 1 || !this.isChar(lhs[k], '_')) return undefined;
    return indexLetters(group);
  }

  /** A whole expression: products joined by `+` and `-`. */
  protected sum(): Rule<Ast> {
    return new Terms(this, true);
  }

  /**
   * A product chain: explicit operators and juxtaposition. A leading sign applies to the whole
   * product, as in mathematics: -AB is (−1)·A·B (and -2A is (−2)·A), written back by the LaTeX
   * writer the same way.
   */
  protected product(): Rule<Ast> {
    return new Terms(this, false);
  }

  /**
   * One step of a `Terms` rule (see there): takes the result of the rule it waited for (`input`)
   * and returns the next rule to wait for, or its value when done.
   */
  termsStep(s: Terms, input: unknown): IteratorResult<Rule<unknown>, Ast> {
    switch (s.waiting) {
      case 'factor':
        this.takeFactor(s, input as Factor);
        break;
      case 'postfix':
        this.takeFactor(s, { ast: input as Ast });
        break;
      case 'bracket': {
        const next = this.peek();
        if (this.isChar(next, ',') || this.isChar(next, ';')) {
          s.waiting = 'primary';
          return { done: false, value: this.bracketEntries(s.open as LatexToken, input as Ast) };
        }
        const rule = this.afterPrimary(s, this.closeBracket(s.open as LatexToken, [input as Ast], undefined));
        if (rule) return { done: false, value: rule };
        break;
      }
      case 'primary': {
        const rule = this.afterPrimary(s, input as Ast);
        if (rule) return { done: false, value: rule };
        break;
      }
      case 'nothing': {
        this.startProduct(s);
        const rule = this.factorRule(s);
        if (rule) return { done: false, value: rule };
        break;
      }
    }
    // A factor was taken: the next one, or the end of the product. A loop: a factor read at once
    // (a number, a name: `factorRule` answers no rule) is taken without a rule to wait for.
    for (;;) {
      s.opToken = this.peek();
      s.op = this.productOperator(s.opToken);
      if (s.op !== undefined) this.next();
      if (s.op !== undefined || this.startsFactor(s.opToken)) {
        const rule = this.factorRule(s);
        if (rule) return { done: false, value: rule };
        continue;
      }
      const product = this.endProduct(s);
      if (!s.sums) return { done: true, value: product };
      if (s.addOp === undefined) s.total = product;
      else (s.addends ??= []).push({ op: s.addOp.text as AddOp, opSpan: spanOfToken(s.addOp), operand: product });
      const t = this.peek();
      if (!this.isChar(t, '+') && !this.isChar(t, '-')) return { done: true, value: sumNode(s.total as Ast, s.addends ?? NO_LINKS) };
      s.addOp = this.next();
      this.startProduct(s);
      const rule = this.factorRule(s);
      if (rule) return { done: false, value: rule };
    }
  }

  /** A product begins: its leading sign, if any, is a nesting level until its first factor is read. */
  private startProduct(s: Terms): void {
    s.sign = this.peek();
    s.signed = this.isChar(s.sign, '-') || this.isChar(s.sign, '+');
    if (s.signed) {
      this.next();
      this.enter(s.sign);
    }
    s.first = undefined;
    s.links = NO_LINKS;
    s.acc = undefined;
    s.op = undefined;
    s.opToken = s.sign;
    s.elementwise = undefined;
    s.divisors = undefined;
  }

  /**
   * The rule reading the next factor, or undefined when the factor was read and taken at once (a
   * primary that needs no nested rule, with its postfix operators: issue 13, a rule and two steps
   * less per factor of x[0][0]…). A primary with postfix operators is read by `Terms` itself
   * rather than by `factor` and `postfix`, and a bracket's content is handed to a `Terms` directly.
   */
  private factorRule(s: Terms): Rule<unknown> | undefined {
    const allowUnary = s.first === undefined || s.op !== undefined;
    const t = this.peek();
    if ((allowUnary && (this.isChar(t, '-') || this.isChar(t, '+'))) || this.isCommand(t, 'frac', 'dfrac', 'tfrac', 'cfrac', 'sum')) {
      s.waiting = 'factor';
      return this.factor(allowUnary);
    }
    if (this.isChar(t, '(') || this.isChar(t, '[')) {
      s.open = this.openBracket();
      s.waiting = 'bracket';
      return this.sum();
    }
    s.waiting = 'primary';
    const rule = this.primary();
    return rule instanceof Settled ? this.afterPrimary(s, rule.value) : rule;
  }

  /** After a primary: its postfix operators (a rule to wait for), or the factor taken (undefined). */
  private afterPrimary(s: Terms, base: Ast): Rule<unknown> | undefined {
    const after = this.peek();
    if (this.isChar(after, '^') || this.isChar(after, "'") || this.isChar(after, '_')) {
      // read in a loop, a rule only when a superscript group holds an expression
      const read = this.postfixOn(base, 0);
      if (read instanceof Postfix) {
        s.waiting = 'postfix';
        return read;
      }
      base = read;
    }
    this.takeFactor(s, { ast: base });
    return undefined;
  }

  /** Join a factor to the product: after its operator (explicit, or juxtaposition). */
  private takeFactor(s: Terms, f: Factor): void {
    if (s.first === undefined) {
      if (s.signed) this.leave();
      s.first = f.chain ? f.chain.first : f.ast;
      s.links = f.chain ? [...f.chain.rest] : NO_LINKS;
      // A leading \frac{p}{q} before the factors it scales: its scalar divisors are set aside (endProduct).
      if (f.chain && f.chain.divisors > 0) {
        s.divisors = s.links.splice(s.links.length - f.chain.divisors);
        s.scaled = s.links.length;
      }
      return;
    }
    if (s.links === NO_LINKS) s.links = [];
    // The kind of the chain so far, estimated when a second factor comes (most products have one).
    const acc = s.acc ?? this.kindOfChain(s.first, s.links);
    const op = s.op;
    // A factor joined otherwise than by a matrix product: a set-aside divisor stays where it was written.
    if (s.divisors !== undefined && !(op === undefined || ((op === 'dot' || op === 'times') && !(op === 'dot' && acc === 'column' && this.kinds.of(f.ast) === 'column')))) {
      s.links.splice(s.scaled as number, 0, ...s.divisors);
      s.divisors = undefined;
    }
    if (op === undefined) {
      if (s.elementwise !== undefined) refuseJuxtapositionAfter(s.elementwise, f.ast);
      appendFactor(s.links, '*', spanOf(s.opToken.start, s.opToken.start), f);
      s.acc = productKind(acc, this.kinds.of(f.ast));
      return;
    }
    const k = this.kinds.of(f.ast);
    const opSpan = spanOfToken(s.opToken);
    s.elementwise = op === 'hadamard' || op === 'hadamardDivide' || (op === 'otimes' && this.options.otimes !== 'kronecker') ? s.opToken : undefined;
    if (op === 'dot' && acc === 'column' && k === 'column') {
      s.first = callNode('dot', [this.chainAst(s.first, s.links), f.ast], cover(s.first.span, f.ast.span), opSpan);
      s.links = NO_LINKS;
      s.acc = 'scalar';
    } else if (op === 'otimes' && this.options.otimes === 'kronecker') {
      s.first = callNode('kron', [this.chainAst(s.first, s.links), f.ast], cover(s.first.span, f.ast.span), opSpan);
      s.links = NO_LINKS;
      s.acc = 'matrix';
    } else if (op === 'times' && acc === 'column' && k === 'column' && this.isCommand(s.opToken, 'times')) {
      fail('latex.unsupported', cover(s.first.span, f.ast.span), '\\times between two vectors is the cross product, which is not supported: for the dot product write \\cdot or \\mathbf{x}^\\top\\mathbf{y}');
    } else if (op === 'dot' || op === 'times') {
      appendFactor(s.links, '*', opSpan, f);
      s.acc = productKind(acc, k);
    } else if (op === 'otimes' || op === 'hadamard') {
      appendFactor(s.links, '.*', opSpan, f);
      s.acc = elementwiseKind(acc, k);
    } else if (op === 'hadamardDivide') {
      appendFactor(s.links, './', opSpan, f);
      s.acc = elementwiseKind(acc, k);
    } else {
      appendFactor(s.links, isArrayKind(k) ? './' : '/', opSpan, f);
      s.acc = isArrayKind(k) ? elementwiseKind(acc, k) : acc;
    }
  }

  /** The product read: a leading sign applies to the whole product (no closure per product: issue 17, 20,000 nested products). */
  private endProduct(s: Terms): Ast {
    let first = s.first as Ast;
    let links = s.links;
    let span: Span | undefined;
    if (s.divisors !== undefined) {
      // \frac{p}{q} F … reads as p*F*…/q, the plain reading of what the writers print for p·F·q⁻¹
      // (\frac{1}{6}\sin(\mathbf{y}) is sin(y)/6, as the text writer prints it), with 1 as p left out.
      const scaled = s.scaled as number;
      span = productNode(first, [...links.slice(0, scaled), ...s.divisors, ...links.slice(scaled)]).span;
      if (links.length > scaled && scaled === 0 && first.kind === 'number' && first.value === 1 && links[0].op === '*') {
        first = links[0].operand;
        links = links.slice(1);
      }
      links = [...links, ...s.divisors];
      s.divisors = undefined;
    }
    if (s.signed) {
      const op = s.sign.text as AddOp;
      if (links.length === 0 || first.kind === 'number') {
        first = unaryNode(op, first, cover(spanOfToken(s.sign), first.span));
      } else if (op === '-') {
        links = [{ op: '*', opSpan: spanOfToken(s.sign), operand: first }, ...links];
        first = numberNode(-1, '-1', spanOfToken(s.sign));
      }
    }
    const product = productNode(first, links);
    return span === undefined || product.kind !== 'product' ? product : { ...product, span: cover(product.span, span) };
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
  protected factor(allowUnary: boolean): Rule<Factor> {
    const t = this.peek();
    if (allowUnary && (this.isChar(t, '-') || this.isChar(t, '+'))) return this.signedFactor();
    if (this.isCommand(t, 'frac', 'dfrac', 'tfrac', 'cfrac')) return this.fracFactor();
    if (this.isCommand(t, 'sum')) return then(this.sumOperator(undefined, undefined), (ast): Factor => ({ ast }));
    return then(this.postfix(), (ast): Factor => ({ ast }));
  }

  /**
   * A sign and the factor it applies to: a `Signed` rule, whose first step reads the sign and asks
   * for the factor (so ---…x does not recurse). A generator per sign kept its whole frame paused:
   * half of what reading 20,000 signs allocated (issue 13).
   */
  private signedFactor(): Rule<Factor> {
    return new Signed(this);
  }

  /** One step of a `Signed` rule: the sign read and the factor asked for, or the factor (`input`) signed. */
  signedStep(r: Signed, input: unknown): IteratorResult<Rule<unknown>, Factor> {
    if (r.sign === undefined) {
      r.sign = this.next();
      this.enter(r.sign);
      return { done: false, value: this.factor(true) };
    }
    this.leave();
    const arg = (input as Factor).ast;
    return { done: true, value: { ast: unaryNode(r.sign.text as AddOp, arg, cover(spanOfToken(r.sign), arg.span)) } };
  }

  /** A `\frac` factor: a chain that may join the product, or the mean before a `\sum`. */
  private *fracFactor(): Deferred<Factor> {
    const parts = yield* this.frac();
    const over = this.oneOver(parts);
    if (over !== undefined && this.isCommand(this.peek(), 'sum')) return { ast: yield* this.sumOperator(over, parts) };
    const chain = this.fracChain(parts);
    const base = productNode(chain.first, chain.rest);
    const ast = (yield this.postfix(base)) as Ast;
    return ast === base ? { ast, chain } : { ast };
  }
}

/** A sign and its factor as a rule (`LatexParser.signedFactor`): the sign, once read. */
class Signed implements Rule<Factor> {
  sign: LatexToken | undefined;

  constructor(private readonly parser: LatexParser) {}

  next(input: unknown): IteratorResult<Rule<unknown>, Factor> {
    return this.parser.signedStep(this, input);
  }
}

/**
 * The links of a chain with one operand, shared (frozen: a push on it throws). Every level of a
 * deep nest reads a sum of one product of one factor, and made two empty arrays for it (issue 13).
 */
const NO_LINKS: never[] = Object.freeze([]) as unknown as never[];

/**
 * `A ⊙ BC` (`A \odot B C`): juxtaposition after an element-wise product or quotient. Read by the
 * tiers as (A ⊙ B)C, while juxtaposition looks tighter than ⊙ on the page, so a reader may mean
 * A ⊙ (BC) (backpropagation's δ = σ'(z) ⊙ Wᵀδ'): both are shape-correct for square matrices and differ, so
 * neither is guessed. The writers bracket both ((A ⊙ B)C, A ⊙ (BC)).
 */
function refuseJuxtapositionAfter(op: LatexToken, factor: Ast): never {
  fail('parse.ambiguous-product', cover(spanOfToken(op), factor.span), 'a juxtaposed product after an element-wise product or quotient (⊙, ⊘) can be read two ways: write brackets, A ⊙ (BC) or (A ⊙ B)C');
}

/**
 * The sum tier (`sums`) or one product, as a rule that is not a generator: its state is these few
 * fields, stepped by `LatexParser.termsStep`. Every level of a deep nest ((…(x)…), f(f(…)))
 * pauses one of these; a generator holding the same state kept every local of its frame, and the
 * paused frames of 20,000 levels were half the reading time, in garbage collection (issue 17).
 * The tokens are read in the same order as by a generator per tier, so the errors are the same.
 */
class Terms implements Rule<Ast> {
  /** What the rule waits for: nothing (its first step), a factor, a postfix expression, a primary, a bracket's content. */
  waiting: 'nothing' | 'factor' | 'postfix' | 'primary' | 'bracket' = 'nothing';
  total: Ast | undefined;
  /** The terms after the first (made at the second term: most sums have one). */
  addends: ChainLink<AddOp>[] | undefined;
  addOp: LatexToken | undefined;
  sign!: LatexToken;
  signed = false;
  first: Ast | undefined;
  /** The factors after the first: NO_LINKS until the second comes (most products have one). */
  links: ChainLink<MulOp>[] = NO_LINKS;
  acc: Kind | undefined;
  /** The operator before the next factor: an explicit one, or juxtaposition (undefined). */
  op: (typeof PRODUCT_COMMANDS)[string] | undefined;
  opToken!: LatexToken;
  /** The ⊙ or ⊘ that joined the last factor (undefined after any other operator): juxtaposition may not follow it. */
  elementwise: LatexToken | undefined;
  /** The open bracket whose content is being read. */
  open: LatexToken | undefined;
  /** The scalar divisors of a leading \frac, set aside while matrix products follow (endProduct puts them last). */
  divisors: ChainLink<MulOp>[] | undefined;
  /** How many links the numerator of that \frac has (the factors it scales follow them). */
  scaled: number | undefined;

  constructor(
    private readonly parser: LatexParser,
    readonly sums: boolean,
  ) {}

  next(input: unknown): IteratorResult<Rule<unknown>, Ast> {
    return this.parser.termsStep(this, input);
  }
}
