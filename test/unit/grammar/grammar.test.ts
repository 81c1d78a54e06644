/**
 * Tokenizes with the real TextMate engine VS Code uses (vscode-textmate + Oniguruma WASM), so the
 * grammar's regular expressions are checked as VS Code runs them, not as JavaScript would.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { ELEMENTWISE_FUNCTIONS, FUNCTIONS } from '../../../src/core/functions/index';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** A minimal Markdown grammar: just enough to host the fenced-block injection. */
const MARKDOWN_STUB = {
  scopeName: 'text.html.markdown',
  patterns: [{ match: '^#+ .*$', name: 'markup.heading.markdown' }],
};

let registry: vsctm.Registry;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const file = {
        'source.matcalc': 'syntaxes/matcalc.tmLanguage.json',
        'markdown.matcalc.codeblock': 'syntaxes/matcalc.markdown.tmLanguage.json',
      }[scopeName];
      if (scopeName === 'text.html.markdown') return vsctm.parseRawGrammar(JSON.stringify(MARKDOWN_STUB), 'markdown.json');
      if (!file) return null;
      return vsctm.parseRawGrammar(fs.readFileSync(path.join(ROOT, file), 'utf8'), path.join(ROOT, file));
    },
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? ['markdown.matcalc.codeblock'] : undefined),
  });
});

/** Tokenizes lines; returns [text, scopes] for each non-blank token. */
async function tokenize(scope: string, lines: string[]): Promise<Array<[string, string[]]>> {
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, `grammar ${scope} did not load`);
  const out: Array<[string, string[]]> = [];
  let stack = vsctm.INITIAL;
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const text = line.substring(t.startIndex, t.endIndex);
      if (text.trim() !== '') out.push([text.trim(), t.scopes]);
    }
    stack = r.ruleStack;
  }
  return out;
}

function scopeOf(tokens: Array<[string, string[]]>, text: string): string[] {
  const t = tokens.find(([s]) => s === text);
  assert.ok(t, `no token "${text}" in ${JSON.stringify(tokens.map(([s]) => s))}`);
  return t[1];
}

describe('TextMate grammar (source.matcalc)', () => {
  it('declarations: name, type, dimensions and modifier', async () => {
    const toks = await tokenize('source.matcalc', ['A: matrix(m, n) symmetric', 'x: vector(n)', 's: scalar']);
    assert.ok(scopeOf(toks, 'A').includes('variable.other.declaration.matcalc'));
    assert.ok(scopeOf(toks, 'matrix').includes('storage.type.matcalc'));
    assert.ok(scopeOf(toks, 'symmetric').includes('storage.modifier.matcalc'));
    assert.ok(scopeOf(toks, 'vector').includes('storage.type.matcalc'));
    assert.ok(scopeOf(toks, 'scalar').includes('storage.type.matcalc'));
    assert.ok(scopeOf(toks, 'm').includes('variable.parameter.dimension.matcalc'));
  });

  it('expressions: functions, operators, transpose, numbers, comments', async () => {
    const toks = await tokenize('source.matcalc', ["sigmoid(W * x)' .* 2.5e-3 ./ y .^ 2 + logdet(S) # note"]);
    assert.ok(scopeOf(toks, 'sigmoid').includes('support.function.matcalc'));
    assert.ok(scopeOf(toks, 'logdet').includes('support.function.matcalc'));
    assert.ok(scopeOf(toks, 'W').includes('variable.other.matcalc'));
    assert.ok(scopeOf(toks, "'").includes('keyword.operator.transpose.matcalc'));
    assert.ok(scopeOf(toks, '.*').includes('keyword.operator.elementwise.matcalc'));
    assert.ok(scopeOf(toks, './').includes('keyword.operator.elementwise.matcalc'));
    assert.ok(scopeOf(toks, '.^').includes('keyword.operator.elementwise.matcalc'));
    assert.ok(scopeOf(toks, '2.5e-3').includes('constant.numeric.matcalc'));
    assert.ok(scopeOf(toks, '+').includes('keyword.operator.arithmetic.additive.matcalc'));
    assert.ok(scopeOf(toks, 'note').includes('comment.line.number-sign.matcalc'));
  });

  it('every element-wise function of the records (each name the plain syntax reads or writes) is a function', async () => {
    const names = new Set(ELEMENTWISE_FUNCTIONS.flatMap((f) => [...FUNCTIONS[f].plain.read, FUNCTIONS[f].plain.write]));
    const lines = [...names].map((name) => `${name}(x)`);
    const toks = await tokenize('source.matcalc', lines);
    for (const name of names) assert.ok(scopeOf(toks, name).includes('support.function.matcalc'), `${name} is not highlighted as a function`);
  });
  it('a function name not followed by ( is a variable', async () => {
    const toks = await tokenize('source.matcalc', ['exp + sum']);
    assert.ok(scopeOf(toks, 'exp').includes('variable.other.matcalc'));
    assert.ok(!scopeOf(toks, 'sum').includes('support.function.matcalc'));
  });
});

/** The scopes at the first character of `needle` on line `row`. */
async function scopesAt(scope: string, lines: string[], row: number, needle: string): Promise<string[]> {
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar);
  let stack = vsctm.INITIAL;
  for (let i = 0; i < row; i++) stack = grammar.tokenizeLine(lines[i], stack).ruleStack;
  const col = lines[row].indexOf(needle);
  assert.ok(col >= 0, `"${needle}" not on line ${row}`);
  const tok = grammar.tokenizeLine(lines[row], stack).tokens.find((t) => t.startIndex <= col && col < t.endIndex);
  assert.ok(tok);
  return tok.scopes;
}

describe('Markdown injection (markdown.matcalc.codeblock)', () => {
  const md = ['# Title', 'tr(A)', '```matcalc', 'x: vector(n)', 'tr(A)', '```', 'tr(A)'];

  it('highlights ```matcalc fenced blocks with source.matcalc', async () => {
    const inside = await scopesAt('text.html.markdown', md, 4, 'tr');
    assert.ok(inside.includes('meta.embedded.block.matcalc'), inside.join(' '));
    assert.ok(inside.includes('support.function.matcalc'), inside.join(' '));
    assert.ok((await scopesAt('text.html.markdown', md, 3, 'vector')).includes('storage.type.matcalc'));
  });

  it('leaves text before and after the block, and other fenced languages, alone', async () => {
    for (const row of [1, 6]) {
      const scopes = await scopesAt('text.html.markdown', md, row, 'tr');
      assert.ok(!scopes.includes('support.function.matcalc'), `line ${row}: ${scopes.join(' ')}`);
    }
    const py = await scopesAt('text.html.markdown', ['```python', 'tr(A)', '```'], 1, 'tr');
    assert.ok(!py.includes('support.function.matcalc'), py.join(' '));
  });
});
