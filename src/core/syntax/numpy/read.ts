/**
 * Reading NumPy / PyTorch / JAX source: text (and optional declarations) → a shape-checked `Expr`,
 * through the plain syntax tree and the plain shape checker.
 *
 * A selection may hold several statements: imports and docstrings are skipped; `name = …`
 * assignments define intermediates that later statements use (substituted, so `z = X @ w + b` then
 * `loss = np.mean((y - np.maximum(0, z))**2)` reads as one expression); the expression read is the
 * `return …` (a second return, or a `def` without one, is refused), else the last expression
 * statement, else the value of the last assignment.
 *
 * Shapes come from, in order: declarations in `where`; declaration comments (`# x: vector(n)`);
 * type hints (`x: float`, jaxtyping's `Float[Array, "m n"]`, or `x: vector(n)`); then the letter
 * conventions of the plain syntax (a–g scalars, h–z vectors, A–Z matrices, Greek names scalars).
 * Python vectors are 1-D: the reader follows NumPy's rules for `@` and `.T` on them.
 */
import type { Outcome, Span } from '../../api';
import type { Ast } from '../ast';
import { children } from '../ast';
import type { Binding, CheckedExpression } from '../check';
import { parseDeclarations, type Declaration } from '../declarations';
import { attempt, fail, failure, positionText } from '../diagnostics';
import { checkSize } from '../limits';
import { conventionalKind } from '../names';
import { checkForeign, combineDeclarations, commentDeclarations, kindOfDeclaration, whereDeclarations } from '../finish';
import type { Kind } from '../kinds';
import { nameNode, transposed } from '../nodes';
import { Lowerer, type Lowered } from './lower';
import { mathArgumentDeclarations } from './mathNumbers';
import { parsePython, type PyNode, type PyStatement } from './parser';
import { scanPython } from './scanner';
import { table } from '../table';

/** The largest expression (in syntax tree nodes, with intermediates substituted) the reader accepts. */
export const MAX_SUBSTITUTED_NODES = 50_000;

const KIND: Readonly<Record<string, Kind>> = table({ scalar: 'scalar', vector: 'column', matrix: 'matrix' });

export function readNumpy(text: string, where?: string): Outcome<CheckedExpression> {
  const tooLong = checkSize(text);
  if (tooLong) return failure(tooLong);
  const separate = whereDeclarations(where);
  if (!separate.ok) return separate;
  const parsed = attempt(() => {
    const { tokens, comments } = scanPython(text);
    return { statements: parsePython(text, tokens), comments };
  });
  if (!parsed.ok) return parsed;
  const { statements, comments } = parsed.value;
  const fromComments = commentDeclarations(comments);
  const known = new Set([...separate.value, ...fromComments].map((d) => d.name));
  const hints = typeHints(text, statements).filter((d) => !known.has(d.name));
  const assigned = statements.flatMap((s) => (s.kind === 'assign' ? [s.target] : []));
  const numbers = mathArgumentDeclarations(statements, new Set([...known, ...hints.map((d) => d.name), ...assigned]));
  const decls = combineDeclarations(text, separate.value, [...fromComments, ...hints, ...numbers]);
  if (!decls.ok) return decls;
  const declaredKinds = new Map<string, Kind>(decls.value.map((d) => [d.name, kindOfDeclaration(d)]));
  const declared = new Set(declaredKinds.keys());
  const oracle = (name: string): Kind => declaredKinds.get(name) ?? KIND[conventionalKind(name) ?? ''] ?? 'unknown';

  const lowered = attempt(() => {
    const bindings = new Map<string, Lowered>();
    const shared: Binding[] = [];
    const lowerer = new Lowerer(text, oracle, bindings, declared);
    let result: Lowered | undefined;
    let returned: Span | undefined;
    let definition: Extract<PyStatement, { kind: 'def' }> | undefined;
    let lastAssigned: Lowered | undefined;
    for (const s of statements) {
      if (s.kind === 'assign' || s.kind === 'annotation') refuseModuleName(s.target, s.targetSpan);
      if (s.kind === 'assign') {
        const value = lowerer.lower(s.value);
        bindings.set(s.target, bindingOf(s.target, s.targetSpan, value, shared));
        lastAssigned = value;
      } else if (s.kind === 'return') {
        // Python returns at the first return: a second one is never reached, or belongs to another function.
        if (returned) fail('numpy.unsupported', s.span, `a second return (the first is at ${positionText(text, returned.start)}): a function returns at its first return — select one function, without code after its return`);
        result = lowerer.lower(s.value);
        returned = s.span;
      } else if (s.kind === 'expression' && !returned && s.value.kind !== 'string') {
        result = lowerer.lower(s.value);
      } else if (s.kind === 'def') {
        for (const p of s.parameters) refuseModuleName(p.name, p.span);
        definition ??= s;
      }
    }
    // A function without a return returns None: its last assignment is not what it computes.
    if (!result && definition) fail('numpy.unsupported', definition.span, `the function '${definition.name}' has no return statement, so it returns nothing: add return and the expression`);
    const final = result ?? lastAssigned;
    if (!final) fail('parse.empty', { start: text.length, end: text.length }, 'there is no expression to read (only imports, definitions or comments)');
    const ast = final.kind === 'row' ? transposed(final.ast) : final.ast;
    guardSize(ast);
    const oneDimensional = final.kind === 'column' || final.kind === 'row';
    return { ast, placeholders: lowerer.placeholders, shared, targets: lowerer.probabilityTargets, oneDimensional, functionName: result && definition ? definition.name : undefined };
  });
  if (!lowered.ok) return lowered;
  const withTargets = probabilityTargets(decls.value, lowered.value.targets);
  const checked = checkForeign(lowered.value.ast, withTargets, lowered.value.placeholders, lowered.value.shared, { broadcastFixesSizes: true });
  // A 1-D array is read as a column but has no orientation (a claimed gradient: check/index.ts).
  if (!checked.ok) return checked;
  // The function's own name (`def loss(…)`, whose return is the expression): the answer calls it so (present/functionName.ts).
  const { oneDimensional, functionName } = lowered.value;
  return oneDimensional || functionName !== undefined
    ? { ok: true, value: { ...checked.value, ...(oneDimensional ? { oneDimensional: true } : {}), ...(functionName !== undefined ? { functionName } : {}) } }
    : checked;
}

/**
 * The modules' names that are never an array's (F, nn, sp and math may be: `F = X @ W` then `F.sum()`
 * is the array's method, as in Python).
 */
const MODULE_NAMES: ReadonlySet<string> = new Set(['np', 'numpy', 'torch', 'jnp', 'jax', 'scipy']);

/** `np = 3` would make `np.sum(x)` a method of 3 (as Python reads it): refused where the name is bound. */
function refuseModuleName(name: string, span: Span): void {
  if (MODULE_NAMES.has(name)) {
    fail('numpy.unsupported', span, `'${name}' is the name of a module: bound to a value here, it would hide ${name}.sum and every other ${name}. function after it; use another name`);
  }
}

/**
 * What a later use of an assigned name stands for: a compound value is bound (checked and built
 * once, however often it is used — 64 chained assignments u = sin(u)*cos(u) stay 64 levels, not
 * 2^64 nodes) under an internal name no source text can spell, since a name may be reassigned
 * (`h = np.tanh(W @ h)`); a name or a number is used as it is.
 */
function bindingOf(target: string, span: Span, value: Lowered, shared: Binding[]): Lowered {
  const atom = value.ast.kind === 'name' || value.ast.kind === 'number';
  if (atom) return value;
  const name = `${target}#${shared.length + 1}`;
  shared.push({ name, span, ast: value.ast });
  return { ast: nameNode(name, value.ast.span), kind: value.kind };
}

/**
 * The class-probability targets of F.cross_entropy have rows that sum to 1 (PyTorch's contract for
 * a probability target): their declarations say `probabilities`, an undeclared one is a matrix.
 */
function probabilityTargets(decls: readonly Declaration[], targets: ReadonlySet<string>): Declaration[] {
  // Said where the answer is given (the CLI's "assumed:" line, the panel's): the textbook form P − Y rests on it.
  const assumed = { by: 'usage', reason: 'the target of F.cross_entropy: class probabilities, each row sums to 1' } as const;
  const out = decls.map((d) => (targets.has(d.name) && d.kind !== 'scalar' && !d.probabilities ? { ...d, probabilities: true, assumed: d.assumed ?? assumed } : d));
  for (const name of targets) {
    if (!decls.some((d) => d.name === name)) out.push({ name, kind: 'matrix', dims: [], symmetric: false, probabilities: true, span: { start: 0, end: 0 }, assumed });
  }
  return out;
}

/** Substituted intermediates share subtrees; the checker walks trees, so bound their total size. */
function guardSize(root: Ast): void {
  const sizes = new Map<Ast, number>();
  const stack: { node: Ast; visited: boolean }[] = [{ node: root, visited: false }];
  while (stack.length > 0) {
    const top = stack.pop() as { node: Ast; visited: boolean };
    if (sizes.has(top.node)) continue;
    const kids = children(top.node);
    if (!top.visited) {
      stack.push({ node: top.node, visited: true });
      for (const k of kids) if (!sizes.has(k)) stack.push({ node: k, visited: false });
      continue;
    }
    let size = 1;
    for (const k of kids) size += sizes.get(k) ?? 0;
    sizes.set(top.node, size);
    if (size > MAX_SUBSTITUTED_NODES) {
      fail('limit.size', root.span, `the expression is too large with its intermediate variables substituted (more than ${MAX_SUBSTITUTED_NODES} nodes)`);
    }
  }
}

/** Declarations from type hints of parameters and annotated names. */
function typeHints(text: string, statements: readonly PyStatement[]): Declaration[] {
  const out: Declaration[] = [];
  const add = (name: string, span: Span, annotation: PyNode | undefined): void => {
    if (!annotation || out.some((d) => d.name === name)) return;
    const d = hintDeclaration(text, name, span, annotation);
    if (d) out.push(d);
  };
  for (const s of statements) {
    if (s.kind === 'def') for (const p of s.parameters) add(p.name, p.span, p.annotation);
    else if (s.kind === 'annotation') add(s.target, s.targetSpan, s.annotation);
  }
  return out;
}

const JAXTYPING = new Set(['Float', 'Float32', 'Float64', 'Shaped', 'Real', 'Num', 'Inexact']);

function hintDeclaration(text: string, name: string, span: Span, a: PyNode): Declaration | undefined {
  const declaration = (kind: Declaration['kind'], dims: (string | number)[]): Declaration => ({ name, kind, dims, symmetric: false, span });
  if (a.kind === 'name' && (a.name === 'float' || a.name === 'int')) return declaration('scalar', []);
  // jaxtyping: Float[Array, "m n"], Float[torch.Tensor, "n"], Float[np.ndarray, ""]
  if (a.kind === 'subscript' && a.object.kind === 'name' && JAXTYPING.has(a.object.name) && a.index.kind === 'tuple') {
    const spec = a.index.items[1];
    if (spec?.kind !== 'string') return undefined;
    const words = spec.value.trim() === '' ? [] : spec.value.trim().split(/\s+/);
    if (!words.every((w) => /^[A-Za-z_][A-Za-z0-9_]*$|^[1-9][0-9]*$/.test(w))) return undefined;
    const dims = words.map((w) => (/^\d+$/.test(w) ? Number(w) : w));
    if (dims.length === 0) return declaration('scalar', []);
    if (dims.length === 1) return declaration('vector', dims);
    if (dims.length === 2) return declaration('matrix', dims);
    return undefined;
  }
  // The plain declaration syntax as a hint: x: vector(n), A: matrix(m, n), s: scalar.
  const source = text.slice(a.span.start, a.span.end);
  if (/^(scalar|vector|matrix)\b/.test(source)) {
    const parsed = parseDeclarations(`${name}: ${source}`);
    if (parsed.ok && parsed.value.length === 1) return { ...parsed.value[0], span };
  }
  return undefined;
}
