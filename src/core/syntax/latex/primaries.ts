/**
 * The LaTeX parser's primaries layer: numbers, commands (`\frac`, `\sqrt`, Greek letters,
 * functions such as `\log`, `\operatorname{tr}`), `\sum` operators and function application.
 */
import type { Span } from '../../api';
import { children, type Ast, type ChainLink, type MulOp } from '../ast';
import { fail } from '../diagnostics';
import { ARITY, arityText, isFunctionName } from '../functions';
import { COMMAND_HINTS, FUNCTION_COMMANDS, GREEK_COMMANDS, ACCENTS, BOLD_COMMANDS, FONT_COMMANDS } from './commands';
import { spanOfToken } from './cursor';
import { LEIBNIZ, leibnizEnd, partialFraction } from './differentials';
import { isArrayKind } from '../kinds';
import { asAtom, asFactor, callNode, numberNode, parenNode, powerNode, productNode, spanOf, unaryNode } from '../nodes';
import { settled, then, type Deferred, type Rule } from '../deferred';
import type { LatexToken } from './scanner';
import { liftSummand } from './sums';
import { indexLetters } from './indices';
import type { Factor, FracChain, FracParts } from './types';

import { ScriptParser } from './scripts';
import { FUNCTIONS, INVERSE_FUNCTIONS, isElementwiseFunction } from '../../functions/index';

/**
 * `\cosh^{-1} x` is the inverse function in most textbooks and the reciprocal 1/cosh x by the rule
 * that makes `\cosh^2 x` the square: refused, naming the spelling of each (`name` as written). On a
 * function that is not element-wise (`\det^{-1} X`) it can only be the reciprocal.
 */
function inverseOrReciprocal(fn: string, name: string): string {
  if (!isElementwiseFunction(fn)) return `a superscript on a function name is supported only as a power: write (${name} X)^{-1} for the reciprocal`;
  const inverseOf = INVERSE_FUNCTIONS[fn];
  const inverse = inverseOf === undefined ? undefined : FUNCTIONS[inverseOf].latex.write;
  const reciprocal = `(${name} x)^{-1} for the reciprocal`;
  return `${name}^{-1} may mean the inverse function or the reciprocal: write ${inverse === undefined ? reciprocal : `${inverse}(x) for the inverse function, ${reciprocal}`}`;
}

export abstract class PrimaryParser extends ScriptParser {
  protected abstract product(): Rule<Ast>;
  protected abstract factor(allowUnary: boolean): Rule<Factor>;
  protected abstract startsFactor(t: LatexToken): boolean;
  protected abstract startsFunction(t: LatexToken): boolean;

  /**
   * A primary. Each kind hands over its own rule rather than a rule that waits for it: one paused
   * step fewer per level of a deep nest (issue 17: 20,000 nested parentheses). A rule handed over
   * may take its first steps at once, before the runner starts it: every caller yields it at once.
   */
  protected primary(): Rule<Ast> {
    const t = this.peek();
    switch (t.kind) {
      case 'char':
        if (t.text === '(' || t.text === '[') return this.parenthesized();
        if (t.text === '{') return this.group();
        if (t.text === '|') return this.abs();
        return this.missingOperand(t);
      case 'number':
        return settled(this.numberPrimary());
      case 'letter':
        return this.letterPrimary();
      case 'command':
        return this.commandPrimary();
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

  /** A command's primary (its rule, handed over as `primary` does). */
  protected commandPrimary(): Rule<Ast> {
    const t = this.peek();
    const name = t.text;
    if (GREEK_COMMANDS.has(name)) {
      this.next();
      if (name === 'sigma' && !this.declared('sigma') && this.isChar(this.peek(), '(')) return this.applyFunction('sigmoid', spanOfToken(t));
      return settled(this.refuseApplied(this.nameWithScripts(name, 'plain', t), t.start));
    }
    if (name === 'pi') {
      this.next();
      return settled(numberNode(Math.PI, 'π', spanOfToken(t)));
    }
    if (BOLD_COMMANDS.has(name)) return settled(this.refuseApplied(this.bold(), t.start));
    if (FONT_COMMANDS.has(name)) return this.font();
    if (ACCENTS[name] !== undefined) return settled(this.accent());
    if (name === 'log' && this.isCommand(this.peek(1), 'det')) {
      this.next();
      const det = this.next();
      return this.applyFunction('logdet', spanOf(t.start, det.end));
    }
    if (name === 'log' && this.isChar(this.peek(1), '|')) return this.logAbs();
    const fn = FUNCTION_COMMANDS[name];
    if (fn !== undefined) {
      this.next();
      return this.applyFunction(fn, spanOfToken(t));
    }
    switch (name) {
      case 'frac':
      case 'dfrac':
      case 'tfrac':
      case 'cfrac':
        return this.fracPrimary();
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

  /** log|X| of a matrix is log det. */
  private *logAbs(): Deferred<Ast> {
    const t = this.next();
    const arg = yield* this.abs();
    if (arg.kind === 'call' && arg.name === 'det') return callNode('logdet', arg.args, spanOf(t.start, arg.span.end), spanOfToken(t));
    return callNode('log', [arg], spanOf(t.start, arg.span.end), spanOfToken(t));
  }

  /** A `\frac` as a primary (a product chain a · b⁻¹). */
  private *fracPrimary(): Deferred<Ast> {
    const c = this.fracChain(yield* this.frac());
    return productNode(c.first, c.rest);
  }

  protected *sqrt(): Deferred<Ast> {
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
    const arg = (yield this.commandArgument(command)) as Ast;
    return callNode('sqrt', [arg], spanOf(command.start, this.previousEnd()), spanOfToken(command));
  }

  /** An argument of \frac or \sqrt: a group parsed as an expression, or one token (its rule, handed over). */
  protected commandArgument(command: LatexToken): Rule<Ast> {
    const t = this.peek();
    if (this.isChar(t, '{')) {
      this.next();
      this.enterDelimiter('{', t);
      return then(this.sum(), (inner) => {
        this.leaveDelimiter();
        const close = this.expectChar('}', t, `the argument of \\${command.text}`);
        // \sqrt{(x)} is one group, not two nested ones (the tree's depth counts against MAX_DEPTH).
        return parenNode(inner.kind === 'paren' ? inner.arg : inner, spanOf(t.start, close.end));
      });
    }
    if (t.kind === 'number') return settled(this.digit());
    if (t.kind === 'letter' || t.kind === 'command') {
      this.enter(t);
      return then(this.primary(), (r) => {
        this.leave();
        return r;
      });
    }
    return fail('parse.expected-expression', spanOfToken(command), `expected an argument after \\${command.text}`);
  }

  protected *frac(): Deferred<FracParts> {
    const command = this.next();
    // \frac{dy}{dx} is a derivative, not (d·y)/(d·x) (differentials.ts).
    const leibniz = this.declared('d') ? -1 : leibnizEnd(this.tokens, this.pos);
    if (leibniz > 0) fail('latex.unsupported', spanOf(command.start, this.tokens[leibniz - 1].end), `\\${command.text}{d…}{d…} is ${LEIBNIZ}`);
    const partial = partialFraction(this.tokens, this.pos, this.text);
    if (partial) fail('latex.unsupported', spanOf(command.start, this.tokens[partial.end - 1].end), `\\${command.text}{\\partial …}{\\partial …} is ${partial.message}`);
    const numerator = (yield this.commandArgument(command)) as Ast;
    const denominator = (yield this.commandArgument(command)) as Ast;
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
  protected fracChain(parts: FracParts): FracChain {
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
    const divisors = arrayDivisor ? 0 : links.length;
    if (num.kind === 'product' && scalarFactors) return { first: num.first, rest: [...num.rest, ...links], divisors };
    if (num.kind === 'product') return { first: parenNode(num, parts.numerator.span), rest: links, divisors };
    return { first: num.kind === 'sum' || num.kind === 'unary' ? parenNode(num, parts.numerator.span) : num, rest: links, divisors };
  }

  /**
   * `\sum_{i=1}^{N} …`: the summand is the rest of the product. A sum over one index whose summand
   * holds only entries over that index (y_i, (A\mathbf{x})_i) and samples \mathbf{x}_i is lifted to
   * vector operations (`sums.ts`); any other — nested sums, `\sum_{i,j}`, components with two
   * indices or free indices — is index notation (`indices.ts`), resolved once the whole
   * expression is read.
   */
  protected *sumOperator(meanOver: string | undefined, frac: FracParts | undefined): Deferred<Ast> {
    const command = this.next();
    let lower: { tokens: LatexToken[]; end: number } | undefined;
    let upper: { tokens: LatexToken[]; end: number } | undefined;
    for (let k = 0; k < 2; k++) {
      const t = this.peek();
      if (this.isChar(t, '_') && !lower) lower = this.scriptTokens(this.next());
      else if (this.isChar(t, '^') && !upper) upper = this.scriptTokens(this.next());
    }
    const limitsEnd = Math.max(command.end, lower?.end ?? 0, upper?.end ?? 0);
    const limitsSpan = spanOf(command.start, limitsEnd);
    const inner = lower?.tokens.filter((x) => !this.isChar(x, '{') && !this.isChar(x, '}')) ?? [];
    const equals = inner.findIndex((x) => this.isChar(x, '='));
    const ix = indexLetters(equals >= 0 ? inner.slice(0, equals) : inner, 26);
    if (!ix || (equals >= 0 && ix.letters.length !== 1)) {
      fail('latex.sum', limitsSpan, 'write the index of the sum, e.g. \\sum_i, \\sum_{i=1}^{N} or \\sum_{i,j}');
    }
    const bound = upper && upper.tokens.length === 1 && (upper.tokens[0].kind === 'letter' || upper.tokens[0].kind === 'number') ? upper.tokens[0].text : undefined;
    if (this.peek().kind === 'eof' || !this.startsFactor(this.peek())) {
      fail('parse.expected-expression', limitsSpan, 'expected the summand after \\sum');
    }
    const nested = this.bound.length > 0;
    const single = ix.letters.length === 1 && !nested;
    const outerIndex = this.index;
    const componentsBefore = this.components.size;
    const sumsBefore = this.indexSums.size;
    this.index = single ? ix.letters : undefined;
    this.bound.push(...ix.letters);
    this.enter(command);
    const summand = (yield this.product()) as Ast;
    this.leave();
    this.bound.length -= ix.letters.length;
    this.index = outerIndex;
    const created = [...this.components].slice(componentsBefore);
    const lifted = single && this.indexSums.size === sumsBefore && created.every(([, c]) => c.letters === ix.letters && !c.delta) && !this.isContraction(summand);
    let call: Ast;
    const mean = lifted && meanOver !== undefined && (bound === undefined || bound === meanOver);
    const start = mean && frac ? frac.span.start : command.start;
    if (lifted) {
      for (const [node] of created) this.components.delete(node);
      const vector = liftSummand(summand, { indexed: this.indexed, kinds: this.kinds, index: ix.letters, span: limitsSpan });
      call = callNode(mean ? 'mean' : 'sum', [vector], spanOf(start, summand.span.end), spanOf(start, limitsEnd));
    } else {
      call = callNode('#sum', [summand], spanOf(start, summand.span.end), spanOf(start, limitsEnd));
      this.indexSums.set(call, { ...ix, summand, span: limitsSpan });
    }
    this.kinds.set(call, 'scalar');
    if (meanOver !== undefined && !mean && frac) {
      const c = this.fracChain(frac);
      return productNode(c.first, [...c.rest, { op: '*', opSpan: spanOfToken(command), operand: call }]);
    }
    return call;
  }

  /** A product of two or more components and factors without indices (Σᵢ wᵢxᵢ): a contraction, xᵀy rather than sum(x ⊙ y). */
  private isContraction(summand: Ast): boolean {
    let node = summand;
    while (node.kind === 'paren' || node.kind === 'unary') node = node.arg;
    if (node.kind !== 'product' || node.rest.some((l) => l.op !== '*')) return false;
    const factors = [node.first, ...node.rest.map((l) => l.operand)];
    const free = (n: Ast): boolean => !this.components.has(n) && !this.indexed.has(n) && children(n).every(free);
    return factors.filter((f) => this.components.has(f)).length >= 2 && factors.every((f) => this.components.has(f) || free(f));
  }

  /**
   * A function application: `\exp(x)`, `\exp x`, `\sin^2 x`, `\max(0, u)`, `\det X`. Its
   * rule is handed over; with parentheses it is a `CallArguments`, not a generator (a level of
   * f(f(…)) pauses it: issue 17).
   */
  protected applyFunction(fn: string, nameSpan: Span): Rule<Ast> {
    return this.isChar(this.peek(), '^') ? this.poweredFunction(fn, nameSpan) : this.callRule(fn, nameSpan, undefined);
  }

  /** `\sin^2 x`: the power, then the application. */
  private *poweredFunction(fn: string, nameSpan: Span): Deferred<Ast> {
    const caret = this.next();
    const sup = yield* this.supArgument(caret);
    if (sup.kind === 'inverse') fail('latex.unsupported', spanOf(nameSpan.start, sup.end), inverseOrReciprocal(fn, this.text.slice(nameSpan.start, nameSpan.end)));
    if (sup.kind !== 'power') fail('latex.unsupported', spanOf(nameSpan.start, sup.end), 'a superscript on a function name is supported only as a power, e.g. \\sin^2 x');
    return (yield this.callRule(fn, nameSpan, sup.exponent)) as Ast;
  }

  /** The application after the name (and its power): arguments in parentheses, or a bare one. */
  private callRule(fn: string, nameSpan: Span, power: Ast | undefined): Rule<Ast> {
    if (this.isChar(this.peek(), '_')) {
      fail('latex.unsupported', spanOf(nameSpan.start, this.peek().end), 'a subscript on a function name (such as \\log_2) is not supported');
    }
    const t = this.peek();
    if (this.isChar(t, '(') || this.isChar(t, '[') || this.isCommand(t, '{')) return new CallArguments(this, fn, nameSpan, power, this.openArguments());
    if (fn === 'max' || fn === 'min' || fn === 'dot') {
      return fail('parse.expected-expression', nameSpan, `${fn} needs its arguments in parentheses, e.g. \\${fn}(0, u)`);
    }
    if (!this.startsFactor(t) && !this.isChar(t, '-')) return fail('parse.expected-expression', nameSpan, `expected the argument of ${fn}`);
    return this.bareCall(fn, nameSpan, power, t);
  }

  private *bareCall(fn: string, nameSpan: Span, power: Ast | undefined, t: LatexToken): Deferred<Ast> {
    return this.call(fn, nameSpan, power, t, [yield* this.bareArgument()]);
  }

  /**
   * One step of a `CallArguments` rule: an argument was read (`input`, none at the first step);
   * the next one after a comma, or the call when the arguments close.
   */
  argumentsStep(c: CallArguments, input: unknown): IteratorResult<Rule<unknown>, Ast> {
    // The first argument makes an array of its own size: `[]` then push reserves 17 slots, and one
    // such array per level of f(f(…)) was 6 of the 86 MB that reading tr(tr(…)) 20,000 deep allocated.
    if (!c.started) c.started = true;
    else if (c.args === undefined) c.args = [input as Ast];
    else c.args.push(input as Ast);
    if (c.args !== undefined && !this.isChar(this.peek(), ',')) {
      this.closeArguments(c.open);
      return { done: true, value: this.call(c.fn, c.nameSpan, c.power, c.open, c.args) };
    }
    if (c.args !== undefined) this.next();
    return { done: false, value: this.sum() };
  }

  /** The call node once its arguments are read (`t`: the token after the name and power). */
  private call(fn: string, nameSpan: Span, power: Ast | undefined, t: LatexToken, args: Ast[]): Ast {
    const span = spanOf(nameSpan.start, this.previousEnd());
    // The shape checker names the function by its plain name (norm2): an alias (norm, \operatorname{Tr}) is named as written.
    const written = this.text.slice(nameSpan.start, nameSpan.end);
    if (written !== fn && isFunctionName(fn) && (args.length < ARITY[fn][0] || args.length > ARITY[fn][1])) {
      fail('call.arity', span, `${written} takes ${arityText(fn)}, found ${args.length}${fn === 'norm2' ? `: ${written}(x) is the 2-norm of a vector (‖x‖₂) and the Frobenius norm of a matrix (‖X‖_F); the 1-norm of a vector is ‖x‖₁ (\\|x\\|_1, norm1(x))` : ''}`);
    }
    let call: Ast;
    if (fn === 'log' && args.length === 1 && args[0].kind === 'call' && args[0].name === 'det' && !this.isChar(t, '(')) {
      call = callNode('logdet', args[0].args, span, nameSpan);
    } else {
      call = callNode(fn, args, span, nameSpan);
    }
    return power ? powerNode('^', call, power, nameSpan, spanOf(nameSpan.start, span.end)) : call;
  }

  /** The argument of a function written without parentheses: `\det X`, `\log\sigma(z)`, `\operatorname{tr} A^\top B`. */
  protected *bareArgument(): Deferred<Ast> {
    this.enter(this.peek());
    const f0 = (yield this.factor(true)) as Factor;
    const first = f0.chain ? f0.chain.first : f0.ast;
    const links: ChainLink<MulOp>[] = f0.chain ? [...f0.chain.rest] : [];
    for (let t = this.peek(); this.startsFactor(t) && !this.startsFunction(t) && !this.isCommand(t, 'frac', 'dfrac', 'tfrac'); t = this.peek()) {
      const f = (yield this.factor(false)) as Factor;
      if (f.chain) links.push({ op: '*', opSpan: spanOf(t.start, t.start), operand: f.chain.first }, ...f.chain.rest);
      else links.push({ op: '*', opSpan: spanOf(t.start, t.start), operand: f.ast });
    }
    this.leave();
    return productNode(first, links);
  }
}

/** The arguments `( a, b, … )` of a function application, opened at `open`: a small paused rule (see `Terms`, parser.ts). */
class CallArguments implements Rule<Ast> {
  /** Whether the first step was taken (the first argument is being read). */
  started = false;
  /** The arguments read (undefined before the first is read). */
  args: Ast[] | undefined;

  constructor(
    private readonly parser: PrimaryParser,
    readonly fn: string,
    readonly nameSpan: Span,
    readonly power: Ast | undefined,
    readonly open: LatexToken,
  ) {}

  next(input: unknown): IteratorResult<Rule<unknown>, Ast> {
    return this.parser.argumentsStep(this, input);
  }
}
