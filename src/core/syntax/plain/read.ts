/**
 * The plain-syntax entry points: `parsePlain` (text → syntax tree) and `readPlain` (text, with
 * declarations in it and/or in a separate `where` string → checked `Expr`).
 *
 * A text may hold declarations and one expression, separated by `;` or line breaks, as in a
 * `.matcalc` file; `#` starts a comment; `where` may introduce declarations (matrixcalculus.org):
 *
 *   # least squares
 *   A: matrix(m, n); b: vector(m)
 *   f(x) = norm2(A*x - b)^2
 *
 * Consecutive expression lines form one expression (a line may continue the previous one, e.g.
 * starting with `+`); a second expression is an error. An `f(x) =` or `y =` prefix is skipped.
 */
import type { Outcome, Span } from '../../api';
import type { Ast } from '../ast';
import { checkShapes, type Binding, type CheckedExpression } from '../check';
import { checkDuplicates, declarationsOf, parseDeclarations, type Declaration } from '../declarations';
import { attempt, fail, failure, inWhere, positionText } from '../diagnostics';
import { checkSize } from '../limits';
import { parseExpressionTokens } from './parser';
import { scan, type Token } from './scanner';
import { statementsOf, type Statement } from './statements';

/** Parse one expression (an `f(x) =` prefix is allowed). Spans are offsets in `text`. */
export function parsePlain(text: string): Outcome<Ast> {
  const tooLong = checkSize(text);
  if (tooLong) return failure(tooLong);
  return attempt(() => parseExpressionTokens(text, skipLeftSide(scan(text)).tokens));
}

/**
 * Read a text (declarations and one expression) and optional separate declarations `where`, and
 * check shapes. Errors in `where` have spans relative to `where` and `source: 'where'` (see
 * `diagnosticSource`); all others are relative to `text`.
 */
export function readPlain(text: string, where?: string): Outcome<CheckedExpression> {
  let separate: readonly Declaration[] = [];
  if (where !== undefined) {
    const parsed = parseDeclarations(where);
    if (!parsed.ok) return failure(inWhere(parsed.error));
    separate = parsed.value;
  }
  const tooLong = checkSize(text);
  if (tooLong) return failure(tooLong);
  const parsed = attempt(() => {
    const statements = statementsOf(text);
    const inline: Declaration[] = [];
    const groups: Statement[][] = [];
    const bindings: Binding[] = [];
    const bindingTokens: Token[][] = [];
    let previousWasExpression = false;
    let inWhere = false;
    for (const s of statements) {
      inWhere ||= s.after === 'where';
      if (s.declaration) {
        declarationsOf(text, s.tokens, inline);
        previousWasExpression = false;
      } else if (inWhere && groups.length > 0 && isBinding(s.tokens)) {
        for (const b of splitBindings(s.tokens)) {
          bindings.push(binding(text, b));
          bindingTokens.push(b);
        }
        previousWasExpression = false;
      } else {
        if (previousWasExpression && s.after === 'newline') groups[groups.length - 1].push(s);
        else groups.push([s]);
        previousWasExpression = true;
      }
    }
    checkDuplicates(text, inline, separate);
    if (groups.length === 0) {
      const message = statements.length === 0 ? 'the expression is empty' : 'there is no expression, only declarations';
      fail('parse.empty', { start: text.length, end: text.length }, message);
    }
    if (groups.length > 1) {
      const second = groups[1];
      const start = second[0].tokens[0].start;
      const last = second[second.length - 1].tokens;
      fail('parse.extra-expression', { start, end: last[last.length - 1].end }, `only one expression is allowed: another one starts at ${positionText(text, start)}`);
    }
    const { tokens, name } = skipLeftSide(groupTokens(groups[0]));
    const declarations = [...separate, ...inline];
    if (!declarations.some((d) => d.name === 'e') && !bindings.some((b) => b.name === 'e')) {
      refuseEulerPower(tokens);
      for (const b of bindingTokens) refuseEulerPower(b);
    }
    const ast = parseExpressionTokens(text, tokens);
    return { ast, declarations, bindings, name };
  });
  if (!parsed.ok) return parsed;
  const checked = checkShapes(parsed.value.ast, parsed.value.declarations, parsed.value.bindings);
  // The function's own name (`L = …`, `f(x) = …`): the answer calls it so (present/functionName.ts).
  const functionName = parsed.value.name;
  return checked.ok && functionName !== undefined ? { ok: true, value: { ...checked.value, functionName } } : checked;
}

/**
 * The plain syntax has no constant e: `e^u` with e undeclared would be a power of a variable e, while
 * whoever writes it (a sigmoid 1/(1 + e^(-z))) means exp(u), as LaTeX and Unicode math read it. Never
 * guessed: refused at the e, naming both spellings, in the expression and in its `where` definitions.
 */
function refuseEulerPower(tokens: readonly Token[]): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.kind === 'name' && t.text === 'e' && next.kind === 'op' && (next.text === '^' || next.text === '.^')) {
      fail('name.euler', { start: t.start, end: t.end }, `'e${next.text}…' with e not declared: write exp(…) for the exponential (e.g. exp(-z)); for a variable named e, declare it (e: scalar)`);
    }
  }
}

/**
 * Bindings after `where` (the binding form the writers use for expressions with shared parts):
 * `f where u1 = sin(x), u2 = u1 .* u1`, definitions separated by commas, `;` or line breaks, each
 * using only the names defined before it.
 */
const isBinding = (tokens: readonly Token[]): boolean => tokens[0]?.kind === 'name' && tokens[1]?.kind === '=';

/** One statement's definitions: split at the commas (outside brackets) that precede `name =`. */
function splitBindings(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  tokens.forEach((t, i) => {
    if (t.kind === '(' || t.kind === '[') depth++;
    else if ((t.kind === ')' || t.kind === ']') && depth > 0) depth--;
    if (depth === 0 && t.kind === ',' && isBinding(tokens.slice(i + 1, i + 3))) out.push([]);
    else out[out.length - 1].push(t);
  });
  return out;
}

function binding(text: string, tokens: readonly Token[]): Binding {
  const [name, eq] = tokens;
  const body = tokens.slice(2);
  if (body.length === 0) fail('parse.expected-expression', { start: eq.start, end: eq.end }, `expected the definition of '${name.text}' after '='`);
  const end = body[body.length - 1].end;
  const ast = parseExpressionTokens(text, [...body, { kind: 'eof', text: '', start: end, end }]);
  return { name: name.text, span: { start: name.start, end: name.end }, ast };
}

/** The tokens of consecutive statements, with their line breaks, ending with `eof`. */
function groupTokens(group: readonly Statement[]): Token[] {
  // One statement (the usual case): one copy; a loop of pushes costs more on 100,000 tokens.
  const out: Token[] = group.length === 1 ? group[0].tokens.slice() : [];
  for (const s of group.length === 1 ? [] : group) {
    if (out.length > 0) {
      const end = out[out.length - 1].end;
      out.push({ kind: 'newline', text: '\n', start: end, end });
    }
    // One by one: spreading a long list passes every token as an argument, on the stack.
    for (const t of s.tokens) out.push(t);
  }
  const end = out[out.length - 1].end;
  out.push({ kind: 'eof', text: '', start: end, end });
  return out;
}

/**
 * Drop an `f(x, y) =` or `y =` prefix, keeping its name (f, y); fail if what precedes `=` is not such a
 * left-hand side.
 */
function skipLeftSide(tokens: readonly Token[]): { readonly tokens: readonly Token[]; readonly name?: string } {
  let depth = 0;
  let equals = -1;
  for (let i = 0; i < tokens.length; i++) {
    const k = tokens[i].kind;
    if (k === '(' || k === '[') depth++;
    else if ((k === ')' || k === ']') && depth > 0) depth--;
    else if (k === '=' && depth === 0) {
      equals = i;
      break;
    }
  }
  if (equals < 0) return { tokens };
  const lhs = tokens.slice(0, equals).filter((t) => t.kind !== 'newline');
  const eq = tokens[equals];
  if (!isLeftSide(lhs)) {
    const at: Span = lhs.length > 0 ? { start: lhs[0].start, end: lhs[lhs.length - 1].end } : { start: eq.start, end: eq.end };
    fail('parse.left-side', at, "the left-hand side of '=' must be a name or a function head such as f(x, y)");
  }
  const rhs = tokens.slice(equals + 1);
  if (rhs.every((t) => t.kind === 'newline' || t.kind === 'eof')) {
    fail('parse.expected-expression', { start: eq.start, end: eq.end }, "expected an expression after '='");
  }
  return { tokens: rhs, name: lhs[0].text };
}

function isLeftSide(lhs: readonly Token[]): boolean {
  if (lhs.length === 0 || lhs[0].kind !== 'name') return false;
  if (lhs.length === 1) return true;
  if (lhs[1].kind !== '(' || lhs[lhs.length - 1].kind !== ')') return false;
  const inner = lhs.slice(2, -1);
  if (inner.length === 0) return true;
  return inner.every((t, i) => (i % 2 === 0 ? t.kind === 'name' : t.kind === ',')) && inner.length % 2 === 1;
}
