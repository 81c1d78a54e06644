/**
 * The shape checker: a syntax tree (from any reader) and declarations → a shape-correct `Expr`.
 * Two passes: inference (`infer.ts`) unifies every dimension, then the builder (`build.ts`)
 * creates the nodes with fully resolved shapes.
 */
import type { Outcome, Span } from '../api';
import type { Expr } from '../model/expr';
import { depthCheckpoints, survey, walk, type Ast, type Survey } from './ast';
import { ExprBuilder } from './build';
import { dimensionValueNames } from './dimensionValues';
import { checkDuplicates, type Assumption, type Declaration } from './declarations';
import { attempt, fail, failure } from './diagnostics';
import { ShapeInference } from './infer';
import { conventionalKind } from './names';
import { isFunctionName, valueArguments } from './functions';
import { scalarsByUsage, transposedNames, usageAssumption } from './usage';
import { MAX_DEPTH, depthDiagnostic } from './limits';
import { fittedSuggestion } from './undeclaredSuggestion';
import { guessedProduct } from './guessedProduct';
import { declaredProduct } from './unicode/declaredWords';

export interface CheckedExpression {
  readonly expr: Expr;
  /** The variables the expression uses, in order of first appearance. */
  readonly variables: Expr[];
  /** Variables declared but not used (so a derivative by them can be answered), in declaration order. */
  readonly unused: Expr[];
  /** Where each node (by id) was read, so an error about a node points at it. */
  readonly spans: ReadonlyMap<number, Span>;
  /** The variables whose shape was assumed (undeclared, or declared by the reader), by name: why. */
  readonly assumed: ReadonlyMap<string, Assumption>;
  /** NumPy / PyTorch / JAX text whose value is a 1-D array (read as a column): it has no orientation. */
  readonly oneDimensional?: boolean;
  /** The values of the text's own names that it uses — `where` bindings, NumPy assignments (under internal names, h#2) — by name. */
  readonly bound?: ReadonlyMap<string, Expr>;
  /** The name the text gives the function itself (`L = …`, NumPy's `def loss(…)`): ReadResult.functionName. */
  readonly functionName?: string;
}

/** A `where u = …` definition: the expression (and later definitions) use `name` for its value. */
export interface Binding {
  readonly name: string;
  /** The name where it is defined. */
  readonly span: Span;
  readonly ast: Ast;
}

/**
 * Check shapes and build the `Expr`. `bindings` (in order; each may use the names before it) are
 * built once each, however often they are used: the expression is a DAG, as written.
 */
export function checkShapes(ast: Ast, decls: readonly Declaration[], bindings: readonly Binding[] = [], options: ShapeOptions = {}): Outcome<CheckedExpression> {
  const checked = checkShapesAs(ast, decls, bindings, options);
  if (checked.ok || checked.error.code !== 'name.undeclared') return checked;
  // The declaration the error suggests, fitted to the name's use (each kind tried once).
  const declared = new Set(decls.map((d) => d.name));
  const dims = [...new Set(decls.flatMap((d) => d.dims))];
  const sizes = new Set(dims.filter((x): x is string => typeof x === 'string'));
  return failure(
    fittedSuggestion(checked.error, (extra) => checkShapesAs(ast, [...decls, extra], bindings, options), (name) => guessedProduct(name, declared, sizes) ?? declaredProduct(name, declared), dims.filter((x) => x !== 1)),
  );
}

/** How a notation's tree is checked: `broadcastFixesSizes` for NumPy text (ShapeInference.broadcast). */
export interface ShapeOptions {
  readonly broadcastFixesSizes?: boolean;
}

function checkShapesAs(ast: Ast, decls: readonly Declaration[], bindings: readonly Binding[], options: ShapeOptions): Outcome<CheckedExpression> {
  // The definitions, then the expression: each surveyed once (its depth, its calls) for all that follows.
  const roots = bindings.length === 0 ? [ast] : [...bindings.map((b) => b.ast), ast];
  const surveys: Survey[] = [];
  for (const root of roots) {
    const s = survey(root, MAX_DEPTH);
    if (s.deeper) return failure(depthDiagnostic(s.deeper.span.start, s.deeper.span.end));
    surveys.push(s);
  }
  return attempt(() => {
    checkDuplicates(undefined, decls);
    const declared = new Set<string>();
    for (const d of decls) declared.add(d.name);
    // Without bindings (most requests) there is nothing to check, and the names are the declared ones.
    if (bindings.length > 0) checkBindings(bindings, declared, new Set(decls.filter((d) => d.assumed === undefined).map((d) => d.name)), ast);
    const named = bindings.length === 0 ? declared : new Set([...declared, ...bindings.map((b) => b.name)]);
    const sizes = dimensionValueNames(surveys, decls);
    for (const b of bindings) sizes.delete(b.name);
    const assumed: Declaration[] = [];
    const powerBases: { readonly name: string; readonly power: Ast }[] = [];
    for (const root of roots) {
      for (const [name, use] of scalarsByUsage(root, named)) {
        if (conventionalKind(name) !== undefined && !sizes.has(name) && !assumed.some((d) => d.name === name)) {
          assumed.push({ name, kind: 'scalar', dims: [], symmetric: false, span: use.node.span, assumed: usageAssumption(use.origin) });
          if (use.origin.role === 'base' && conventionalKind(name) === 'vector') powerBases.push({ name, power: use.origin.node });
        }
      }
    }
    if (powerBases.length > 0) refuseTransposedPowerBases(roots, powerBases);
    const inference = new ShapeInference(assumed.length === 0 ? decls : [...decls, ...assumed], sizes, options.broadcastFixesSizes === true);
    for (const b of bindings) inference.bind(b.name, b.ast);
    // A tree deeper than CHECKPOINT_STRIDE is visited and built from its checkpoints up, so the
    // recursion of each pass stays shallow (issue 17: 10,000 levels on any stack).
    // A long chain of bindings (NumPy code with one assignment per layer, `h = np.tanh(W @ h)`) is
    // checked and built in order, each used definition before the next, so that no pass recurses from
    // a definition into the one before it (issue 17: a 512-layer MLP overflowed the stack).
    const chained = bindings.length > CHECKPOINT_STRIDE ? new Set(firstUses(ast, bindings)) : undefined;
    const steps: { readonly node?: Ast; readonly binding?: string }[] = [];
    // (A tree shallower than the stride, as most are, has no checkpoints: not walked for them.)
    const checkpoints = (i: number): readonly Ast[] =>
      surveys[i].depth < CHECKPOINT_STRIDE ? [] : depthCheckpoints(roots[i], CHECKPOINT_STRIDE, checkedChildren);
    bindings.forEach((b, i) => {
      for (const node of checkpoints(i)) steps.push({ node });
      if (chained?.has(b.name)) steps.push({ binding: b.name });
    });
    for (const node of checkpoints(bindings.length)) steps.push({ node });
    for (const step of steps) {
      if (step.node) inference.visit(step.node);
      else inference.boundShape(step.binding as string);
    }
    inference.visit(ast);
    if (steps.length > 0) inference.reorderUsed(chained ? [...chained] : firstUses(ast, bindings));
    const unusedInfo = inference.unused();
    const builder = new ExprBuilder(inference);
    for (const step of steps) {
      if (step.node) builder.prebuild(step.node);
      else builder.prebuildBinding(step.binding as string);
    }
    const expr = builder.build(ast);
    const assumedShapes = new Map<string, Assumption>();
    for (const v of inference.used.values()) if (v.assumed) assumedShapes.set(v.name, v.assumed);
    const variables: Expr[] = [];
    for (const v of inference.used.values()) variables.push(builder.variable(v));
    const bound = builder.boundValues();
    return {
      expr,
      variables,
      unused: unusedInfo.map((v) => builder.variable(v)),
      spans: builder.spans,
      assumed: assumedShapes,
      ...(bound !== undefined ? { bound } : {}),
    };
  });
}

/**
 * A vector letter (h–z, undeclared) made a scalar by a power (`x^2`: a vector has no ^ power) that the
 * text also transposes (`x'`) is refused: made a scalar, its transpose would be dropped and `x'*x^2`
 * read as x³ (as LaTeX and Unicode refuse `x^\top x^2`, latex/read.ts). The error is at the power.
 */
function refuseTransposedPowerBases(roots: readonly Ast[], bases: readonly { readonly name: string; readonly power: Ast }[]): void {
  const transposed = transposedNames(roots);
  for (const { name, power } of bases) {
    if (!transposed.has(name)) continue;
    fail('shape.power', power.span,
      `${name} is transposed (${name}'), so ${name}^… does not make it a scalar: a power of a vector is ambiguous — write norm2(${name})^2 for the squared norm, ` +
        `${name}'*${name} for the inner product, or ${name}.^2 for the element-wise square; or declare ${name}: scalar`);
  }
}

/**
 * The depth between checkpoints of a deep tree: each recursive pass (infer.ts, build.ts) then uses
 * at most this many levels of the JavaScript stack at a time (up to ~800 bytes each). Measured:
 * 10,000 levels read with a tenth of Node's default stack (test/unit/robustness/deep.test.ts).
 */
const CHECKPOINT_STRIDE = 32;

/** The children that inference and building visit as values: a call's value arguments only. */
const checkedChildren = (node: Ast): boolean | readonly Ast[] => (node.kind === 'call' ? valueArguments(node) : true);

/**
 * The names of `ast` in the order a recursive visit meets them (left to right, a binding's names at
 * the binding's first use): the order of the variables when the tree was visited from checkpoints.
 */
function firstUses(ast: Ast, bindings: readonly Binding[]): string[] {
  const definitions = new Map(bindings.map((b) => [b.name, b.ast]));
  const seen = new Set<string>();
  const order: string[] = [];
  walk([ast], (node) => {
    if (node.kind !== 'name' || seen.has(node.name)) return true;
    seen.add(node.name);
    order.push(node.name);
    const definition = definitions.get(node.name);
    return definition === undefined ? false : [definition];
  });
  return order;
}

/**
 * Each binding names something new, and its definition uses only the names bound before it. A
 * name numbered like the bound ones (u3 beside u1, u2) that is neither bound nor declared is an
 * error rather than a new variable: a definition is missing (or the variable needs a declaration
 * written by the user: `written`, not one a notation implies).
 */
function checkBindings(bindings: readonly Binding[], declared: ReadonlySet<string>, written: ReadonlySet<string>, ast: Ast): void {
  const index = new Map<string, number>();
  bindings.forEach((b, i) => {
    if (declared.has(b.name)) fail('name.binding', b.span, `'${b.name}' is declared as a variable, so it cannot also be defined with '='`);
    if (index.has(b.name)) fail('name.binding', b.span, `'${b.name}' is defined twice`);
    if (isFunctionName(b.name)) fail('name.binding', b.span, `'${b.name}' is a function: choose another name`);
    index.set(b.name, i);
  });
  bindings.forEach((b, i) => {
    walk([b.ast], (node) => {
      if (node.kind === 'name' && (index.get(node.name) ?? -1) >= i) {
        fail('name.binding', node.span, `'${node.name}' is used in its own definition or before it is defined: define it earlier`);
      }
      return true;
    });
  });
  const families = new Set(bindings.map((b) => NUMBERED.exec(b.name)?.[1] ?? ''));
  families.delete('');
  if (families.size === 0) return;
  walk([ast, ...bindings.map((b) => b.ast)], (node) => {
    if (node.kind === 'name' && !index.has(node.name) && !written.has(node.name) && families.has(NUMBERED.exec(node.name)?.[1] ?? '')) {
      const defined = bindings.map((b) => b.name).join(', ');
      fail('name.binding', node.span, `'${node.name}' is not defined (the definitions are ${defined}): define it, or declare it if it is a variable`);
    }
    return true;
  });
}

/** A numbered name (u1, u_12): its stem. */
const NUMBERED = /^(.*?[A-Za-z])_?\d+$/;
