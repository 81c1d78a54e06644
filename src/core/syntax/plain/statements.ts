/**
 * Splitting a text into statements: at `;` and line breaks outside brackets, and before the word
 * `where` (matrixcalculus.org writes the declarations after `where`). A statement is a declaration
 * when it starts `name:` or `name is` (also `x, y: …` and `x and y are …`); anything else is (part
 * of) the expression.
 */
import { memoByText } from '../memo';
import { scan, type Token } from './scanner';

export interface Statement {
  /** The statement's tokens: no separators, line breaks only inside brackets, no `eof`. */
  readonly tokens: readonly Token[];
  /** What ended the previous statement: 'start' for the first one. */
  readonly after: 'start' | 'newline' | ';' | 'where';
  readonly declaration: boolean;
}

export function splitStatements(tokens: readonly Token[]): Statement[] {
  const out: Statement[] = [];
  // The current statement is tokens[start, i): cut out in one slice at its separator.
  let start = 0;
  let after: Statement['after'] = 'start';
  let depth = 0;
  const separator = (kind: 'newline' | ';' | 'where', i: number): void => {
    if (i > start) {
      const current = tokens.slice(start, i);
      out.push({ tokens: current, after, declaration: isDeclaration(current) });
      after = 'newline';
    }
    start = i + 1;
    if (out.length > 0 && RANK[kind] > RANK[after]) after = kind;
  };
  let i = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'eof') break;
    if (depth === 0 && (t.kind === ';' || t.kind === 'newline')) {
      separator(t.kind, i);
    } else if (depth === 0 && t.kind === 'name' && t.text === 'where') {
      separator('where', i);
    } else if (t.kind === '(' || t.kind === '[') {
      depth++;
    } else if ((t.kind === ')' || t.kind === ']') && depth > 0) {
      depth--;
    }
  }
  separator('newline', i);
  return out;
}

/**
 * The statements of a whole text, `splitStatements(scan(text))`, remembered for recent short texts:
 * detection and the reader split the same text, and the same `where` comes with many requests.
 */
export const statementsOf: (text: string) => readonly Statement[] = memoByText((text) => splitStatements(scan(text)));

const RANK: Readonly<Record<Statement['after'], number>> = { start: 0, newline: 1, ';': 2, where: 3 };

function isDeclaration(tokens: readonly Token[]): boolean {
  let i = 0;
  for (;;) {
    if (tokens[i]?.kind !== 'name') return false;
    i++;
    const t = tokens[i];
    if (t === undefined) return false;
    if (t.kind === ':') return true;
    if (t.kind === 'name' && (t.text === 'is' || t.text === 'are')) return true;
    if (t.kind === ',' || (t.kind === 'name' && t.text === 'and')) {
      i++;
      continue;
    }
    return false;
  }
}
