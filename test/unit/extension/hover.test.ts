import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { LruCache } from '../../../src/extension/hover/cache';
import { codeBlock, commandLink, documentPosition, errorSection, escapeMarkdown, hoverTex, resultSection } from '../../../src/extension/hover/content';
import type { DeriveResult } from '../../../src/core/api';
import { svgDataUri, texToSvg } from '../../../src/extension/hover/mathjax';

describe('hover: MathJax SVG', () => {
  it('renders TeX to a self-contained SVG in the given colour', () => {
    const svg = texToSvg('\\frac{\\partial f}{\\partial \\mathbf{x}} = (A + A^T)\\mathbf{x}', '#ffffff');
    assert.match(svg, /^<svg[^>]*style="color:#ffffff;font-size:115%;/);
    assert.equal((svg.match(/<svg[^>]*\sstyle=/g) ?? []).length, 1, 'one style attribute on the root');
    assert.match(svg, /currentColor/);
    assert.doesNotMatch(svg, /<script|href="(?!#)|@font-face|url\(/i, 'no scripts, external links or fonts');
  });

  it('hostile TeX renders inert', () => {
    const svg = texToSvg('\\href{javascript:alert(1)}{x} \\url{http://a} <script>alert(1)</script> \\&lt;', '#000000');
    assert.doesNotMatch(svg, /javascript:|<script/i);
  });

  it('a TeX error throws (the caller falls back to text)', () => {
    assert.throws(() => texToSvg('x^{', '#000000'), /brace/i);
  });

  it('only hex colours are accepted', () => {
    assert.throws(() => texToSvg('x', 'red;}<script>'), /colour/);
  });

  it('data URI is base64 of the UTF-8 bytes', () => {
    const uri = svgDataUri('<svg>∂</svg>');
    assert.match(uri, /^data:image\/svg\+xml;base64,/);
    assert.equal(Buffer.from(uri.split(',')[1], 'base64').toString('utf8'), '<svg>∂</svg>');
  });
});

describe('hover: markdown', () => {
  it('command links carry JSON arguments, URI-encoded', () => {
    const link = commandLink('Show steps', 'matrixCalculus.differentiate', { expr: "x'*A*x", from: 'plain', wrt: ['x'] });
    const m = /\(command:matrixCalculus\.differentiate\?([^ )]+) /.exec(link);
    assert.ok(m, link);
    assert.deepEqual(JSON.parse(decodeURIComponent(m[1])), [{ expr: "x'*A*x", from: 'plain', wrt: ['x'] }]);
  });

  it('code blocks cannot be broken out of', () => {
    const block = codeBlock('a ``` b ```` c');
    assert.ok(block.startsWith('`````\n'));
    assert.ok(block.endsWith('\n`````'));
  });

  const result = {
    input: { text: "x'*A*x", latex: 'x^T A x', shape: '1×1', notation: 'plain' as const, name: { text: 'f', unicode: 'f', latex: 'f' } },
    wrt: ['x'],
    wrtShape: 'n×1',
    layout: 'numerator',
    order: 1,
    result: { text: "x'*(A + A')", latex: 'x^T (A + A^T)', shape: '1×n' },
    equationLatex: '\\frac{\\partial}{\\partial x} = x^T (A + A^T)',
    assumed: [],
  } as DeriveResult;
  const labels = { steps: 'Show steps', copy: 'Copy LaTeX', layout: 'layout' };
  const links = { expr: "x'*A*x", from: 'plain', wrt: ['x'] };

  it('a result section: the image, the shape line and both links', () => {
    const md = resultSection(result, 'data:image/svg+xml;base64,AAAA', links, labels);
    assert.match(md, /^!\[.*\]\(data:image\/svg\+xml;base64,AAAA\)/);
    assert.match(md, /1×n \\\(numerator layout\\\)/, 'parentheses escaped for Markdown');
    assert.match(md, /command:matrixCalculus\.differentiate\?/);
    assert.match(md, /command:matrixCalculus\.copyLatex\?/);
    assert.match(hoverTex(result), /^\\begin\{gathered\}f = x\^T A x\\\\\[4pt\]\\frac/);
  });

  it('without an image (MathJax failed or timed out): the plain text in a code block', () => {
    const md = resultSection(result, undefined, links, labels);
    assert.doesNotMatch(md, /data:image/);
    assert.match(md, /```\nf = x'\*A\*x\n∂f\/∂x = x'\*\(A \+ A'\)\n```/);
  });

  it('markdown and HTML in messages are escaped', () => {
    assert.equal(escapeMarkdown('[x](command:evil) <b>'), '\\[x\\]\\(command:evil\\) \\<b\\>');
    const s = errorSection({ message: 'unexpected `)` [x](command:evil)', code: 'parse.unexpected-token', start: 4, end: 5 }, 'x + )', 'not read');
    assert.match(s, /^\*\*Matrix Calculus — not read\*\* · `parse\.unexpected-token` · column 5\n/);
    assert.ok(s.includes('unexpected \\`\\)\\` \\[x\\]\\(command:evil\\)'), s);
    assert.match(s, /x \+ \)\n {4}\^/);
  });

  it('an error says why the text was not read: code, message, its line and column in the document, the span marked', () => {
    const expr = 'W*x + b';
    const at = documentPosition({ line: 2, character: 4 }, expr, 6);
    assert.deepEqual(at, { line: 3, column: 11 });
    const s = errorSection({ message: "'b' is a scalar only by its letter", code: 'shape.ambiguous', start: 6, end: 7, at }, expr, 'not read');
    assert.match(s, /^\*\*Matrix Calculus — not read\*\* · `shape\.ambiguous` · line 3, column 11\n\n'b' is a scalar only by its letter\n\n/);
    assert.match(s, /```\nW\*x \+ b\n {6}\^\n```$/);
  });

  it('positions on later lines count from the line start; a span on a later line is not marked under the first', () => {
    assert.deepEqual(documentPosition({ line: 0, character: 7 }, 'a +\n  b', 6), { line: 2, column: 3 });
    const s = errorSection({ message: 'm', code: 'parse.unexpected-token', start: 6, end: 7 }, 'a +\n  b', 'not read');
    assert.match(s, /```\na \+\n {2}b\n```$/);
    const whole = errorSection({ message: 'm', code: 'derive.unsupported' }, 'f(x)', 'cannot differentiate');
    assert.match(whole, /^\*\*Matrix Calculus — cannot differentiate\*\* · `derive\.unsupported`\n/);
  });
});

describe('hover: cache', () => {
  it('evicts the least recently used entry', () => {
    const c = new LruCache<number>(2);
    c.set('a', 1);
    c.set('b', 2);
    assert.equal(c.get('a'), 1);
    c.set('c', 3);
    assert.equal(c.get('b'), undefined);
    assert.equal(c.get('a'), 1);
    assert.equal(c.get('c'), 3);
    assert.equal(c.size, 2);
  });
});
