/**
 * Variables and constants in LaTeX: names with their typography (bold, plain, indexed), subscripts
 * as parts of names (W_1 is W1, w_{\text{out}} is w_out), accents, Greek letters, fonts and
 * operator names, y_i and \mathbf{x}_i inside a sum over i, a dimension name as its number, and
 * the constants 𝟏, 𝟎, I (placeholders sized by the shape checker) and e^{u} as exp(u).
 */
import type { Span } from '../../api';
import type { Ast } from '../ast';
import { fail } from '../diagnostics';
import { ACCENTS, BOLD_COMMANDS, GREEK_COMMANDS, OPERATOR_NAMES } from './commands';
import { applicationEnd, refuseApplication } from './application';
import { describe, spanOfToken } from './cursor';
import { DelimitedParser } from './delimited';
import { callNode, einsumNode, nameNode, numberNode, productNode, spanOf } from '../nodes';
import { settled, type Deferred, type Rule } from '../deferred';
import type { LatexToken } from './scanner';
import type { IndexedRole } from './sums';
import { indexLetters, type Component, type IndexLetters, type IndexSum } from './indices';
import type { PreparedTokens } from './tokens';
import type { LatexParserOptions, NameStyle } from './types';
import { placeholderEstimate, placeholderName, type PlaceholderKind } from '../finish';

/** Font commands around a dimension name in a subscript (I_{\mathit{out}}). */
const DIMENSION_FONTS: ReadonlySet<string> = new Set(['mathit', 'mathrm', 'text', 'textrm', 'mathsf']);

/** The longest run of letters looked at as a possible function name (max(, logsumexp(). */
const MAX_RUN = 16;

/** One ASCII letter (a letter token's text: one code unit). */
const isAsciiLetter = (c: string): boolean => c.length === 1 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

export abstract class VariableParser extends DelimitedParser {
  protected readonly names: Map<string, { styles: Set<NameStyle>; span: Span }>;
  /** The placeholder variables written (finish.ts: one per occurrence). */
  protected readonly placeholders = new Set<string>();
  /** The index of the sum being read (y_i is an entry there). */
  protected index: string | undefined;
  protected readonly indexed = new Map<Ast, IndexedRole>();
  /** Index notation (indices.ts): the letters bound by the enclosing sums, components, sums, a left side's letters. */
  protected readonly bound: string[] = [];
  protected readonly components = new Map<Ast, Component>();
  protected readonly indexSums = new Map<Ast, IndexSum>();
  protected lhsIndices: IndexLetters | undefined;
  /** Names with index-like subscripts that were not read as components (x_i outside index notation). */
  protected readonly subscripted = new Map<Ast, IndexLetters>();

  constructor(
    text: string,
    prepared: PreparedTokens,
    protected readonly options: LatexParserOptions,
  ) {
    super(text, prepared, options.oracle);
    this.names = options.names ?? new Map();
  }

  /** A function application after its name. */
  protected abstract applyFunction(fn: string, nameSpan: Span): Rule<Ast>;

  protected use(name: string, style: NameStyle, span: Span): void {
    let u = this.names.get(name);
    if (!u) {
      u = { styles: new Set(), span };
      this.names.set(name, u);
    }
    u.styles.add(style);
  }

  protected declared(name: string): boolean {
    return this.options.declared.has(name);
  }

  /** Whether every letter of `run` is a declared variable. */
  private allDeclared(run: string): boolean {
    for (let i = 0; i < run.length; i++) if (!this.declared(run[i])) return false;
    return true;
  }

  protected placeholder(kind: PlaceholderKind, span: Span, index?: number): Ast {
    const name = placeholderName(kind, span.start, index);
    this.placeholders.add(name);
    const node = nameNode(name, span);
    this.kinds.set(node, placeholderEstimate(kind));
    return node;
  }


  /** A letter's primary (its rule, handed over as `primary` does). */
  protected letterPrimary(): Rule<Ast> {
    const t = this.peek();
    // A run of letters spelling a function, before a parenthesis: max(0, x), sum(x), diag(x).
    if (isAsciiLetter(t.text)) {
      let run = t.text;
      let j = this.pos + 1;
      // (At most a function name's length: a long run of letters is a product, and stays linear.)
      while (run.length <= MAX_RUN && this.tokens[j].kind === 'letter' && !this.tokens[j].space && isAsciiLetter(this.tokens[j].text)) run += this.tokens[j++].text;
      const after = this.tokens[j];
      // Letters that are all declared variables are their product (the writer prints ab(c + d)).
      if (run.length >= 2 && run.length <= MAX_RUN && this.isChar(after, '(') && !this.allDeclared(run)) {
        const fn = OPERATOR_NAMES[run];
        const runSpan = spanOf(t.start, this.tokens[j - 1].end);
        if (fn !== undefined && !this.declared(run)) {
          this.pos = j;
          return this.applyFunction(fn, runSpan);
        }
        if (run.length >= 3 && /^[a-z]+$/.test(run) && !this.declared(run)) {
          // The word as written: Stringy(x), whose capital S was read as a letter of its own before.
          let first = this.pos;
          while (first > 0 && this.tokens[first - 1].kind === 'letter' && isAsciiLetter(this.tokens[first - 1].text) && !this.tokens[first].space && this.tokens[first - 1].end === this.tokens[first].start) first--;
          const word = first === this.pos ? run : this.tokens.slice(first, this.pos).map((k) => k.text).join('') + run;
          fail('name.unknown-function', first === this.pos ? runSpan : spanOf(this.tokens[first].start, runSpan.end), `unknown function '${word}' (for a product of the letters, separate them: ${[...word].join(' ')})`);
        }
      }
    }
    this.next();
    if (t.text === 'e' && this.isChar(this.peek(), '^') && !this.declared('e')) return this.eulerPower(t);
    return settled(this.refuseApplied(this.nameWithScripts(t.text, 'plain', t), t.start));
  }

  /**
   * `node`, the name just read from `start` — unless it is a lowercase variable, not declared, before
   * a bracketed name: f(x), \phi(z), f'(x), a function applied to its argument, refused (application.ts).
   */
  protected refuseApplied(node: Ast, start: number): Ast {
    if (node.kind !== 'name' || !/^[a-z]/.test(node.name) || this.declared(node.name)) return node;
    const app = applicationEnd(this.tokens, this.pos);
    if (app === undefined) return node;
    return refuseApplication(this.text.slice(start, this.previousEnd()), node.name, app.primes, spanOf(start, this.tokens[app.end - 1].end));
  }

  /** e^{u} is exp(u) (unless e is declared). */
  protected *eulerPower(e: LatexToken): Deferred<Ast> {
    const caret = this.next();
    const sup = yield* this.supArgument(caret);
    const span = spanOf(e.start, sup.end);
    if (sup.kind === 'power') return callNode('exp', [sup.exponent], span, spanOfToken(e));
    return fail('latex.unsupported', span, "e^… is read as exp(…): write an exponent such as e^{-x}");
  }

  /** A variable name with an optional subscript (a suffix of the name, or the index of a sum). */
  protected nameWithScripts(base: string, style: 'bold' | 'plain', first: LatexToken, start = first.start): Ast {
    const capital = /^[A-Z]/.test(base) || /^(Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega)$/.test(base);
    let name = base;
    let end = this.previousEnd();
    if (this.isChar(this.peek(), '_')) {
      const underscore = this.next();
      const sub = this.scriptTokens(underscore);
      end = sub.end;
      const span = spanOf(start, end);
      if (base === 'I' && !this.declared('I') && !this.declared(`I_${sub.tokens.map((x) => x.text).join('')}`)) {
        return this.identityOfSize(sub.tokens, span);
      }
      const commutation = base === 'K' ? this.commutationOfSize(sub.tokens, span, style === 'bold') : undefined;
      if (commutation) return commutation;
      // \mathbf{e}_{k}: the k-th unit vector (as the writers print unit(n, k)), its length from the context.
      const k = sub.tokens.length === 1 && sub.tokens[0].kind === 'number' && /^[1-9]\d*$/.test(sub.tokens[0].text) ? Number(sub.tokens[0].text) : undefined;
      if (base === 'e' && style === 'bold' && k !== undefined && !this.declared('e') && !this.declared(`e${k}`)) return this.placeholder('unit', span, k);
      if (this.index !== undefined && sub.tokens.length === 1 && sub.tokens[0].kind === 'letter' && sub.tokens[0].text === this.index) {
        return this.indexedName(base, style, capital, span, spanOfToken(sub.tokens[0]));
      }
      const numbered = this.numberedComponent(base, sub.tokens, spanOf(start, first.end), span);
      if (numbered) return numbered;
      const suffix = this.subscriptSuffix(sub.tokens, span);
      const ix = this.componentLetters(base, base + suffix, sub.tokens, span);
      if (ix) return this.component(base, ix, spanOf(start, first.end), span);
      name = this.spelledName(base, suffix);
      const like = indexLetters(sub.tokens);
      if (like && !this.declared(name)) {
        const node = nameNode(name, span);
        this.subscripted.set(node, like);
        this.use(name, style, span);
        return node;
      }
    }
    const span = spanOf(start, end);
    if (name === 'I' && !this.declared('I')) return this.placeholder('identity', span);
    if (style === 'plain' && name === base && !this.declared(name) && this.options.dimensions?.has(name)) {
      const count = callNode('count', [nameNode(name, span), numberNode(1, '1', span)], span);
      this.kinds.set(count, 'scalar');
      return count;
    }
    this.use(name, style, span);
    return nameNode(name, span);
  }

  /**
   * The index letters of a subscript that makes a component (index notation): one or two letters
   * of a name that is not declared a scalar, where the letters are indices — the Einstein
   * convention is declared, a letter is bound by an enclosing sum or on the left side, or the name
   * is a declared vector or matrix. \delta_{ij} is the Kronecker delta. Otherwise undefined: the
   * subscript is part of the name (W_1, x_{out}).
   */
  protected componentLetters(base: string, full: string, tokens: readonly LatexToken[], span: Span): IndexLetters | undefined {
    const ix = indexLetters(tokens);
    if (!ix || this.declared(full)) return undefined;
    if (base === 'delta' && !this.declared('delta')) {
      if (ix.letters.length !== 2) fail('latex.index', span, 'the Kronecker delta takes two indices, e.g. \\delta_{ij}');
      return ix;
    }
    const declaredKind = this.declared(base) ? this.options.oracle(base) : undefined;
    if (declaredKind === 'scalar') return undefined;
    const indices =
      this.options.einstein === true ||
      [...ix.letters].some((c) => this.bound.includes(c) || (this.lhsIndices?.letters.includes(c) ?? false)) ||
      declaredKind === 'column' ||
      declaredKind === 'row' ||
      declaredKind === 'matrix';
    if (!indices) return undefined;
    const rank = declaredKind === undefined ? undefined : declaredKind === 'matrix' ? 2 : 1;
    if (rank !== undefined && rank !== ix.letters.length) {
      fail('latex.index', span, `${base} is ${rank === 2 ? 'a matrix: its components take two indices, e.g. ' + base + '_{ij}' : 'a vector: its components take one index, e.g. ' + base + '_{i}'}`);
    }
    return ix;
  }

  /** The component `base_{letters}`: a scalar marker node standing for an entry of the array. */
  /**
   * x_1, x_{12}, A_{12}, A_{1,2} of a declared vector or matrix: its component (1-based), as
   * entry(x, 1, 1) — consistently with y_i in a sum. Undefined where the subscript is part of a
   * name: the base is not declared a vector or matrix, or the subscripted name is declared itself.
   */
  protected numberedComponent(base: string, tokens: readonly LatexToken[], baseSpan: Span, span: Span): Ast | undefined {
    const text = tokens.map((t) => t.text).join('').replace(/\s+/g, '');
    if (!/^\d+(,\d+)?$/.test(text) || !this.declared(base) || this.declared(base + text.replace(',', '_')) || this.declared(`${base}_${text}`)) return undefined;
    const kind = this.options.oracle(base);
    if (kind !== 'column' && kind !== 'row' && kind !== 'matrix') return undefined;
    this.use(base, kind === 'matrix' ? 'entry2' : 'entry', span);
    return this.numberedEntry(nameNode(base, baseSpan), kind, text, base, span);
  }

  /**
   * entry(operand, i, j) for the subscript `text` (digits: 1, 12; or 1,2) of an array of `kind`:
   * one index of a vector, two of a matrix (a pair of digits, or separated by a comma). `what`
   * names the operand in messages.
   */
  protected numberedEntry(operand: Ast, kind: 'column' | 'row' | 'matrix', text: string, what: string, span: Span): Ast {
    let indices: number[];
    if (kind === 'matrix') {
      const pair = text.includes(',') ? text.split(',') : text.length === 2 ? [...text] : undefined;
      if (pair === undefined) {
        return fail('latex.subscript', span, `${what} is a matrix: write its component as ${what}_{i,j} (row i, column j), e.g. ${what}_{1,2}`);
      }
      indices = pair.map(Number);
    } else {
      if (text.includes(',')) return fail('latex.subscript', span, `${what} is a vector: its component has one index, e.g. ${what}_1`);
      indices = kind === 'column' ? [Number(text), 1] : [1, Number(text)];
    }
    if (indices.some((i) => !Number.isSafeInteger(i) || i < 1)) {
      return fail('latex.subscript', span, `components are numbered from 1: ${what}_1 is the first`);
    }
    const node = callNode('entry', [operand, ...indices.map((i) => numberNode(i, String(i), span))], span, operand.span);
    this.kinds.set(node, 'scalar');
    return node;
  }

  protected component(base: string, ix: IndexLetters, baseSpan: Span, span: Span): Ast {
    const marker = nameNode(base, span);
    this.kinds.set(marker, 'scalar');
    if (base === 'delta' && !this.declared('delta')) {
      this.components.set(marker, { ...ix, operand: marker, delta: true, span });
      return marker;
    }
    const operand = nameNode(base, baseSpan);
    this.use(base, ix.letters.length === 2 ? 'entry2' : 'entry', span);
    this.components.set(marker, { ...ix, operand, span });
    return marker;
  }

  /** y_i (entry i of the vector y) or \mathbf{x}_i (sample i: row i of X) inside a sum over i. */
  protected indexedName(base: string, style: 'bold' | 'plain', capital: boolean, span: Span, letterSpan: Span): Ast {
    const matrixName = base.length === 1 ? base.toUpperCase() : base[0].toUpperCase() + base.slice(1);
    const sample =
      !capital && (style === 'bold' || (!this.declared(base) && this.declared(matrixName) && this.options.oracle(matrixName) === 'matrix'));
    if (sample) {
      const node = nameNode(matrixName, span);
      this.indexed.set(node, 'sample');
      this.kinds.set(node, 'column');
      this.use(matrixName, 'sample', span);
      return node;
    }
    if (capital) fail('latex.sum', span, `${base}_${this.index} indexes a matrix: only vectors y_${this.index} and samples \\mathbf{x}_${this.index} are supported in a sum`);
    if (this.options.oracle(base) === 'scalar' && this.declared(base)) {
      fail('latex.sum', span, `${base}_${this.index} indexes ${base}, which is declared as a scalar`);
    }
    const node = nameNode(base, span);
    this.indexed.set(node, 'entry');
    this.kinds.set(node, 'scalar');
    this.use(base, 'entry', span);
    // The same entry in index notation, should the sum turn out to be one (primaries.ts).
    this.components.set(node, { letters: this.index as string, spans: [letterSpan], operand: nameNode(base, span) });
    return node;
  }

  /** I_n, I_{3}: the identity of a given size. */
  protected identityOfSize(sub: readonly LatexToken[], span: Span): Ast {
    const dim = this.dimension(sub, span);
    return callNode('eye', [dim], span, spanOf(span.start, span.start + 1));
  }

  /**
   * \mathbf{K}_{m,n} (as the writers print it), and K_{m,n} when K is not declared: the commutation
   * matrix, when m and n are dimensions (declared, or sizes of constants in the text: I_{n} ⊗
   * \mathbf{1}_{m}) or integers; otherwise undefined (K_{m,n} is a name).
   */
  protected commutationOfSize(sub: readonly LatexToken[], span: Span, bold: boolean): Ast | undefined {
    if ((!bold && this.declared('K')) || sub.length !== 3 || !this.isChar(sub[1], ',')) return undefined;
    const size = (t: LatexToken): boolean => (t.kind === 'number' && /^[1-9]\d*$/.test(t.text)) || (t.kind === 'letter' && this.options.dimensions?.has(t.text) === true);
    if (!size(sub[0]) || !size(sub[2])) return undefined;
    const node = callNode('commutation', [this.dimension([sub[0]], span), this.dimension([sub[2]], span)], span, spanOf(span.start, span.start + 1));
    this.kinds.set(node, 'matrix');
    return node;
  }

  /**
   * A dimension written in a subscript: a letter, a name, an integer, or a product of them joined
   * by \cdot (I_{m \cdot n}, as the writers print a product of dimensions: a run of letters is one
   * name, so I_{mn} is of the dimension called mn).
   */
  protected dimension(tokens: readonly LatexToken[], span: Span): Ast {
    const factors: LatexToken[][] = [[]];
    for (const t of tokens) {
      if (this.isCommand(t, 'cdot')) factors.push([]);
      else if (!this.isChar(t, '{') && !this.isChar(t, '}') && !(t.kind === 'command' && DIMENSION_FONTS.has(t.text))) factors[factors.length - 1].push(t);
    }
    const [first, ...rest] = factors.map((f) => this.dimensionFactor(f, span));
    for (const f of [first, ...rest]) if (f.kind === 'name') this.options.sizes?.add(f.name);
    return productNode(first, rest.map((operand) => ({ op: '*', operand, opSpan: span })));
  }

  private dimensionFactor(tokens: readonly LatexToken[], span: Span): Ast {
    const text = tokens.map((t) => t.text).join('');
    if (tokens.length >= 1 && tokens.every((t) => t.kind === 'letter') && /^[A-Za-z]+$/.test(text)) return nameNode(text, span);
    if (tokens.length === 1 && tokens[0].kind === 'command' && GREEK_COMMANDS.has(text)) return nameNode(text, span);
    if (tokens.length === 1 && tokens[0].kind === 'number' && /^\d+$/.test(text)) return numberNode(Number(text), text, span);
    return fail('latex.unsupported', span, `expected a dimension (a name or a positive integer) in the subscript, found ${text || 'nothing'}`);
  }

  /**
   * The name of `base` with a subscript's `suffix`: x_1 is x1, unless x_1 is the declared name (the
   * plain syntax's x_1, which the writers print as x_{1}, is another variable than x1).
   */
  private spelledName(base: string, suffix: string): string {
    const name = base + suffix;
    return /^\d+$/.test(suffix) && !this.declared(name) && this.declared(`${base}_${suffix}`) ? `${base}_${suffix}` : name;
  }

  /** The name suffix of a subscript: x_1 is x1; x_{out}, x_{\text{out}} are x_out; x_{i,j} is x_i_j. */
  protected subscriptSuffix(tokens: readonly LatexToken[], span: Span): string {
    const parts: string[] = [''];
    for (const t of tokens) {
      if (this.isChar(t, ',')) parts.push('');
      else if (t.kind === 'letter' || t.kind === 'number') parts[parts.length - 1] += t.text;
      else if (t.kind === 'command' && GREEK_COMMANDS.has(t.text)) parts[parts.length - 1] += t.text;
      else if (t.kind === 'command' && ['mathrm', 'text', 'mathit', 'textrm', 'mathsf', 'mathbf'].includes(t.text)) continue;
      else if (this.isChar(t, '{') || this.isChar(t, '}')) continue;
      else fail('latex.subscript', span, `unsupported subscript: ${describe(t)} (subscripts name variables, such as x_1 or W_{out})`);
    }
    if (parts.some((p) => p === '')) fail('latex.subscript', span, 'an empty subscript');
    if (parts.length === 1 && /^\d+$/.test(parts[0])) return parts[0];
    return parts.map((p) => `_${p}`).join('');
  }

  /** \mathbf{x}, \boldsymbol{\mu}, \vec{x}, \mathbf{A}, \mathbf{1}, \mathbf{0}. */
  protected bold(): Ast {
    const command = this.next();
    const arg = this.argumentTokens(command);
    const span = spanOf(command.start, arg.end);
    const inner = arg.tokens;
    if (inner.length === 1 && inner[0].kind === 'number' && (inner[0].text === '1' || inner[0].text === '0')) {
      return this.constantArray(inner[0].text === '1' ? 'ones' : 'zeros', command, span);
    }
    let base = '';
    // An accent first, over the name (\mathbf{\hat{y}}): the variable y_hat, as \hat{\mathbf{y}} is.
    const accent = inner.length > 1 && inner[0].kind === 'command' ? ACCENTS[inner[0].text] : undefined;
    for (const x of accent === undefined ? inner : inner.slice(1)) {
      if (x.kind === 'letter' || x.kind === 'number') base += x.text;
      else if (x.kind === 'command' && GREEK_COMMANDS.has(x.text)) base += x.text;
      else if (accent !== undefined && (this.isChar(x, '{') || this.isChar(x, '}'))) continue;
      else fail('latex.unsupported', span, `\\${command.text}{…} should hold a variable name, found ${describe(x)}`);
    }
    if (base === '' || /^\d/.test(base)) fail('latex.unsupported', span, `\\${command.text}{…} should hold a variable name`);
    return this.nameWithScripts(accent === undefined ? base : `${base}_${accent}`, 'bold', command, command.start);
  }

  /** 𝟏 or 𝟎 whose size comes from the context, or of a given size: \mathbf{1}_n, \mathbf{1}_{m \times n}. */
  protected constantArray(kind: 'ones' | 'zeros', command: LatexToken, span: Span): Ast {
    if (this.isChar(this.peek(), '_')) {
      const underscore = this.next();
      const sub = this.scriptTokens(underscore);
      const full = spanOf(span.start, sub.end);
      const times = sub.tokens.findIndex((x) => this.isCommand(x, 'times') || (x.kind === 'char' && x.text === ','));
      const dims = times < 0 ? [this.dimension(sub.tokens, full)] : [this.dimension(sub.tokens.slice(0, times), full), this.dimension(sub.tokens.slice(times + 1), full)];
      return callNode(kind, dims, full, spanOfToken(command));
    }
    return this.placeholder(kind, span);
  }

  /** \mathrm{…}, \operatorname{…}, \text{…}, \mathit{…}: an operator name or a variable name (its rule, handed over as `primary` does). */
  protected font(): Rule<Ast> {
    const command = this.next();
    if (command.text === 'operatorname' && this.isChar(this.peek(), '*')) this.next();
    const arg = this.argumentTokens(command);
    const span = spanOf(command.start, arg.end);
    let word = '';
    for (const x of arg.tokens) {
      if (x.kind === 'letter' || x.kind === 'number' || (x.kind === 'char' && x.text === '_')) word += x.text;
      else if (x.kind === 'command' && GREEK_COMMANDS.has(x.text)) word += x.text;
      else if (x.kind === 'command' && BOLD_COMMANDS.has(x.text)) continue;
      else if (this.isChar(x, '{') || this.isChar(x, '}')) continue;
      else fail('latex.unsupported', span, `\\${command.text}{…} should hold a name, found ${describe(x)}`);
    }
    if (word === '') fail('latex.unsupported', span, `\\${command.text}{} is empty`);
    const fn = OPERATOR_NAMES[word];
    if (fn !== undefined && !this.declared(word)) {
      if (word === 'log' && this.isCommand(this.peek(), 'det')) {
        const det = this.next();
        return this.applyFunction('logdet', spanOf(command.start, det.end));
      }
      return this.applyFunction(fn, span);
    }
    if (command.text === 'operatorname' && word === 'einsum') return this.einsum(command, span);
    if (command.text === 'operatorname') fail('name.unknown-function', span, `unknown function \\operatorname{${word}}`);
    if (word === 'e' && this.isChar(this.peek(), '^') && !this.declared('e')) return this.eulerPower(command);
    const bold = arg.tokens.some((x) => x.kind === 'command' && BOLD_COMMANDS.has(x.text));
    return settled(this.nameWithScripts(word, bold ? 'bold' : 'plain', command, command.start));
  }

  /**
   * \operatorname{einsum}(\texttt{ij,jk->ik}, A, B), as the LaTeX writer prints a contraction: the
   * spec is the text of the \texttt group, read by the einsum rules so that errors point into it.
   */
  private *einsum(command: LatexToken, nameSpan: Span): Deferred<Ast> {
    const open = this.peek();
    const usage = 'write \\operatorname{einsum}(\\texttt{ij,jk->ik}, A, B)';
    if (!this.isChar(open, '(')) fail('einsum.spec', nameSpan, `einsum takes its arguments in parentheses: ${usage}`);
    this.next();
    this.enterDelimiter('(', open);
    {
      const tt = this.peek();
      if (!this.isCommand(tt, 'texttt') || !this.isChar(this.peek(1), '{')) fail('einsum.spec', spanOfToken(tt), `einsum takes the subscripts first, in \\texttt{…}: ${usage}`);
      this.next();
      const specStart = this.peek().end;
      const group = this.argumentTokens(tt);
      const operands: Ast[] = [];
      while (this.isChar(this.peek(), ',')) {
        this.next();
        operands.push((yield this.sum()) as Ast);
      }
      this.expectChar(')', open, 'the arguments');
      this.leaveDelimiter();
      return einsumNode(this.text.slice(specStart, group.end - 1), specStart, operands, spanOf(command.start, this.previousEnd()), nameSpan);
    }
  }

  /** \hat{y} is the variable y_hat (bold inside: \hat{\mathbf{y}} is a vector). */
  protected accent(): Ast {
    const command = this.next();
    const arg = this.argumentTokens(command);
    const span = spanOf(command.start, arg.end);
    let base = '';
    let bold = false;
    for (const x of arg.tokens) {
      if (x.kind === 'letter') base += x.text;
      else if (x.kind === 'command' && GREEK_COMMANDS.has(x.text)) base += x.text;
      else if (x.kind === 'command' && BOLD_COMMANDS.has(x.text)) bold = true;
      else if (this.isChar(x, '{') || this.isChar(x, '}')) continue;
      else fail('latex.unsupported', span, `\\${command.text}{…} should hold a variable name, found ${describe(x)}`);
    }
    if (base === '') fail('latex.unsupported', span, `\\${command.text}{…} should hold a variable name`);
    return this.nameWithScripts(`${base}_${ACCENTS[command.text]}`, bold ? 'bold' : 'plain', command, command.start);
  }

  /** `\mathbb{1}` (𝟏, or the indicator 𝟙[u > 0] before a bracket); `\mathbb{I}[u > 0]`, the indicator as the writer prints it. */
  protected *blackboard(): Deferred<Ast> {
    const command = this.next();
    const arg = this.argumentTokens(command);
    const span = spanOf(command.start, arg.end);
    const letter = arg.tokens.length === 1 ? arg.tokens[0].text : '';
    const bracket = (): boolean => this.isChar(this.peek(), '[') || this.isCommand(this.peek(), '{');
    if (letter === '1') {
      if (bracket()) return yield* this.indicator(command);
      return this.constantArray('ones', command, span);
    }
    if (letter === 'I' && bracket()) return yield* this.indicator(command);
    return fail('latex.unsupported', span, `\\mathbb{${arg.tokens.map((x) => x.text).join('')}} is not an expression (write declarations such as x: vector(n) separately or in a % comment)`);
  }
}
