/**
 * Shape inference, the first pass of the shape checker: walks the syntax tree left to right,
 * gives every node a shape over dimension terms (`Dims`), unifies dimensions as the operations
 * require, and fails with a `shape.*`, `name.*` or `call.*` diagnostic on the first conflict.
 * The second pass (`build.ts`) reads the resolved shapes and builds the `Expr`.
 *
 * Shape rules:
 * - `+ -`: equal shapes, or one side 1×1 (scalar expansion: the scalar is added to every entry);
 * - `*`: a 1×1 side scales, otherwise the matrix product (inner dimensions unify);
 * - `/`: only by a 1×1 divisor; `.* ./`: equal shapes, or one side 1×1;
 * - `^`: 1×1 base, or a square matrix with a non-negative integer literal exponent; `.^`: any
 *   base; both need a 1×1 exponent;
 * - functions: see `functionShape`.
 * A shape is 1×1 exactly when both of its dimensions are the integer 1 (fresh dimensions never
 * become 1), so these decisions never change as inference goes on.
 */
import type { DiagnosticCode, Span } from '../api';
import { declarationText, dimText, shape, shapeText } from '../model/shape';
import { type Ast, type CallNode, type ChainLink, type EinsumNode, type MulOp, type AddOp, type PowerNode } from './ast';
import type { Assumption, Declaration } from './declarations';
import { fail } from './diagnostics';
import { matrixExponentProblem } from '../limits/exponent';
import { checkpoint } from '../limits/budget';
import { Dims, type DimId } from './dims';
import { ARITY, arityText, DIMENSION_FUNCTIONS, ELEMENTWISE, FUNCTION_SUGGESTIONS, isFunctionName, REDUCTIONS, SQUARE_FUNCTIONS, valueArguments } from './functions';
import { AXIS_FUNCTIONS, axisArgument, NORMALIZATIONS, needsAxis } from './axes';
import { conventionalKind, isPi, type VariableKind } from './names';
import { dimensionOf, dimensionValue } from './dimensionValues';
import { astText, chainText } from './print';
import { shapeCarriers } from './usage';
import { undeclaredMessage } from './undeclaredSuggestion';

export interface DimShape {
  readonly rows: DimId;
  readonly cols: DimId;
}

export interface VariableInfo {
  readonly name: string;
  readonly kind: VariableKind;
  readonly shape: DimShape;
  readonly symmetric: boolean;
  readonly declaration?: Declaration;
  /** Undeclared (or declared by a reader, not the user): why it has this shape. */
  readonly assumed?: Assumption;
}

/** The reason of a shape from the letter conventions alone. */
export const LETTER_CONVENTION: Assumption = { by: 'letter', reason: 'letter convention' };

const NO_DIMENSION_ARGUMENTS: ReadonlyMap<Ast, DimId[]> = new Map();
const NO_SIZES: ReadonlySet<Ast> = new Set();

/** The calls whose result is a constant of their own shape: build.ts reads their remembered shapes. */
const SHAPED_CONSTANTS: ReadonlySet<string> = new Set(['ones', 'zeros', 'vector', 'matrix']);

export class ShapeInference {
  readonly dims: Dims;
  /** The shapes remembered: of the nodes visited from outside, and of the calls that make a constant of their shape (`operand`). */
  readonly shapes = new Map<Ast, DimShape>();
  /** Variables used, in order of first appearance. */
  readonly used = new Map<string, VariableInfo>();
  /** The dimensions given as arguments to eye, ones, zeros, commutation, count, unit. */
  get dimensionArguments(): ReadonlyMap<Ast, DimId[]> {
    return this.dimensionArgumentsMade ?? NO_DIMENSION_ARGUMENTS;
  }
  /** dimensionArguments, made at the first such call (most expressions have none). */
  private dimensionArgumentsMade: Map<Ast, DimId[]> | undefined;
  /** Names read as a dimension's size (a scalar constant: `/N` with X: matrix(N, n); ./dimensionValues.ts). */
  get sizes(): ReadonlySet<Ast> {
    return this.sizesMade ?? NO_SIZES;
  }
  /** sizes, made at the first (most expressions have none). */
  private sizesMade: Set<Ast> | undefined;
  private readonly declared = new Map<string, Declaration>();
  /** Names bound by `where u = …` (in order; a definition sees the names bound before it); made at the first (most requests bind none). */
  private bound: Map<string, { readonly ast: Ast; shape?: DimShape }> | undefined;
  private readonly one: DimShape;

  constructor(
    declarations: readonly Declaration[],
    private readonly dimensionValues: ReadonlySet<string> = new Set(),
    /** NumPy text: a broadcast equates the sizes NumPy requires equal (see `broadcast`). */
    private readonly broadcastFixesSizes = false,
  ) {
    // The declared dimensions, rigid, in order of first appearance (never the name of a fresh one).
    this.dims = new Dims();
    for (const d of declarations) for (const dim of d.dims) if (typeof dim === 'string') this.dims.named(dim);
    for (const d of declarations) this.declared.set(d.name, d);
    this.one = { rows: this.dims.int(1), cols: this.dims.int(1) };
  }

  private readonly isSizeName = (name: string): boolean => this.dimensionValues.has(name) && !this.declared.has(name);

  /** List the used variables in this order (a deep tree's, visited from checkpoints: syntax/check.ts). */
  reorderUsed(order: readonly string[]): void {
    const before = new Map(this.used);
    this.used.clear();
    for (const name of order) {
      const info = before.get(name);
      if (info !== undefined) this.used.set(name, info);
    }
    for (const [name, info] of before) if (!this.used.has(name)) this.used.set(name, info);
  }

  /** The variables declared but not used, in declaration order. */
  unused(): VariableInfo[] {
    const out: VariableInfo[] = [];
    for (const d of this.declared.values()) if (!this.used.has(d.name)) out.push(this.declaredVariable(d));
    return out;
  }

  /**
   * Bind a name to a definition (`where u = …`, or an assignment in Python): later definitions and
   * the expression use its value, checked once, at its first use (an unused one is not checked).
   */
  bind(name: string, ast: Ast): void {
    (this.bound ??= new Map()).set(name, { ast });
  }

  /** The shape of a bound name's definition, checked at its first use (or ahead, in a long chain of bindings: syntax/check.ts). */
  boundShape(name: string): DimShape | undefined {
    const b = this.bound?.get(name);
    if (b === undefined) return undefined;
    b.shape ??= this.visit(b.ast);
    return b.shape;
  }

  /** The definition bound to a name, if any. */
  binding(name: string): Ast | undefined {
    return this.bound?.get(name)?.ast;
  }

  /**
   * The shape of a node visited from outside: a checkpoint of a deep tree (visited before the
   * whole, syntax/check.ts), the whole, a definition. Remembered, so that the visit of the whole
   * stops at the checkpoints.
   */
  visit(node: Ast): DimShape {
    const known = this.shapes.get(node);
    if (known !== undefined) return known;
    checkpoint();
    const s = this.shapeOf(node);
    this.shapes.set(node, s);
    return s;
  }

  /**
   * The shape of an operand. A parser gives each node one parent, so an operand is visited once,
   * and its shape is remembered only where the builder reads it (build.ts: the calls that make a
   * constant of their own shape) or it was visited from outside. (A Map entry for every node of a
   * 45,000-level chain x^T^T… grew the Map to large objects: a third of the reading's time, issue 13.)
   */
  private operand(node: Ast): DimShape {
    // (Most trees have no remembered shape at all: no lookup per node then.)
    const known = this.shapes.size === 0 ? undefined : this.shapes.get(node);
    if (known !== undefined) return known;
    checkpoint();
    const s = this.shapeOf(node);
    if (node.kind === 'call' && SHAPED_CONSTANTS.has(node.name)) this.shapes.set(node, s);
    return s;
  }

  isScalar(s: DimShape): boolean {
    return this.dims.isOne(s.rows) && this.dims.isOne(s.cols);
  }

  shapeText(s: DimShape): string {
    return `${dimText(this.dims.resolve(s.rows))}×${dimText(this.dims.resolve(s.cols))}`;
  }

  private shapeOf(node: Ast): DimShape {
    if ((node.kind === 'name' || node.kind === 'product') && dimensionValue(node, this.isSizeName) !== undefined) {
      (this.sizesMade ??= new Set()).add(node);
      return this.one;
    }
    switch (node.kind) {
      case 'number':
        return this.one;
      case 'name':
        return this.boundShape(node.name) ?? this.variable(node.name, node.span).shape;
      case 'paren':
      case 'unary':
        return this.operand(node.arg);
      case 'transpose': {
        const s = this.operand(node.arg);
        return { rows: s.cols, cols: s.rows };
      }
      case 'vector':
        for (const entry of node.entries) {
          const s = this.operand(entry);
          if (!this.isScalar(s)) {
            fail('shape.vector-entry', entry.span, `the entries of a vector literal must be scalars, but ${this.described(entry, s)}`);
          }
        }
        return { rows: this.dims.int(node.entries.length), cols: this.dims.int(1) };
      case 'matrix':
        for (const entry of node.rows.flat()) {
          const s = this.operand(entry);
          if (!this.isScalar(s)) {
            fail('shape.vector-entry', entry.span, `the entries of a matrix literal must be scalars, but ${this.described(entry, s)}`);
          }
        }
        return { rows: this.dims.int(node.rows.length), cols: this.dims.int(node.rows[0].length) };
      case 'sum':
        return this.sum(node.first, node.rest);
      case 'product':
        return this.product(node.first, node.rest);
      case 'power':
        return this.power(node);
      case 'call':
        return this.call(node);
      case 'einsum':
        return this.einsum(node);
    }
  }

  // ---- variables ----

  private variable(name: string, span: Span): VariableInfo {
    const known = this.used.get(name);
    if (known) return known;
    const declaration = this.declared.get(name);
    // `pi` undeclared is the constant π (a scalar, not a variable).
    if (!declaration && isPi(name)) return { name, kind: 'scalar', shape: this.one, symmetric: false };
    let info: VariableInfo;
    if (declaration) {
      info = this.declaredVariable(declaration);
    } else {
      if (isFunctionName(name)) fail('name.function-as-variable', span, `'${name}' is a function: write ${name}(…)`);
      const kind = conventionalKind(name);
      if (kind === undefined) {
        fail('name.undeclared', span, undeclaredMessage(name));
      }
      info = { name, kind, shape: this.freshShape(kind, false), symmetric: false, assumed: LETTER_CONVENTION };
    }
    this.used.set(name, info);
    this.dims.avoid(name);
    return info;
  }

  private declaredVariable(d: Declaration): VariableInfo {
    const shape =
      d.kind === 'scalar'
        ? this.one
        : d.dims.length === 0
          ? this.freshShape(d.kind, d.symmetric)
          : { rows: this.dims.of(d.dims[0]), cols: d.kind === 'vector' ? this.dims.int(1) : this.dims.of(d.dims[1]) };
    // Two literals rather than a conditional spread, which V8 copies slowly.
    return d.assumed
      ? { name: d.name, kind: d.kind, shape, symmetric: d.symmetric, declaration: d, assumed: d.assumed }
      : { name: d.name, kind: d.kind, shape, symmetric: d.symmetric, declaration: d };
  }

  private freshShape(kind: VariableKind, square: boolean): DimShape {
    if (kind === 'scalar') return this.one;
    if (kind === 'vector') return { rows: this.dims.freshLength(), cols: this.dims.int(1) };
    if (square) {
      const n = this.dims.fresh('n');
      return { rows: n, cols: n };
    }
    const [rows, cols] = this.dims.freshMatrix();
    return { rows, cols };
  }

  // ---- operators ----

  private sum(first: Ast, rest: readonly ChainLink<AddOp>[]): DimShape {
    let acc = this.operand(first);
    for (let i = 0; i < rest.length; i++) acc = this.elementwise(first, rest, i, acc, this.operand(rest[i].operand), rest[i].op);
    return acc;
  }

  private product(first: Ast, rest: readonly ChainLink<MulOp>[]): DimShape {
    let acc = this.operand(first);
    for (let i = 0; i < rest.length; i++) {
      const link = rest[i];
      const s = this.operand(link.operand);
      switch (link.op) {
        case '*':
          if (this.isScalar(acc)) acc = s;
          else if (this.isScalar(s)) break;
          else if (this.dims.unify(acc.cols, s.rows)) acc = { rows: acc.rows, cols: s.cols };
          else {
            const inner = `inner dimensions ${dimText(this.dims.resolve(acc.cols))} and ${dimText(this.dims.resolve(s.rows))} differ`;
            this.conflict(first, rest, i, acc, s, 'shape.inner', (l, r) => `multiply ${l} by ${r}`, inner);
          }
          break;
        case '/':
          if (!this.isScalar(s)) {
            this.conflict(first, rest, i, acc, s, 'shape.divide', (l, r) => `divide ${l} by ${r}`, 'the divisor must be a scalar (for element-wise division write ./)');
          }
          break;
        case '.*':
        case './':
          acc = this.elementwise(first, rest, i, acc, s, link.op);
          break;
      }
    }
    return acc;
  }

  /**
   * One element-wise step of a chain (+ − .* ./): the shape of the chain before link `i` (`acc`)
   * combined with the shape `s` of that link's operand — a row or column broadcast over a matrix,
   * a scalar expanded (checked by `expansion`), or equal shapes; otherwise shape.mismatch.
   */
  private elementwise<Op extends string>(first: Ast, rest: readonly ChainLink<Op>[], i: number, acc: DimShape, s: DimShape, op: ElementwiseOp): DimShape {
    const expanded = this.broadcast(acc, s);
    if (expanded) return expanded;
    const operand = rest[i].operand;
    const whole = (): string => chainText(first, rest.slice(0, i + 1));
    if (this.isScalar(acc)) {
      if (!this.isScalar(s)) this.expansion(chainParts(first, rest, i), operand, s, whole);
      return s;
    }
    if (this.isScalar(s)) this.expansion([operand], () => chainText(first, rest.slice(0, i)), acc, whole);
    else if (!this.sameShape(acc, s)) this.conflict(first, rest, i, acc, s, 'shape.mismatch', ELEMENTWISE_PHRASES[op], 'the shapes differ');
    return acc;
  }

  /** Fail on link `i` of a chain: "cannot <phrase> in <the chain up to it>: <reason>", spanning the chain up to it. */
  private conflict<Op extends string>(
    first: Ast,
    rest: readonly ChainLink<Op>[],
    i: number,
    acc: DimShape,
    s: DimShape,
    code: DiagnosticCode,
    phrase: (left: string, right: string) => string,
    reason: string,
  ): never {
    const operand = rest[i].operand;
    const left = this.sideText(chainText(first, rest.slice(0, i)), acc);
    const right = this.described(operand, s, false);
    const whole = chainText(first, rest.slice(0, i + 1));
    return fail(code, { start: first.span.start, end: operand.span.end }, `cannot ${phrase(left, right)} in ${whole}: ${reason}`);
  }

  private power(node: PowerNode): DimShape {
    const base = this.operand(node.base);
    const exponent = this.operand(node.exponent);
    if (!this.isScalar(exponent)) {
      fail('shape.exponent', node.exponent.span, `the exponent in ${astText(node)} must be a scalar, but ${this.described(node.exponent, exponent)}`);
    }
    if (node.op === '.^' || this.isScalar(base)) return base;
    if (!this.dims.unify(base.rows, base.cols)) {
      fail(
        'shape.power',
        node.span,
        `cannot raise ${this.described(node.base, base, false)} to a power in ${astText(node)}: ^ needs a scalar or a square matrix (for element-wise powers write .^)`,
      );
    }
    if (matrixExponent(node.exponent) === undefined) {
      fail(
        'shape.matrix-power',
        node.exponent.span,
        `a matrix power needs an integer exponent, found ${astText(node.exponent)} in ${astText(node)} (for element-wise powers write .^)`,
      );
    }
    const tooLarge = matrixExponentProblem(Math.abs(matrixExponent(node.exponent) as number), node.exponent.span, () => astText(node));
    if (tooLarge) fail(tooLarge.code, tooLarge, tooLarge.message);
    return base;
  }

  // ---- einsum ----

  /** Each operand takes as many letters as it has axes; a letter has one length throughout. */
  private einsum(node: EinsumNode): DimShape {
    const { spec, operands, specText } = node;
    if (spec.inputs.length !== operands.length) {
      const given = `${operands.length} operand${operands.length === 1 ? ' is' : 's are'} given`;
      fail('einsum.operands', spec.span, `the einsum spec '${specText}' has subscripts for ${spec.inputs.length} operand${spec.inputs.length === 1 ? '' : 's'}, but ${given}`);
    }
    const lengths = new Map<string, { readonly dim: DimId; readonly operand: Ast }>();
    operands.forEach((operand, k) => {
      const s = this.operand(operand);
      const sub = spec.inputs[k];
      const axes = this.isScalar(s) ? [] : this.dims.isOne(s.cols) ? [s.rows] : this.dims.isOne(s.rows) ? [s.cols] : [s.rows, s.cols];
      if (sub.letters.length !== axes.length) {
        const what = ['a scalar', 'a vector', 'a matrix'][axes.length];
        const wanted = ['no subscripts', 'one subscript letter', 'two subscript letters'][axes.length];
        const written = sub.letters.length === 0 ? 'no subscripts' : `the subscripts '${sub.letters}'`;
        const span = sub.letters.length === 0 ? spec.span : sub.span;
        fail('einsum.rank', span, `${written} do not fit operand ${k + 1} of '${specText}': ${this.described(operand, s)}, ${what}, which takes ${wanted}`);
      }
      [...sub.letters].forEach((c, i) => {
        const known = lengths.get(c);
        if (!known) lengths.set(c, { dim: axes[i], operand });
        else if (!this.dims.unify(known.dim, axes[i])) {
          const was = dimText(this.dims.resolve(known.dim));
          const now = dimText(this.dims.resolve(axes[i]));
          fail('einsum.dimension', sub.letterSpans[i], `the index '${c}' has length ${was} in ${astText(known.operand)} but ${now} in ${astText(operand)}`);
        }
      });
    });
    const out = spec.output.letters;
    const length = (c: string): DimId => (lengths.get(c) as { dim: DimId }).dim;
    if (spec.split !== undefined) return this.groupedOutput(node, [...out.slice(0, spec.split)].map(length), [...out.slice(spec.split)].map(length));
    if (out.length > 2) {
      const span = spec.explicit ? spec.output.span : spec.span;
      const implicit = spec.explicit ? '' : ` (without '->' the output is the letters that occur once: write the output after '->')`;
      fail('einsum.output', span, `the einsum output '${out}' has ${out.length} indices, but results are scalars, vectors and matrices (at most 2)${implicit}`);
    }
    if (out.length === 0) return this.one;
    return { rows: length(out[0]), cols: out.length === 2 ? length(out[1]) : this.dims.int(1) };
  }

  /** A grouped output (->ab|pq): rows and columns of the products of their letters' lengths, which must be known. */
  private groupedOutput(node: EinsumNode, rows: readonly DimId[], cols: readonly DimId[]): DimShape {
    const product = (ds: readonly DimId[]): DimId => {
      let p: DimId | undefined = this.dims.int(1);
      for (const d of ds) p = p === undefined ? undefined : this.dims.product(p, d);
      if (p === undefined) fail('einsum.output', node.spec.output.span, `the lengths of the grouped output's indices in '${node.specText}' must be known: declare the operands' sizes`);
      return p as DimId;
    };
    return { rows: product(rows), cols: product(cols) };
  }

  // ---- functions ----

  private call(node: CallNode): DimShape {
    const { name, args } = node;
    if (!isFunctionName(name)) {
      const suggestion = FUNCTION_SUGGESTIONS[name];
      const isVariable = this.declared.has(name) || conventionalKind(name) !== undefined;
      const hint = suggestion
        ? `: did you mean ${suggestion}?`
        : isVariable
          ? ` ('${name}' is a variable: for a product write ${name}*(…))`
          : '';
      fail('name.unknown-function', node.nameSpan, `unknown function '${name}'${hint}`);
    }
    const [min, max] = ARITY[name];
    if (args.length < min || args.length > max) fail('call.arity', node.span, `${name} takes ${arityText(name)}, found ${args.length}`);
    const shapes = valueArguments(node).map((a) => this.operand(a));
    const [s] = shapes;
    if (DIMENSION_FUNCTIONS.has(name)) {
      const ds = args.map((a) => this.dimensionArgument(name, a));
      (this.dimensionArgumentsMade ??= new Map()).set(node, ds);
      switch (name) {
        case 'eye':
          return { rows: ds[0], cols: ds[0] };
        case 'count':
          return this.one;
        case 'commutation': {
          const n = this.dims.product(ds[0], ds[1]) as DimId;
          return { rows: n, cols: n };
        }
        default:
          return { rows: ds[0], cols: ds.length > 1 ? ds[1] : this.dims.int(1) };
      }
    }
    if (name === 'size') {
      // size(A, 1) rows, size(A, 2) columns: a scalar, the size node of that dimension (build.ts).
      const d = this.indexArgument(name, args[1]);
      if (d > 2) fail('call.argument', args[1].span, `size(${astText(args[0])}, ${d}): an array here has 2 dimensions, rows (1) and columns (2)`);
      (this.dimensionArgumentsMade ??= new Map()).set(node, [d === 1 ? s.rows : s.cols]);
      return this.one;
    }
    if (name === 'numel') {
      // numel(A): the number of entries, a scalar, the size node of rows·cols (build.ts), as count(m, n).
      (this.dimensionArgumentsMade ??= new Map()).set(node, [s.rows, s.cols]);
      return this.one;
    }
    if (name === 'unit') {
      const n = this.dimensionArgument(name, args[0]);
      (this.dimensionArgumentsMade ??= new Map()).set(node, [n]);
      this.indexArgument(name, args[1]);
      return { rows: n, cols: this.dims.int(1) };
    }
    if (name === 'entry') {
      const i = this.indexArgument(name, args[1]);
      const j = this.indexArgument(name, args[2]);
      const rows = this.dims.known(s.rows);
      const cols = this.dims.known(s.cols);
      if ((typeof rows === 'number' && i > rows) || (typeof cols === 'number' && j > cols)) {
        fail('call.argument', node.span, `the index (${i}, ${j}) is outside ${this.described(args[0], s, false)}`);
      }
      return this.one;
    }
    if (name === 'vector' || name === 'matrix') {
      if (constantArgument(args[0]) === undefined) {
        fail('call.argument', args[0].span, `${name}(c) takes a number, e.g. ${name}(1) (for a·𝟏 write a*${name}(1))`);
      }
      return name === 'vector'
        ? this.freshShape('vector', false)
        : this.freshShape('matrix', false);
    }
    if (name === 'max' || name === 'min') {
      const zeroFirst = isLiteralZero(args[0]);
      if (zeroFirst || isLiteralZero(args[1])) return zeroFirst ? shapes[1] : shapes[0];
      // Element-wise max(a, b) of two broadcast-compatible arrays (a scalar goes everywhere).
      const [a, b] = shapes;
      const expanded = this.broadcast(a, b);
      if (expanded) return expanded;
      if (this.isScalar(a) !== this.isScalar(b)) {
        const [small, big, bigShape] = this.isScalar(a) ? [args[0], args[1], b] : [args[1], args[0], a];
        this.expansion([small], big, bigShape, () => astText(node));
      }
      if (this.isScalar(a)) return b;
      if (this.isScalar(b) || this.sameShape(a, b)) return a;
      return fail('shape.mismatch', node.span, `${name}(a, b) needs arrays of one shape (or a row or column to expand), but ${this.described(args[0], a)} and ${this.described(args[1], b)}`);
    }
    if (AXIS_FUNCTIONS.has(name)) return this.alongAxis(node, s);
    if (ELEMENTWISE.has(name)) return s;
    if (REDUCTIONS.has(name)) return this.one;
    if (SQUARE_FUNCTIONS.has(name)) {
      this.requireSquare(name, args[0], s);
      return name === 'inv' ? s : this.one;
    }
    switch (name) {
      case 'kron': {
        const [a, b] = shapes;
        const rows = this.dims.product(a.rows, b.rows);
        const cols = this.dims.product(a.cols, b.cols);
        if (rows === undefined || cols === undefined) this.unknownSizes(node, args);
        return { rows: rows as DimId, cols: cols as DimId };
      }
      case 'vec': {
        const rows = this.dims.product(s.rows, s.cols);
        if (rows === undefined) this.unknownSizes(node, args);
        return { rows: rows as DimId, cols: this.dims.int(1) };
      }
      case 'diag':
        if (this.dims.isOne(s.cols)) return { rows: s.rows, cols: s.rows };
        if (this.dims.isOne(s.rows)) return { rows: s.cols, cols: s.cols };
        this.requireSquare('diag of a matrix', args[0], s);
        return { rows: s.rows, cols: this.dims.int(1) };
      case 'dot': {
        const [u, v] = shapes;
        args.forEach((a, i) => {
          const t = shapes[i];
          if (!this.dims.isOne(t.cols) || this.dims.isOne(t.rows)) {
            fail('shape.vector-argument', a.span, `dot needs two column vectors, but ${this.described(a, t)}`);
          }
        });
        if (!this.dims.unify(u.rows, v.rows)) {
          fail(
            'shape.mismatch',
            node.span,
            `dot needs vectors of the same length, but ${this.described(args[0], u)} and ${this.described(args[1], v, false)}`,
          );
        }
        return this.one;
      }
    }
    throw new Error(`no shape rule for function ${name}`);
  }

  /** sum, mean, logsumexp, softmax, logsoftmax: of all entries, or along dimension 1 or 2 (syntax/axes.ts). */
  private alongAxis(node: CallNode, s: DimShape): DimShape {
    const { name, args } = node;
    const d = args.length > 1 ? axisArgument(name, args[1]) : undefined;
    if (NORMALIZATIONS.has(name)) {
      if (this.isScalar(s)) fail('shape.vector-argument', args[0].span, `${name} needs a vector or a matrix with a dimension, but ${this.described(args[0], s)}`);
      if (d === undefined && !this.dims.isOne(s.rows) && !this.dims.isOne(s.cols)) needsAxis(name, node.span, astText(args[0]));
      return s;
    }
    if (d === undefined) {
      if (name === 'logsumexp' && !this.dims.isOne(s.rows) && !this.dims.isOne(s.cols)) needsAxis(name, node.span, astText(args[0]));
      return this.one;
    }
    return d === 2 ? { rows: s.rows, cols: this.dims.int(1) } : { rows: this.dims.int(1), cols: s.cols };
  }

  /** A dimension: a name, a positive integer, or a product of them (m*n). */
  private dimensionArgument(fn: string, arg: Ast): DimId {
    const d = dimensionOf(arg);
    if (d === undefined) {
      fail('call.argument', arg.span, `${fn} takes a dimension (a name or a positive integer), e.g. ${fn}(n), found ${astText(arg)}`);
    }
    return this.dims.of(d);
  }

  /** A 1-based index: a positive integer literal. */
  private indexArgument(fn: string, arg: Ast): number {
    if (arg.kind === 'number' && Number.isInteger(arg.value) && arg.value >= 1) return arg.value;
    return fail('call.argument', arg.span, `${fn} takes a positive integer index here, found ${astText(arg)}`);
  }

  private unknownSizes(node: CallNode, args: readonly Ast[]): never {
    const names = args.map((a) => astText(a)).join(' and ');
    return fail('shape.unknown-size', node.span, `${node.name} needs the sizes of ${names} to be known: declare them, e.g. A: matrix(m, n)`);
  }

  private requireSquare(what: string, arg: Ast, s: DimShape): void {
    if (!this.dims.unify(s.rows, s.cols)) {
      fail('shape.square', arg.span, `${what} needs a square matrix, but ${this.described(arg, s)}`);
    }
  }

  // ---- helpers ----

  /**
   * A scalar expanded against a vector or matrix (in + − .* ./ max min) must not be a scalar only
   * by its letter: in `W*x + b` with b undeclared, b could be a scalar added to every entry or a
   * vector of the same length, and the derivatives differ — an error asking for a declaration.
   * A scalar by declaration, by a use that requires one (`b^2`, `c` in `a/c`), a number, π or a
   * size is expanded as written.
   */
  private expansion(scalarParts: readonly Ast[], other: Ast | (() => string), otherShape: DimShape, whole: () => string): void {
    const names = scalarParts.flatMap(shapeCarriers);
    const seen = new Set<string>();
    for (let k = 0; k < names.length; k++) {
      const n = names[k];
      if (n.kind !== 'name' || seen.has(n.name)) continue;
      seen.add(n.name);
      const bound = this.binding(n.name);
      if (bound !== undefined) {
        names.push(...shapeCarriers(bound));
        continue;
      }
      const v = this.used.get(n.name);
      if (v === undefined || v.kind !== 'scalar' || v.assumed?.by !== 'letter' || this.sizes.has(n)) continue;
      const otherText = typeof other === 'function' ? other() : astText(other);
      const resolved = shape(this.dims.resolve(otherShape.rows), this.dims.resolve(otherShape.cols));
      const alternative = declarationText(resolved);
      fail(
        'shape.ambiguous',
        n.span,
        `'${n.name}' is a scalar only by its letter, but in ${whole()} it could as well be a ${alternative} like ${otherText} (${shapeText(resolved)}), ` +
          `and the derivatives differ: declare it, e.g. ${n.name}: ${alternative} or ${n.name}: scalar`,
      );
    }
  }

  /**
   * Implicit expansion (MATLAB since R2016b, NumPy broadcasting) in + − .* ./ max min: a 1×n row
   * against an m×n matrix is applied to every row, an m×1 column to every column. In the plain
   * syntax only when the shared dimension is already the same one (declared or inferred): a
   * broadcast never unifies dimensions, so a mistyped shape stays an error naming both shapes. In
   * NumPy text (`broadcastFixesSizes`) a row's size is NumPy's to require equal — the length of the
   * 1-D b of `X @ W + b` is the column count of X @ W — so an undeclared size is unified with the
   * other; two declared sizes never are, nor the rows and columns of one matrix (`Z -
   * logsumexp(Z, axis=1)` is NumPy's error, not a square Z). The result's shape, or undefined when
   * this is not a broadcast.
   */
  broadcast(a: DimShape, b: DimShape): DimShape | undefined {
    const matrix = (s: DimShape): boolean => !this.dims.isOne(s.rows) && !this.dims.isOne(s.cols);
    // NumPy's rule is a row's: a 1-D array is aligned with the last axis. A column beside an array
    // may be a 1-D array the reader could not orient (beside a name of unknown shape), so it fixes nothing.
    const rowFits = (x: DimId, y: DimId): boolean =>
      this.dims.same(x, y) || (this.broadcastFixesSizes && !this.dims.sidesOfOneMatrix(x, y) && this.dims.unify(x, y));
    const fits = (m: DimShape, v: DimShape): boolean =>
      (this.dims.isOne(v.rows) && !this.dims.isOne(v.cols) && rowFits(v.cols, m.cols)) ||
      (this.dims.isOne(v.cols) && !this.dims.isOne(v.rows) && this.dims.same(v.rows, m.rows));
    if (matrix(a) && !matrix(b) && fits(a, b)) return a;
    if (matrix(b) && !matrix(a) && fits(b, a)) return b;
    return undefined;
  }

  private sameShape(a: DimShape, b: DimShape): boolean {
    return this.dims.unifyAll([
      [a.rows, b.rows],
      [a.cols, b.cols],
    ]);
  }

  /** "x is n×1" (or "x (n×1)" when `is` is false). */
  private described(node: Ast, s: DimShape, is = true): string {
    return is ? `${astText(node)} is ${this.shapeText(s)}` : this.sideText(astText(node), s);
  }

  private sideText(text: string, s: DimShape): string {
    return `${text} (${this.shapeText(s)})`;
  }
}

/** The value of a number literal, with optional signs and parentheses: vector(-1), vector((2)). */
export function constantArgument(node: Ast): number | undefined {
  let sign = 1;
  let n: Ast = node;
  for (;;) {
    if (n.kind === 'paren') n = n.arg;
    else if (n.kind === 'unary') {
      if (n.op === '-') sign = -sign;
      n = n.arg;
    } else break;
  }
  return n.kind === 'number' ? sign * n.value : undefined;
}

/** The exponent of a matrix power: an integer literal, signs and parentheses allowed (X^-1 = inv(X), X^(-2) = inv(X)^2). */
export function matrixExponent(node: Ast): number | undefined {
  const k = constantArgument(node);
  return k !== undefined && Number.isInteger(k) ? k : undefined;
}

const isLiteralZero = (node: Ast): boolean => constantArgument(node) === 0;

/** The element-wise operators of chains, and how a shape conflict of each is phrased. */
type ElementwiseOp = AddOp | '.*' | './';
const ELEMENTWISE_PHRASES: Readonly<Record<ElementwiseOp, (left: string, right: string) => string>> = {
  '+': (l, r) => `add ${l} and ${r}`,
  '-': (l, r) => `subtract ${r} from ${l}`,
  '.*': (l, r) => `multiply element-wise ${l} and ${r}`,
  './': (l, r) => `divide element-wise ${l} by ${r}`,
};

/** The operands of a chain up to link `i` (exclusive) that give it its shape (not divisors). */
const chainParts = <Op extends string>(first: Ast, rest: readonly ChainLink<Op>[], i: number): Ast[] => [
  first,
  ...rest.slice(0, i).filter((l) => l.op !== '/').map((l) => l.operand),
];
