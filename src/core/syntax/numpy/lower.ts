/**
 * Lowering Python array code to the plain syntax tree, with NumPy's meaning:
 * - `*` and `/` are element-wise (a scalar side scales), `**` is the element-wise power (`.^`);
 * - `@` is the matrix product with NumPy's 1-D rules: vector @ vector is the dot product xᵀy,
 *   matrix @ vector a vector, vector @ matrix a vector (xᵀA, read as a row and turned back into a
 *   column where a column is needed); `.T` of a 1-D vector changes nothing;
 * - functions and methods of NumPy, PyTorch, JAX and SciPy map to the plain functions
 *   (see `functions.ts`).
 * Kinds (scalar, column, row, matrix) are tracked alongside, from declarations, type hints and
 * the letter conventions; the plain shape checker checks everything afterwards.
 */
import type { Span } from '../../api';
import type { AddOp, Ast, ChainLink } from '../ast';
import { fail } from '../diagnostics';
import { elementwiseKind, isArrayKind, productKind, type Kind, type KindOracle } from '../kinds';
import {
  asAtom, callNode, einsumNode, nameNode, numberNode, parenNode, powerNode, productNode, sumNode, transposeNode, transposed, unaryNode,
} from '../nodes';
import { placeholderName, type PlaceholderKind } from '../finish';
import {
  ARITHMETIC_FUNCTIONS, ELEMENTWISE_FUNCTIONS, FUNCTION_HINTS, isKnownFunction, isModuleFunction, METHODS, MODULE_ROOTS, NORMALIZATION_MODULES, REDUCTION_FUNCTIONS, withoutModule,
} from './functions';
import { Args, Keywords, type Arg } from './arguments';
import { functionRecord } from '../../functions/index';
import { withNewAxis } from './newAxis';
import { reorderAxes, transposeInEither, type AxisOrder } from './permute';
import { activation, ACTIVATIONS } from './activations';
import { torchSoftplus } from './softplus';
import { checkArrayMethod, checkModuleFunction, checkTorchTranspose } from './libraries';
import { checkNumelMethod, checkSizeMethod, lengthOf, numelOf, sizeAttribute, type CodeLibraries } from './sizes';
import { Chain, checkFixedRanks, flatDot, innerProduct, usesNumPy, usesPyTorch, type Lowered } from './matmul';
import { varianceOf, type VarianceLibrary } from './variance';
import { along, bceWithLogits, crossEntropy, flag, library, mseLoss, normalizeAlong, plainAxis, reduceAlong, type Broadcast } from './batch';
import type { PyNode } from './parser';
import { runDeferred, type Deferred } from '../deferred';
import { table } from '../table';

export type { Lowered } from './matmul';

const BUILTINS = new Set(['sum', 'abs']);

/** An element-wise function of one lowered argument, as `apply` writes it. */
const elementwiseCall = (f: string, a: Lowered, node: Extract<PyNode, { kind: 'call' }>): Lowered => ({
  ast: callNode(f, [a.ast], node.span, node.func.span),
  kind: a.kind,
});

export class Lowerer {
  /** The placeholder variables (finish.ts), one per occurrence. */
  readonly placeholders = new Set<string>();
  private placeholder(kind: PlaceholderKind, span: Span): Ast {
    const name = placeholderName(kind, span.start);
    this.placeholders.add(name);
    return nameNode(name, span);
  }

  /** Plain names given as the class-probability target of F.cross_entropy: their rows sum to 1. */
  readonly probabilityTargets = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly oracle: KindOracle,
    /** Intermediate variables assigned earlier, already lowered. */
    private readonly bindings: ReadonlyMap<string, Lowered>,
    /** Names declared as variables (so `F.sum()` is a method of the matrix F). */
    private readonly declared: ReadonlySet<string>,
  ) {}

  /** One statement's expression, lowered (the nested ones are lowered by `lowering`, on a heap stack). */
  lower(node: PyNode): Lowered {
    return runDeferred(this.lowering(node));
  }

  /** A node lowered; a generator run by `runDeferred` (`../deferred.ts`), so deep code does not recurse on the JavaScript stack. */
  private *lowering(node: PyNode): Deferred<Lowered> {
    switch (node.kind) {
      case 'number':
        return { ast: numberNode(node.value, node.text, node.span), kind: 'scalar' };
      case 'name':
        return this.name(node.name, node.span);
      case 'paren': {
        const r = (yield this.lowering(node.arg)) as Lowered;
        return { ast: parenNode(r.ast, node.span), kind: r.kind };
      }
      case 'unary': {
        const r = (yield this.lowering(node.arg)) as Lowered;
        return { ast: unaryNode(node.op, r.ast, node.span), kind: r.kind };
      }
      case 'power':
        return yield* this.power(node);
      case 'sum':
        return yield* this.sum(node.first, node.rest);
      case 'product':
        return yield* this.product(node.first, node.rest);
      case 'attribute':
        return yield* this.attribute(node);
      case 'call':
        return yield* this.call(node);
      case 'subscript':
        return yield* this.subscript(node);
      case 'list':
        return yield* this.literal(node);
      case 'string':
        return fail('numpy.unsupported', node.span, 'a string is not an expression here');
      case 'constant':
        return fail('numpy.unsupported', node.span, `${node.value} is not an expression here`);
      case 'tuple':
        return fail('numpy.unsupported', node.span, 'a tuple is not an expression here (for a vector write np.array([a, b]))');
      case 'slice':
        return fail('numpy.unsupported', node.span, 'slices are not supported');
    }
  }

  private pyTorch: boolean | undefined;

  /**
   * Whether a product call is PyTorch's: a torch. (F., nn.) function, or an array's method (its
   * object comes lowered as the first argument) in code that uses PyTorch ('method').
   */
  private torchCall(shown: string, rawArgs: readonly Arg[]): boolean | 'method' {
    if (library(shown) === 'torch') return true;
    if (rawArgs[0]?.lowered === undefined) return false;
    return this.codeUsesPyTorch() ? 'method' : false;
  }

  /** Whether the code uses PyTorch (usesPyTorch), found once. */
  private codeUsesPyTorch(): boolean {
    this.pyTorch ??= usesPyTorch(this.text, this.declared);
    return this.pyTorch;
  }

  /** Whose var/std a call is: its module's, else (a method, a bare name) that of the library the code uses. */
  private varianceLibrary(shown: string, rawArgs: readonly Arg[]): VarianceLibrary {
    const root = shown.split('.')[0];
    if (rawArgs[0]?.lowered === undefined && shown.includes('.') && MODULE_ROOTS.has(root)) return library(shown) === 'torch' ? 'torch' : 'numpy';
    if (this.codeUsesPyTorch()) return 'torch';
    return usesNumPy(this.text, this.declared) ? 'numpy' : 'unknown';
  }

  /** Which libraries the code uses (sizes.ts). */
  private libraries(): CodeLibraries {
    return { torch: this.codeUsesPyTorch(), numpy: usesNumPy(this.text, this.declared) };
  }

  /** Whether a callee is a module's function (np.size, torch.numel), its first name a module and no variable. */
  private isModulePath(func: PyNode): boolean {
    const root = dottedPath(func)?.split('.')[0];
    return root !== undefined && MODULE_ROOTS.has(root) && !this.declared.has(root) && !this.bindings.has(root);
  }

  private source(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  private name(name: string, span: Span): Lowered {
    const bound = this.bindings.get(name);
    if (bound) return { ast: parenNode(bound.ast, span), kind: bound.kind };
    if (MODULE_ROOTS.has(name) && !this.declared.has(name) && name !== 'F') {
      fail('numpy.unsupported', span, `'${name}' is a module, not a value`);
    }
    return { ast: nameNode(name, span), kind: this.oracle(name) };
  }

  // ---- operators ----

  private *power(node: Extract<PyNode, { kind: 'power' }>): Deferred<Lowered> {
    const base = (yield this.lowering(node.base)) as Lowered;
    const exponent = (yield this.lowering(node.exponent)) as Lowered;
    if (isArrayKind(exponent.kind)) fail('numpy.unsupported', node.exponent.span, 'an array exponent is not supported: the exponent must be a scalar');
    return { ast: powerNode('.^', asAtom(base.ast), exponent.ast, node.opSpan, node.span), kind: base.kind };
  }

  private *sum(first: PyNode, rest: readonly { op: AddOp; opSpan: Span; operand: PyNode }[]): Deferred<Lowered> {
    const f = (yield this.lowering(first)) as Lowered;
    const links: { op: AddOp; opSpan: Span; r: Lowered }[] = [];
    for (const l of rest) links.push({ op: l.op, opSpan: l.opSpan, r: (yield this.lowering(l.operand)) as Lowered });
    return this.added(f, links);
  }

  /**
   * A sum with NumPy's broadcasting of 1-D arrays: with a 2-D array, trailing axes align, so a 1-D
   * vector acts as a 1×k row (X @ W + b adds b to every row); a row (xᵀA) meeting a column is the
   * column Aᵀx (1-D arrays have no orientation).
   */
  private added(f: Lowered, rest: readonly { op: AddOp; opSpan: Span; r: Lowered }[]): Lowered {
    let firstAst = f.ast;
    let acc = f.kind;
    const links: ChainLink<AddOp>[] = [];
    for (const { op, opSpan, r } of rest) {
      let operand = r.ast;
      let k = r.kind;
      if ((acc === 'row' && k === 'column') || (acc === 'column' && k === 'matrix')) {
        firstAst = transposed(links.length === 0 ? firstAst : parenNode(sumNode(firstAst, links)));
        links.length = 0;
        acc = acc === 'row' ? 'column' : 'row';
      } else if ((acc === 'column' && k === 'row') || (acc === 'matrix' && k === 'column')) {
        operand = transposed(operand);
        k = k === 'row' ? 'column' : 'row';
      }
      links.push({ op, opSpan, operand });
      acc = acc === 'matrix' || k === 'matrix' ? 'matrix' : elementwiseKind(acc, k);
    }
    return { ast: sumNode(firstAst, links), kind: acc };
  }

  /** a ± b, a * b or a / b, broadcast as NumPy does (the library losses, np.add(a, b) and the like). */
  private readonly combine: Broadcast = (a, op, b, opSpan) => {
    if (op === '+' || op === '-') return this.added(a, [{ op, opSpan, r: b }]);
    const chain = new Chain(a);
    chain.apply(op, b, opSpan, b.ast.span);
    return chain.result();
  };

  private *product(first: PyNode, rest: readonly { op: '*' | '/' | '@'; opSpan: Span; operand: PyNode }[]): Deferred<Lowered> {
    const chain = new Chain((yield this.lowering(first)) as Lowered);
    for (const link of rest) chain.apply(link.op, (yield this.lowering(link.operand)) as Lowered, link.opSpan, link.operand.span);
    return chain.result();
  }

  // ---- attributes, subscripts ----

  private *attribute(node: Extract<PyNode, { kind: 'attribute' }>): Deferred<Lowered> {
    const path = dottedPath(node);
    if (path !== undefined) {
      const constant = CONSTANTS[withoutModule(path)];
      if (constant !== undefined && MODULE_ROOTS.has(path.split('.')[0])) return { ast: numberNode(constant, path, node.span), kind: 'scalar' };
    }
    if (node.attr === 'T' || node.attr === 'mT') {
      const r = (yield this.lowering(node.object)) as Lowered;
      if (r.kind === 'matrix' || r.kind === 'unknown') return { ast: transposeNode(asAtom(r.ast), node.span), kind: r.kind };
      // .mT transposes the last two axes: PyTorch, JAX and NumPy 2 refuse it below two dimensions.
      if (node.attr === 'mT') {
        fail('numpy.argument', node.attrSpan, `.mT needs an array of at least 2 dimensions, but ${this.source(node.object.span)} is ${r.kind === 'scalar' ? 'a scalar' : '1-D'}: a 1-D array has no orientation (x[:, None] is its column, x[None, :] its row)`);
      }
      // .T of a 1-D array (or a scalar) is the array itself.
      return r;
    }
    if (node.attr === 'shape') {
      return fail('numpy.unsupported', node.attrSpan, `${this.source(node.object.span)}.shape is a tuple: write ${this.source(node.object.span)}.shape[0] for the length of its first axis (the number of rows)`);
    }
    if (node.attr === 'size') {
      const r = (yield this.lowering(node.object)) as Lowered;
      return sizeAttribute(r, node.span, node.attrSpan, this.source(node.object.span), this.libraries());
    }
    if (node.attr === 'logabsdet' && node.object.kind === 'call' && this.functionName(node.object.func) === 'slogdet') {
      return yield* this.logdetOf(node.object, node.span);
    }
    return fail('numpy.unsupported', node.attrSpan, `the attribute .${node.attr} is not supported`);
  }

  private *subscript(node: Extract<PyNode, { kind: 'subscript' }>): Deferred<Lowered> {
    const { object, index } = node;
    if (object.kind === 'attribute' && object.attr === 'shape') {
      const r = (yield this.lowering(object.object)) as Lowered;
      return lengthOf(r, index, node.span, object.object.span, this.source(object.object.span));
    }
    // PyTorch's A.size()[i], a torch.Size indexed: the length of axis i.
    if (object.kind === 'call' && object.func.kind === 'attribute' && object.func.attr === 'size' && object.args.length === 0 && object.keywords.length === 0 && !this.isModulePath(object.func)) {
      const array = object.func.object;
      checkSizeMethod(object.func.span, this.source(array.span), this.libraries());
      const r = (yield this.lowering(array)) as Lowered;
      return lengthOf(r, index, node.span, array.span, this.source(array.span), `${this.source(array.span)}.size()`);
    }
    if (object.kind === 'call' && this.functionName(object.func) === 'slogdet') {
      if (index.kind === 'number' && index.value === 1) return yield* this.logdetOf(object, node.span);
      return fail('numpy.unsupported', index.span, 'slogdet(X) is (sign, log|det X|): write slogdet(X)[1] for log det');
    }
    const r = (yield this.lowering(object)) as Lowered;
    const indices = index.kind === 'tuple' ? index.items : [index];
    const reshaped = withNewAxis(node, indices, r.ast, r.kind, (s) => this.source(s));
    if (reshaped !== undefined) return reshaped;
    const ints = indices.map((i) => (i.kind === 'number' && Number.isInteger(i.value) && i.value >= 0 ? i.value + 1 : undefined));
    if (ints.some((i) => i === undefined)) return fail('numpy.unsupported', index.span, 'only entries with non-negative integer indices are supported (no slices)');
    const at = ints as number[];
    const num = (v: number): Ast => numberNode(v, String(v), index.span);
    if ((r.kind === 'column' || r.kind === 'unknown') && at.length === 1) return { ast: callNode('entry', [r.ast, num(at[0]), num(1)], node.span), kind: 'scalar' };
    if (r.kind === 'row' && at.length === 1) return { ast: callNode('entry', [r.ast, num(1), num(at[0])], node.span), kind: 'scalar' };
    if (r.kind === 'matrix' && at.length === 2) return { ast: callNode('entry', [r.ast, num(at[0]), num(at[1])], node.span), kind: 'scalar' };
    return fail('numpy.unsupported', index.span, r.kind === 'matrix' ? 'index a matrix entry with two indices, A[i, j]' : 'this indexing is not supported');
  }

  private *logdetOf(call: Extract<PyNode, { kind: 'call' }>, span: Span): Deferred<Lowered> {
    if (call.args.length !== 1) fail('call.arity', call.span, 'slogdet takes 1 argument');
    const arg = (yield this.lowering(call.args[0])) as Lowered;
    return { ast: callNode('logdet', [arg.ast], span, call.func.span), kind: 'scalar' };
  }

  /** The known function a call's callee names (after module prefixes), or undefined. */
  private functionName(func: PyNode): string | undefined {
    const path = dottedPath(func);
    if (path === undefined) return undefined;
    const name = withoutModule(path);
    return name.startsWith('linalg.') ? name.slice('linalg.'.length) : name;
  }

  // ---- calls ----

  private *call(node: Extract<PyNode, { kind: 'call' }>): Deferred<Lowered> {
    const func = node.func;
    const shown = this.source(func.span);
    if (func.kind === 'name') {
      if (this.bindings.has(func.name) || this.declared.has(func.name)) {
        fail('numpy.unsupported', func.span, `'${func.name}' is a variable, not a function`);
      }
      if (func.name === 'len') {
        if (node.args.length !== 1 || node.keywords.length !== 0) fail('call.arity', node.span, 'len takes 1 argument');
        const r = (yield this.lowering(node.args[0])) as Lowered;
        return lengthOf(r, { kind: 'number', value: 0, text: '0', span: node.func.span }, node.span, node.args[0].span, this.source(node.args[0].span));
      }
      if (func.name === 'float' || func.name === 'int') {
        if (node.args.length !== 1) fail('call.arity', node.span, `${func.name} takes 1 argument`);
        return (yield this.lowering(node.args[0])) as Lowered;
      }
      if (BUILTINS.has(func.name) || isKnownFunction(func.name)) {
        const f = this.elementwiseOfOne(func.name, node);
        if (f !== undefined) return elementwiseCall(f, (yield this.lowering(node.args[0])) as Lowered, node);
        return yield* this.apply(func.name, shown, node.args.map((a) => ({ node: a })), node);
      }
      return this.unknownFunction(func.name, func.span);
    }
    if (func.kind === 'attribute') {
      const path = dottedPath(func);
      const root = path?.split('.')[0];
      if (path !== undefined && root !== undefined && MODULE_ROOTS.has(root) && !this.declared.has(root) && !this.bindings.has(root)) {
        const name = withoutModule(path);
        if (isModuleFunction(name) && root === 'math') return yield* this.mathCall(name, shown, node);
        if (isModuleFunction(name)) {
          checkModuleFunction(path, name, func.span);
          const f = this.elementwiseOfOne(name, node);
          if (f !== undefined) return elementwiseCall(f, (yield this.lowering(node.args[0])) as Lowered, node);
          return yield* this.apply(name, shown, node.args.map((a) => ({ node: a })), node);
        }
        if (root !== 'F') return this.unknownFunction(path, func.span);
      }
      const method = METHODS[func.attr];
      // F.layer_norm: a function of torch.nn.functional (F not a variable), not a method of a matrix F.
      if (method === undefined && path !== undefined && root === 'F' && !this.declared.has(root) && !this.bindings.has(root)) return this.unknownFunction(path, func.span);
      if (method === undefined) {
        const hint = FUNCTION_HINTS[func.attr];
        return fail('name.unknown-function', func.attrSpan, `unknown method .${func.attr}()${hint ? `: ${hint}` : ''}`);
      }
      checkArrayMethod(func.attr, this.source(func.object.span), func.span, this.libraries());
      if (method === 'transpose' && node.args.length + node.keywords.length < 2) checkTorchTranspose(this.source(func.object.span), node.span, this.libraries());
      const self = (yield this.lowering(func.object)) as Lowered;
      return yield* this.apply(method, shown, [{ lowered: self }, ...node.args.map((a) => ({ node: a }))], node);
    }
    // nn.LayerNorm(d)(x): a normalization module called on its input, refused with the hint of its function.
    const module = func.kind === 'call' ? dottedPath(func.func) : undefined;
    const normalization = module === undefined ? undefined : NORMALIZATION_MODULES[module.split('.').pop() as string];
    if (module !== undefined && normalization !== undefined && func.kind === 'call') {
      return fail('name.unknown-function', func.func.span, `unknown module '${module}': ${FUNCTION_HINTS[normalization]}`);
    }
    return fail('numpy.unsupported', func.span, 'only calls of named functions are supported');
  }

  /** math.sqrt(d), math.exp(…): Python's math module takes numbers (mathNumbers.ts); an array is refused. */
  private *mathCall(name: string, shown: string, node: Extract<PyNode, { kind: 'call' }>): Deferred<Lowered> {
    const args: Arg[] = [];
    for (const a of node.args) {
      const lowered = (yield this.lowering(a)) as Lowered;
      if (isArrayKind(lowered.kind)) {
        fail('numpy.argument', a.span, `${shown} takes a number (Python's math module), but ${this.source(a.span)} is an array: write np.${name}(…) or torch.${name}(…) for it entry by entry`);
      }
      args.push({ lowered });
    }
    return yield* this.apply(name, shown, args, node);
  }

  /**
   * np.einsum / jnp.einsum('ij,jk->ik', A, B), torch.einsum('ij,jk->ik', A, B) or with the
   * operands in one list (torch.einsum('ij,jk', [A, B])); `optimize` changes only the speed.
   */
  private *einsum(rawArgs: readonly Arg[], kw: Keywords, shown: string, node: Extract<PyNode, { kind: 'call' }>): Deferred<Lowered> {
    kw.allow(['optimize']);
    const first = rawArgs[0]?.node;
    if (first?.kind !== 'string') {
      return fail('einsum.spec', first?.span ?? node.span, `${shown} takes the subscripts as a string first, e.g. ${shown}('ij,jk->ik', A, B)`);
    }
    let operands = rawArgs.slice(1);
    const only = operands.length === 1 ? operands[0].node : undefined;
    if (only && (only.kind === 'list' || only.kind === 'tuple')) operands = only.items.map((n) => ({ node: n }));
    const lowered: Lowered[] = [];
    for (const a of operands) lowered.push(a.lowered ?? ((yield this.lowering(a.node as PyNode)) as Lowered));
    const q = this.text[first.span.start];
    const quote = this.text.startsWith(q.repeat(3), first.span.start) && first.span.end - first.span.start >= 6 ? 3 : 1;
    const ast = einsumNode(first.value, first.span.start + quote, lowered.map((l) => l.ast), node.span, node.func.span);
    const rank = ast.kind === 'einsum' ? ast.spec.output.letters.length : 0;
    return { ast, kind: rank === 0 ? 'scalar' : rank === 1 ? 'column' : 'matrix' };
  }

  private unknownFunction(name: string, span: Span): never {
    const last = name.split('.').pop() as string;
    const hint = FUNCTION_HINTS[last];
    return fail('name.unknown-function', span, `unknown function '${name}'${hint ? `: ${hint}` : ''}`);
  }

  /**
   * The element-wise function a call of one positional argument and no keywords applies, if it
   * applies one: such a call is lowered without `apply` (whose checks it passes: no keyword to
   * refuse, one argument), so each level of np.exp(np.exp(…)) pauses two rules instead of four
   * and makes no argument and keyword tables.
   */
  private elementwiseOfOne(name: string, node: Extract<PyNode, { kind: 'call' }>): string | undefined {
    if (node.args.length !== 1 || node.keywords.length !== 0) return undefined;
    return ELEMENTWISE_FUNCTIONS[name.startsWith('linalg.') ? name.slice('linalg.'.length) : name];
  }

  /** Apply a known function (by its name after the module prefix) to arguments. */
  private *apply(name: string, shown: string, rawArgs: readonly Arg[], node: Extract<PyNode, { kind: 'call' }>): Deferred<Lowered> {
    const fn = name.startsWith('linalg.') ? name.slice('linalg.'.length) : name;
    const kw = new Keywords(node.keywords, shown);
    const args = new Args(rawArgs, (n) => this.lowering(n), shown, node.span);
    const span = node.span;
    const nameSpan = node.func.span;
    const call = (plain: string, as: Ast[], kind: Kind): Lowered => ({ ast: callNode(plain, as, span, nameSpan), kind });

    // PyTorch's softplus takes beta and threshold (softplus.ts); JAX's and the plain one take the input only.
    if (fn === 'softplus' && library(shown) === 'torch') return yield* torchSoftplus(args, kw, { shown, span, nameSpan });
    const elementwise = ELEMENTWISE_FUNCTIONS[fn];
    if (elementwise !== undefined) {
      for (const [k, why] of Object.entries(functionRecord(elementwise).code.refusedKeywords ?? {})) {
        if (kw.get(k) !== undefined) fail('numpy.argument', kw.get(k)?.span ?? span, `${shown}(…, ${k}=…): ${why}`);
      }
      kw.allow([]);
      args.count(1);
      const a = yield* args.get(0);
      return call(elementwise, [a.ast], a.kind);
    }
    const reduction = REDUCTION_FUNCTIONS[fn] ?? REDUCTION_FUNCTIONS[name];
    const site = { shown, span, nameSpan };
    if (reduction === 'sum' || reduction === 'mean' || reduction === 'logsumexp') return yield* reduceAlong(reduction, args, kw, site, rawArgs[0]?.lowered !== undefined);
    if (reduction !== undefined) {
      kw.allow(['axis', 'dim', 'keepdims', 'keepdim', 'dtype']);
      args.count(1, 2);
      const a = yield* args.get(0);
      this.wholeArray(a, kw.get('axis') ?? kw.get('dim') ?? args.raw(1), shown);
      if (reduction === 'tr' && a.kind !== 'matrix' && a.kind !== 'unknown') fail('shape.square', a.ast.span, `${shown} needs a square matrix`);
      return call(reduction, [a.ast], 'scalar');
    }
    if (ACTIVATIONS[fn] !== undefined) return yield* activation(fn, args, kw, site, library(shown));
    const arithmetic = ARITHMETIC_FUNCTIONS[fn];
    if (arithmetic !== undefined) {
      kw.allow([]);
      args.count(2);
      const a = yield* args.get(0);
      const b = yield* args.get(1);
      // The operands are whole expressions (bracketed as the call brackets them); the operator's span is the name.
      return this.combine(a, arithmetic, b, nameSpan);
    }
    switch (fn) {
      case 'numel':
      case 'size':
        return yield* this.sizeCall(fn, shown, rawArgs, args, kw, span, nameSpan);
      case 'square': {
        kw.allow([]);
        args.count(1);
        const a = yield* args.get(0);
        return { ast: powerNode('.^', asAtom(a.ast), numberNode(2, '2', nameSpan), nameSpan, span), kind: a.kind };
      }
      case 'power':
      case 'pow':
      case 'float_power': {
        kw.allow(['exponent']);
        args.count(1, 2);
        const a = yield* args.get(0);
        const k = args.has(1) ? yield* args.get(1) : yield* kw.lowered('exponent', (n) => this.lowering(n));
        if (!k) return fail('call.arity', span, `${shown} takes 2 arguments`);
        if (isArrayKind(k.kind)) fail('numpy.unsupported', k.ast.span, 'an array exponent is not supported: the exponent must be a scalar');
        return { ast: powerNode('.^', asAtom(a.ast), k.ast, nameSpan, span), kind: a.kind };
      }
      case 'maximum':
      case 'minimum': {
        kw.allow([]);
        args.count(2);
        const a = yield* args.get(0);
        const b = yield* args.get(1);
        // NumPy's broadcasting: a 1-D vector beside a 2-D array is a row.
        const row = (x: Lowered, other: Lowered): Ast => (x.kind === 'column' && other.kind === 'matrix' ? transposed(x.ast) : x.ast);
        const kind = a.kind === 'matrix' || b.kind === 'matrix' ? 'matrix' : elementwiseKind(a.kind, b.kind);
        return call(fn === 'maximum' ? 'max' : 'min', [row(a, b), row(b, a)], kind);
      }
      case 'clip':
      case 'clamp':
      case 'clamp_min':
      case 'clamp_max':
        return yield* this.clip(fn, args, kw, shown, span, nameSpan);
      case 'softmax':
      case 'log_softmax':
        return yield* normalizeAlong(fn === 'log_softmax', args, kw, site);
      case 'mse_loss':
        return yield* mseLoss(args, kw, site, this.combine);
      case 'cross_entropy':
        return yield* crossEntropy(args, kw, site, this.combine, (n) => this.probabilityTargets.add(n));
      case 'binary_cross_entropy_with_logits':
        return yield* bceWithLogits(args, kw, site, this.combine);
      case 'var':
      case 'std':
        return yield* varianceOf(fn === 'std', args, kw, site, this.varianceLibrary(shown, rawArgs), this.combine);
      case 'norm':
      case 'vector_norm':
      case 'matrix_norm':
        // torch.norm and the tensor's .norm() flatten a matrix as vector_norm does (NumPy's arrays have no .norm).
        return yield* this.norm(fn === 'vector_norm' || (name === 'norm' && (library(shown) === 'torch' || rawArgs[0]?.lowered !== undefined)), args, kw, shown, span, nameSpan);
      case 'inv':
      case 'inverse': {
        kw.allow([]);
        args.count(1);
        const a = yield* args.get(0);
        return call('inv', [a.ast], a.kind);
      }
      case 'einsum':
        return yield* this.einsum(rawArgs, kw, shown, node);
      case 'linear': {
        // torch.nn.functional.linear(input, weight, bias=None) = input @ weight.T + bias (weight out×in).
        // Bare, linear(…) may be the code's own function: only F.linear and its longer spellings read.
        if (!shown.includes('.')) return this.unknownFunction(shown, nameSpan);
        kw.allow(['bias']);
        args.count(2, 3);
        const x = yield* args.get(0);
        const w = yield* args.get(1);
        const weightT: Lowered = w.kind === 'matrix' || w.kind === 'unknown' ? { ast: transposeNode(asAtom(w.ast), w.ast.span), kind: w.kind } : w;
        const chain = new Chain(x);
        chain.apply('@', weightT, nameSpan, w.ast.span);
        const xw = chain.result();
        const biasNode = args.has(2) ? args.raw(2) : kw.get('bias');
        if (biasNode === undefined || (biasNode.kind === 'constant' && biasNode.value === 'None')) return xw;
        const bias = args.has(2) ? yield* args.get(2) : ((yield this.lowering(biasNode)) as Lowered);
        return this.combine(xw, '+', bias, nameSpan);
      }
      case 'slogdet':
        return fail('numpy.unsupported', span, `${shown}(X) is (sign, log|det X|): write ${shown}(X)[1] for log det`);
      case 'solve': {
        kw.allow([]);
        args.count(2);
        const a = yield* args.get(0);
        const b = yield* args.get(1);
        if (b.kind === 'scalar') fail('numpy.argument', b.ast.span, `${shown}(A, b): b must be a vector or a matrix, found a scalar (declare it, e.g. a vector)`);
        const rhs = b.kind === 'row' ? transposed(b.ast) : b.ast;
        return { ast: parenNode(productNode(callNode('inv', [a.ast], span, nameSpan), [{ op: '*', opSpan: nameSpan, operand: rhs }]), span), kind: productKind('matrix', b.kind === 'row' ? 'column' : b.kind) };
      }
      case 'matrix_power': {
        kw.allow([]);
        args.count(2);
        const a = yield* args.get(0);
        const k = yield* args.get(1);
        return { ast: powerNode('^', asAtom(a.ast), k.ast, nameSpan, span), kind: a.kind };
      }
      case 'inner':
      case 'vdot': {
        kw.allow([]);
        args.count(2);
        const a = yield* args.get(0);
        const b = yield* args.get(1);
        checkFixedRanks(fn, this.torchCall(shown, rawArgs), [a, b], shown, (s) => this.source(s));
        const r = (fn === 'inner' ? innerProduct : flatDot)(a, b, shown, span, nameSpan);
        return { ast: parenNode(r.ast, span), kind: r.kind };
      }
      case 'dot':
      case 'matmul':
      case 'mm':
      case 'mv': {
        kw.allow([]);
        args.count(2);
        const a = yield* args.get(0);
        const b = yield* args.get(1);
        checkFixedRanks(fn, this.torchCall(shown, rawArgs), [a, b], shown, (s) => this.source(s));
        const chain = new Chain(a);
        const scalar = a.kind === 'scalar' || b.kind === 'scalar';
        chain.apply(scalar && fn === 'dot' ? '*' : '@', b, nameSpan, b.ast.span);
        const r = chain.result();
        return { ast: parenNode(r.ast, span), kind: r.kind };
      }
      case 'outer':
      case 'ger': {
        kw.allow([]);
        args.count(2);
        const u = yield* args.get(0);
        const v = yield* args.get(1);
        checkFixedRanks(fn, this.torchCall(shown, rawArgs), [u, v], shown, (s) => this.source(s));
        const column = u.kind === 'row' ? transposed(u.ast) : u.ast;
        const row = v.kind === 'row' ? v.ast : transposed(v.ast);
        return { ast: parenNode(productNode(column, [{ op: '*', opSpan: nameSpan, operand: row }]), span), kind: 'matrix' };
      }
      case 'diag':
      case 'diagflat':
      case 'diag_embed':
      case 'diagonal': {
        kw.allow([]);
        args.count(1);
        const a = yield* args.get(0);
        if (fn === 'diagonal' && a.kind !== 'matrix' && a.kind !== 'unknown') fail('shape.square', a.ast.span, `${shown} needs a matrix`);
        return call('diag', [a.ast], a.kind === 'matrix' ? 'column' : 'matrix');
      }
      case 't': {
        kw.allow([]);
        args.count(1);
        const a = yield* args.get(0);
        if (a.kind === 'matrix' || a.kind === 'unknown') return { ast: transposeNode(asAtom(a.ast), span), kind: a.kind };
        return a;
      }
      case 'transpose':
      case 'permute':
      case 'permute_dims':
      case 'swapaxes':
      case 'swapdims':
      case 'moveaxis':
      case 'movedim':
        return yield* this.reordered(fn, shown, rawArgs, args, kw, span);
      case 'eye':
      case 'identity': {
        kw.allow(['dtype', 'device']);
        args.count(1, 2);
        const d = this.dimension(args.raw(0));
        if (d) return call('eye', [d], 'matrix');
        return { ast: this.placeholder('identity', span), kind: 'matrix' };
      }
      case 'ones':
      case 'zeros': {
        kw.allow(['dtype', 'device']);
        args.count(1, 2);
        const first = args.raw(0);
        const dims = first?.kind === 'tuple' || first?.kind === 'list' ? first.items : rawArgs.map((a) => a.node as PyNode);
        const ds = dims.map((d) => this.dimension(d));
        if (ds.every((d) => d !== undefined) && ds.length >= 1 && ds.length <= 2) {
          return call(fn, ds as Ast[], ds.length === 1 ? 'column' : 'matrix');
        }
        if (dims.length === 1) {
          return { ast: this.placeholder(fn, span), kind: 'column' };
        }
        return fail('numpy.unsupported', span, `${shown} needs its size as names or integers, e.g. ${shown}((m, n))`);
      }
      case 'ones_like':
      case 'zeros_like': {
        kw.allow(['dtype', 'device']);
        args.count(1);
        const a = yield* args.get(0);
        const value = fn === 'ones_like' ? 1 : 0;
        if (a.kind === 'scalar') return { ast: numberNode(value, String(value), span), kind: 'scalar' };
        if (a.kind === 'matrix') return call('matrix', [numberNode(value, String(value), span)], 'matrix');
        const kind: PlaceholderKind = value === 1 ? 'ones' : 'zeros';
        return { ast: this.placeholder(kind, span), kind: 'column' };
      }
      case 'array':
      case 'asarray':
      case 'tensor':
      case 'as_tensor': {
        kw.allow(['dtype', 'device', 'requires_grad']);
        args.count(1);
        return yield* args.get(0);
      }
      case 'kron': {
        kw.allow([]);
        args.count(2);
        return call('kron', [(yield* args.get(0)).ast, (yield* args.get(1)).ast], 'matrix');
      }
    }
    return this.unknownFunction(name, nameSpan);
  }

  /**
   * The sizes written as calls (sizes.ts): PyTorch's A.numel(), torch.numel(A), A.size(i) and
   * A.size(dim=i); NumPy's and JAX's np.size(A) and np.size(A, axis).
   */
  private *sizeCall(fn: 'numel' | 'size', shown: string, rawArgs: readonly Arg[], args: Args, kw: Keywords, span: Span, nameSpan: Span): Deferred<Lowered> {
    const method = rawArgs[0]?.lowered !== undefined;
    const torch = library(shown) === 'torch';
    // torch.numel is PyTorch's, np.size NumPy's and JAX's: neither is the other's.
    if (!method && torch !== (fn === 'numel')) return this.unknownFunction(shown, nameSpan);
    if (fn === 'numel') {
      kw.allow([]);
      args.count(1);
      const a = yield* args.get(0);
      if (method) checkNumelMethod(nameSpan, this.source(a.ast.span), this.libraries());
      return numelOf(a, span, nameSpan);
    }
    const a = yield* args.get(0);
    const array = this.source(a.ast.span);
    if (method) {
      checkSizeMethod(nameSpan, array, this.libraries());
      kw.allow(['dim']);
      args.count(1, 2);
      const axis = args.raw(1) ?? kw.get('dim');
      if (axis === undefined) {
        return fail('numpy.unsupported', span, `${array}.size() is a torch.Size, a tuple: write ${array}.size(0) or ${array}.size()[0] for the length of the first axis, ${array}.numel() for the number of entries`);
      }
      return lengthOf(a, axis, span, a.ast.span, array, `${array}.size(…)`);
    }
    kw.allow(['axis']);
    args.count(1, 2);
    const axis = args.raw(1) ?? kw.get('axis');
    if (axis === undefined || (axis.kind === 'constant' && axis.value === 'None')) return numelOf(a, span, nameSpan);
    return lengthOf(a, axis, span, a.ast.span, array, `${shown}(…, axis)`);
  }

  /**
   * A transpose or a reordering of axes (permute.ts): which kind of reordering the call asks for, by
   * its function and library. A method's `.transpose(i, j)` permutes in NumPy and swaps in PyTorch: the
   * two agree but for `(0, 1)` and `(-2, -1)`, where the library the code uses decides.
   */
  private *reordered(fn: string, shown: string, rawArgs: readonly Arg[], args: Args, kw: Keywords, span: Span): Deferred<Lowered> {
    const method = rawArgs[0]?.lowered !== undefined;
    const rest = rawArgs.slice(1).map((r) => r.node as PyNode);
    const over = (nodes: readonly PyNode[]): Span => ({ start: nodes[0].span.start, end: nodes[nodes.length - 1].span.end });
    // One tuple or list argument gives the axes as a sequence (np.transpose(A, (1, 0)), x.permute((1, 0))).
    const sequence = (nodes: readonly PyNode[]): readonly PyNode[] => (nodes.length === 1 && (nodes[0].kind === 'tuple' || nodes[0].kind === 'list') ? nodes[0].items : nodes);
    const permutation = (nodes: readonly PyNode[] | undefined): AxisOrder => ({ how: 'permutation', axes: nodes === undefined ? undefined : sequence(nodes), span: nodes === undefined || nodes.length === 0 ? span : over(nodes) });
    const pair = (how: 'swap' | 'move', names: readonly [string, string]): AxisOrder => {
      kw.allow([...names]);
      const first = rest[0] ?? kw.get(names[0]);
      const second = rest[1] ?? kw.get(names[1]);
      if (rest.length > 2 || first === undefined || second === undefined) return fail('call.arity', span, `${shown} takes ${method ? '' : 'an array and '}two axes`);
      return { how, axes: [first, second], span: over([first, second]) };
    };
    const a = yield* args.get(0);
    let order: AxisOrder;
    switch (fn) {
      case 'swapaxes':
        order = pair('swap', library(shown) === 'torch' || (method && this.codeUsesPyTorch()) ? ['axis0', 'axis1'] : ['axis1', 'axis2']);
        break;
      case 'swapdims':
        order = pair('swap', ['dim0', 'dim1']);
        break;
      case 'moveaxis':
      case 'movedim':
        order = pair('move', fn === 'movedim' ? ['source', 'destination'] : ['source', 'destination']);
        break;
      case 'permute':
      case 'permute_dims': {
        kw.allow(fn === 'permute' ? ['dims'] : ['axes']);
        const given = rest.length > 0 ? rest : kw.get(fn === 'permute' ? 'dims' : 'axes');
        if (given === undefined || (Array.isArray(given) && given.length === 0)) return fail('call.arity', span, `${shown} takes the order of the axes, e.g. ${shown}(${method ? '' : 'A, '}(1, 0))`);
        order = permutation(Array.isArray(given) ? given : [given as PyNode]);
        break;
      }
      default: {
        // transpose: NumPy's (a permutation, all axes reversed by default) or PyTorch's (two axes swapped).
        const torchModule = !method && library(shown) === 'torch';
        if (torchModule || kw.get('dim0') !== undefined) {
          order = pair('swap', ['dim0', 'dim1']);
          break;
        }
        kw.allow(['axes']);
        const axes = kw.get('axes');
        if (!method) {
          if (rest.length > 1) return fail('call.arity', span, `${shown} takes the array and the order of its axes as one tuple, e.g. ${shown}(A, (1, 0))`);
          const given = rest[0] ?? axes;
          order = permutation(given === undefined || (given.kind === 'constant' && given.value === 'None') ? undefined : [given]);
          break;
        }
        if (axes !== undefined || rest.length !== 2) {
          order = permutation(axes !== undefined ? [axes] : rest.length === 0 ? undefined : rest);
          break;
        }
        // x.transpose(i, j): PyTorch swaps the two axes, NumPy takes them as the new order.
        const swap: AxisOrder = { how: 'swap', axes: [rest[0], rest[1]], span: over(rest) };
        if (this.codeUsesPyTorch()) return reorderAxes(a, swap, shown, span);
        if (usesNumPy(this.text, this.declared)) return reorderAxes(a, permutation(rest), shown, span);
        // Either library: the transpose when both read it so, (1, 0) of a 2-D array.
        if (transposeInEither(a, rest[0], rest[1])) return reorderAxes(a, swap, shown, span);
        return fail('numpy.ambiguous-library', over(rest),
          `${shown}(${this.source(over(rest))}) swaps the two axes of a PyTorch tensor (the transpose) but keeps them in this order for a NumPy array (the array itself), and nothing here says which: ` +
            `write .T (or .mT) for the transpose, or use torch. or np. elsewhere in the code`);
      }
    }
    return reorderAxes(a, order, shown, span);
  }

  /** axis/dim may only name the whole of a vector (0, -1, None): reductions are over all entries. */
  private wholeArray(a: Lowered, axis: PyNode | undefined, shown: string): void {
    if (axis === undefined) return;
    if (axis.kind === 'constant' && axis.value === 'None') return;
    const value = axis.kind === 'number' ? axis.value : axis.kind === 'unary' && axis.arg.kind === 'number' ? (axis.op === '-' ? -axis.arg.value : axis.arg.value) : undefined;
    if ((a.kind === 'column' || a.kind === 'row') && (value === 0 || value === -1)) return;
    fail('numpy.unsupported', axis.span, `${shown} along an axis is not supported: the reduction must be over all entries (of a vector, axis 0 or -1)`);
  }

  /**
   * np.clip(u, lo, hi), torch.clamp(u, min=…, max=…), torch.clamp_min(u, lo), clamp_max(u, hi): with
   * scalar bounds, min(max(u, lo), hi) (NumPy's definition; lo > hi gives hi everywhere, as both
   * libraries do), max(0, u) and min(0, u) for a bound 0 alone. Array bounds are refused.
   */
  private *clip(fn: string, args: Args, kw: Keywords, shown: string, span: Span, nameSpan: Span): Deferred<Lowered> {
    const one = fn === 'clamp_min' ? 'min' : fn === 'clamp_max' ? 'max' : undefined;
    kw.allow(one !== undefined ? [one] : ['min', 'max', 'a_min', 'a_max']);
    args.count(1, one !== undefined ? 2 : 3);
    const a = yield* args.get(0);
    const none = (n: PyNode | undefined): boolean => n === undefined || (n.kind === 'constant' && n.value === 'None');
    const given = one === 'max' ? [undefined, args.raw(1) ?? kw.get('max')] : [args.raw(1) ?? kw.get('min') ?? kw.get('a_min'), one === 'min' ? undefined : args.raw(2) ?? kw.get('max') ?? kw.get('a_max')];
    if (one !== undefined && none(given[one === 'min' ? 0 : 1])) return fail('call.arity', span, `${shown} takes the ${one === 'min' ? 'lower' : 'upper'} bound`);
    if (none(given[0]) && none(given[1])) return fail('numpy.argument', span, `${shown} needs a bound: min=… or max=…`);
    const bounds: (Ast | undefined)[] = [];
    for (const g of given) {
      if (none(g)) {
        bounds.push(undefined);
        continue;
      }
      const b = (yield this.lowering(g as PyNode)) as Lowered;
      if (b.kind !== 'scalar') fail('numpy.unsupported', b.ast.span, `${shown} with an array bound is not supported: the bounds must be numbers (scalars)`);
      bounds.push(literalValue(g as PyNode) === 0 ? numberNode(0, '0', (g as PyNode).span) : b.ast);
    }
    const [lo, hi] = bounds;
    const isZero = (b: Ast | undefined): boolean => b?.kind === 'number' && b.value === 0;
    const call = (name: string, x: Ast, y: Ast): Ast => callNode(name, [x, y], span, nameSpan);
    if (lo !== undefined && hi === undefined) return { ast: isZero(lo) ? call('max', numberNode(0, '0', nameSpan), a.ast) : call('max', a.ast, lo), kind: a.kind };
    if (lo === undefined && hi !== undefined) return { ast: isZero(hi) ? call('min', numberNode(0, '0', nameSpan), a.ast) : call('min', a.ast, hi), kind: a.kind };
    const low = isZero(lo) ? call('max', numberNode(0, '0', nameSpan), a.ast) : call('max', a.ast, lo as Ast);
    return { ast: call('min', low, hi as Ast), kind: a.kind };
  }

  /** A norm; `flattens`: of a matrix, the norm of all its entries (vector_norm, torch.norm), not the induced norm (linalg.norm's ord=1). */
  private *norm(flattens: boolean, args: Args, kw: Keywords, shown: string, span: Span, nameSpan: Span): Deferred<Lowered> {
    kw.allow(['ord', 'p', 'axis', 'dim', 'keepdims', 'keepdim']);
    args.count(1, 3);
    const a = yield* args.get(0);
    const axis = kw.get('axis') ?? kw.get('dim') ?? args.raw(2);
    const ord = args.raw(1) ?? kw.get('ord') ?? kw.get('p');
    const d = plainAxis(a, axis, shown, true);
    if (d !== 'all') return this.normAlong(a, d, ord, flag(kw, ['keepdims', 'keepdim'], shown), { shown, span, nameSpan });
    const vector = a.kind === 'column' || a.kind === 'row';
    let which: 'norm1' | 'norm2' = 'norm2';
    if (ord !== undefined && !(ord.kind === 'constant' && ord.value === 'None')) {
      const v = literalValue(ord);
      if (ord.kind === 'string' && ord.value === 'fro') which = 'norm2';
      // A flattened matrix: ord=1 is the sum of all |aᵢⱼ| (linalg.norm's is the induced norm).
      else if (v === 1 && (vector || a.kind === 'scalar' || flattens)) which = 'norm1';
      else if (v === 2 && (vector || flattens)) which = 'norm2';
      else {
        fail('numpy.unsupported', ord.span, `${shown} with ord=${this.source(ord.span)} is not supported (supported: the 2-norm of a vector, ord=1 of a vector, the Frobenius norm of a matrix)`);
      }
    }
    return { ast: callNode(which, [a.ast], span, nameSpan), kind: 'scalar' };
  }

  /**
   * The norms of the rows (axis 1) or the columns (axis 0) of a matrix, as NumPy shapes them (1-D
   * unless keepdims): the 2-norms sqrt(sum(A.^2, d)), the 1-norms sum(abs(A), d) (ord=1). PyTorch's
   * default p='fro' along one dim is the 2-norm too; NumPy refuses 'fro' for vectors, and so does the reader.
   */
  private normAlong(a: Lowered, d: 1 | 2, ord: PyNode | undefined, keep: boolean, site: { shown: string; span: Span; nameSpan: Span }): Lowered {
    const { shown, span, nameSpan } = site;
    const v = ord === undefined || (ord.kind === 'constant' && ord.value === 'None') ? 2 : ord.kind === 'string' && ord.value === 'fro' && library(shown) === 'torch' ? 2 : literalValue(ord);
    if (v !== 1 && v !== 2) {
      return fail('numpy.unsupported', (ord as PyNode).span, `${shown} along an axis with ord=${this.source((ord as PyNode).span)} is not supported (supported: the 2-norms, ord=2, and the 1-norms, ord=1, of the rows or columns)`);
    }
    if (v === 1) return along('sum', { ast: callNode('abs', [a.ast], span, nameSpan), kind: a.kind }, d, keep, site);
    const sums = along('sum', { ast: powerNode('.^', asAtom(a.ast), numberNode(2, '2', nameSpan), nameSpan, span), kind: a.kind }, d, keep, site);
    return { ast: callNode('sqrt', [sums.ast], span, nameSpan), kind: sums.kind };
  }

  /** A size written as an integer literal or a name that is not a variable (a dimension); else undefined. */
  private dimension(node: PyNode | undefined): Ast | undefined {
    if (node === undefined) return undefined;
    if (node.kind === 'number' && Number.isInteger(node.value) && node.value >= 1) return numberNode(node.value, node.text, node.span);
    if (node.kind === 'name' && !this.bindings.has(node.name) && !this.declared.has(node.name) && this.oracle(node.name) === 'unknown') {
      return nameNode(node.name, node.span);
    }
    if (node.kind === 'name' && /^[a-z]$/.test(node.name) && !this.bindings.has(node.name) && !this.declared.has(node.name)) {
      // A one-letter size such as n: a dimension, not the vector n.
      return nameNode(node.name, node.span);
    }
    return undefined;
  }

  /** np.array([a, b]) of scalars is a column; [[a, b], [c, d]] a matrix. */
  private *literal(node: Extract<PyNode, { kind: 'list' }>): Deferred<Lowered> {
    if (node.items.length === 0) fail('parse.empty-vector', node.span, 'an empty array');
    if (node.items.every((i) => i.kind === 'list')) {
      const rows: Ast[][] = [];
      for (const row of node.items) {
        const entries: Ast[] = [];
        for (const e of (row as Extract<PyNode, { kind: 'list' }>).items) entries.push(((yield this.lowering(e)) as Lowered).ast);
        rows.push(entries);
      }
      rows.forEach((row, i) => {
        if (row.length !== rows[0].length) fail('parse.ragged-matrix', node.items[i].span, `row ${i + 1} has ${row.length} entries, row 1 has ${rows[0].length}`);
      });
      if (rows[0].length === 1) return { ast: { kind: 'vector', entries: rows.map((r) => r[0]), separator: ';', span: node.span }, kind: 'column' };
      return { ast: { kind: 'matrix', rows, span: node.span }, kind: rows.length === 1 ? 'row' : 'matrix' };
    }
    const entries: Ast[] = [];
    for (const e of node.items) entries.push(((yield this.lowering(e)) as Lowered).ast);
    return { ast: { kind: 'vector', entries, separator: ',', span: node.span }, kind: entries.length === 1 ? 'scalar' : 'column' };
  }
}

const CONSTANTS: Readonly<Record<string, number>> = table({ pi: Math.PI, e: Math.E });

/** The dotted name of a chain of attributes on a name (np.linalg.norm), or undefined. */
export function dottedPath(node: PyNode): string | undefined {
  // At most MAX_PATH attributes: longer chains (x.T.T…, 10,000 deep) name no module member, and a
  // walk down each of them from every level was quadratic.
  const attrs: string[] = [];
  let n = node;
  for (; n.kind === 'attribute'; n = n.object) {
    if (attrs.length === MAX_PATH) return undefined;
    attrs.push(n.attr);
  }
  return n.kind === 'name' ? [n.name, ...attrs.reverse()].join('.') : undefined;
}

/** The most attributes in a dotted path (torch.nn.functional.log_softmax has 3). */
const MAX_PATH = 8;

/** The value of a number literal with optional signs (0, 0.0, -1), else undefined. */
function literalValue(node: PyNode): number | undefined {
  if (node.kind === 'number') return node.value;
  if (node.kind === 'unary') {
    const v = literalValue(node.arg);
    return v === undefined ? undefined : node.op === '-' ? -v : v;
  }
  if (node.kind === 'paren') return literalValue(node.arg);
  return undefined;
}
