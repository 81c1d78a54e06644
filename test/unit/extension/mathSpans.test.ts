/**
 * Math spans as the preview renders them: Markdown through markdown-it with VS Code's KaTeX plugin
 * (code spans, fences and prices are never math: the three cases of issue 18), LaTeX without
 * comments and verbatim environments.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { markdownMathSpans } from '../../../src/extension/selection/markdownMath';
import { findMathSpans } from '../../../src/shared/document/mathSpans';

const bodies = (text: string, spans: { bodyStart: number; bodyEnd: number }[]): string[] => spans.map((s) => text.slice(s.bodyStart, s.bodyEnd));
const md = (text: string): string[] => bodies(text, markdownMathSpans(text));
const tex = (text: string): string[] => bodies(text, findMathSpans(text, true));

describe('Markdown math, as the preview finds it', () => {
  it('a code span is never math: Run `echo $HOME and $PATH` here', () => {
    assert.deepEqual(md('Run `echo $HOME and $PATH` here'), []);
    assert.deepEqual(md('Run `echo $HOME` and then $x^T x$ here'), ['x^T x']);
  });

  it('a fenced code block is never math', () => {
    assert.deepEqual(md('```sh\necho $HOME\necho $PATH\n```\n\nThen $a+b$.\n'), ['a+b']);
    assert.deepEqual(md('    indented $code$ block\n'), []);
  });

  it('prices are not math: Price is $5 and $10', () => {
    assert.deepEqual(md('Price is $5 and $10'), []);
  });

  it('finds inline and display math with their exact offsets', () => {
    const text = 'The form $x^T A x$ is quadratic.\n\n$$\nf = x^T x\n$$\n\nInline display $$a+b$$ too.\n';
    const spans = markdownMathSpans(text);
    assert.deepEqual(bodies(text, spans), ['x^T A x', '\nf = x^T x\n', 'a+b']);
    assert.equal(text.slice(spans[0].start, spans[0].end), '$x^T A x$');
    assert.deepEqual(spans.map((s) => s.display), [false, true, true]);
  });

  it('maps spans in lists, block quotes, headings, tables and wrapped paragraphs back to the text', () => {
    const text = [
      '# Heading $h_1$ ##',
      '- item $a$',
      '  and $b$ continued',
      '> quoted $c$',
      '',
      '| x | y |',
      '|---|---|',
      '| $d$ | $e$ |',
      '',
      'one line',
      '  then $f$ here',
    ].join('\n');
    assert.deepEqual(md(text), ['h_1', 'a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('escaped dollars and HTML comments are not math', () => {
    assert.deepEqual(md('Costs \\$3 and \\$4, see $x$.'), ['x']);
    assert.deepEqual(md('<!-- $x$ -->\n\nand $y$\n'), ['y']);
  });
});

describe('LaTeX math spans skip comments and verbatim text', () => {
  it('skips % comments but not \\%', () => {
    assert.deepEqual(tex('% $a$ commented\n$b$ and 50\\% of $c$'), ['b', 'c']);
  });

  it('skips verbatim, lstlisting and minted environments and \\verb', () => {
    const text = '\\begin{verbatim}\n$a$\n\\end{verbatim}\n\\begin{lstlisting}\nx = $b$\n\\end{lstlisting}\n\\begin{minted}{python}\n$c$\n\\end{minted}\n\\verb|$d$| then $e$ and \\[ f \\]';
    assert.deepEqual(tex(text), ['e', ' f ']);
  });

  it('still finds math environments', () => {
    assert.deepEqual(tex('\\begin{equation}\nx^T x\n\\end{equation}'), ['\nx^T x\n']);
  });
});
