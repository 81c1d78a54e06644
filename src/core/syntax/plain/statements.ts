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
  let current: Token[] = [];
  let after: Statement['after'] = 'start';
  let depth = 0;
  const separator = (kind: 'newline' | ';' | 'where'): void => {
    if (current.length > 0) {
      out.push({ tokens: current, after, declaration: isDeclaration(current) });
      current = [];
      after = 'newline';
    }
    if (out.length > 0 && RANK[kind] > RANK[after]) after = kind;
  };
  for (const t of tokens) {
    if (t.kind === 'eof') break;
    if (depth === 0 && (t.kind === ';' || t.kind === 'newline')) {
      separator(t.kind);
    } else if (depth === 0 && t.kind === 'name' && t.text === 'where') {
      separator('where');
    } else {
      if (t.kind === '(' || t.kind === '[') depth++;
      if ((t.kind === ')' || t.kind === ']') && depth > 0) depth--;
      current.push(t);
    }
  }
  separator('newline');
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
