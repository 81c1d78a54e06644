/**
 * One name for the function in an answer: the steps (y = sum(v), dy, ∂y/∂W), the equation heading
 * (∂/∂W f), the hover (f = …, ∂f/∂W) and the Markdown document (# Derivative of f, f &= …) call the
 * function being differentiated by the same name — the user's own where the text gives one (`L = …`,
 * `def loss(…)`), else one default — and never by a variable's name.
 */
import * as assert from 'node:assert/strict';
import type { DeriveRequest, DeriveResult } from '../../../src/core/api';
import { derive } from '../../../src/core/index';
import { hoverTex, resultSection } from '../../../src/extension/hover/content';
import { toMarkdown } from '../../../src/core/write/markdown';
import { readExpression } from '../../../src/core/read';

interface Case {
  readonly label: string;
  readonly req: DeriveRequest;
  /** The name the answer must call the function by, where the text gives it (the user's own). */
  readonly name?: string;
}

const MLP = 'norm2(tanh(W2*tanh(W1*x)) - t)^2';
const MLP_WHERE = 'x: vector(n); W1: matrix(m,n); W2: matrix(k,m); t: vector(k)';

const CASES: readonly Case[] = [
  { label: 'a two-layer MLP by the first weight (the heading names it)', req: { expr: MLP, where: MLP_WHERE, wrt: ['W1'] } },
  { label: 'a sum of a tanh layer by its weight', req: { expr: 'sum(tanh(W*x))', where: 'x: vector(n); W: matrix(m,n)', wrt: ['W'] } },
  { label: 'a quadratic form, second order', req: { expr: "x'*A*x + sum(exp(x))", where: 'x: vector(n); A: matrix(n,n)', wrt: ['x'], order: 2 } },
  { label: 'two scalars stacked', req: { expr: 'sin(a*b) + a^2*b', where: 'a: scalar; b: scalar', wrt: ['a', 'b'] } },
  { label: 'a variable called f', req: { expr: 'sum(tanh(W*f))', where: 'f: vector(n); W: matrix(m,n)', wrt: ['W'] } },
  { label: 'a softmax', req: { expr: 'softmax(W*x)', where: 'x: vector(n); W: matrix(m,n)', wrt: ['x'] } },
  { label: 'the user names it L (plain)', req: { expr: `L = ${MLP}`, where: MLP_WHERE, wrt: ['W1'] }, name: 'L' },
  { label: 'the user names it L (LaTeX)', req: { expr: String.raw`L = \|X\mathbf{w} - \mathbf{y}\|^2`, wrt: ['w'], from: 'latex' }, name: 'L' },
  { label: 'the user names it L (LaTeX, a function head and :=)', req: { expr: String.raw`\mathcal{L}(\mathbf{w}) := \|X\mathbf{w} - \mathbf{y}\|^2`, wrt: ['w'], from: 'latex' }, name: 'L' },
  { label: 'the user names it L (Unicode)', req: { expr: 'L = ‖Xw − y‖²', wrt: ['w'], from: 'unicode' }, name: 'L' },
  { label: 'the user names it L (Unicode, auto)', req: { expr: 'L = ‖Xw − y‖²', wrt: ['w'] }, name: 'L' },
  {
    label: 'the user names it loss (NumPy def)',
    req: { expr: ['def loss(W1, W2, x, t):', '    return np.sum((np.tanh(W2 @ np.tanh(W1 @ x)) - t) ** 2)'].join('\n'), where: MLP_WHERE, wrt: ['W1'], from: 'numpy' },
    name: 'loss',
  },
];

function answer(c: Case): DeriveResult {
  const r = derive({ ...c.req, steps: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

/** The name the steps give the function: the last definition of the step that introduces the intermediates. */
function stepsName(r: DeriveResult): string | undefined {
  const intro = r.steps?.find((s) => s.rule === 'intermediate-variables');
  if (intro === undefined) return undefined;
  const defs = (intro.afterText ?? '').split(/,\s+(?=\S+ = )/);
  return defs[defs.length - 1].split(' = ')[0].trim();
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('one name for the function in an answer', function () {
  this.timeout(60_000);

  for (const c of CASES) {
    it(`${c.label}: the steps, the heading, the hover and the document call it one name`, () => {
      const r = answer(c);
      // The hover: "f = …" over the equation, and ∂f/∂W in its text.
      const tex = hoverTex(r);
      const m = /^\\begin\{gathered\}(.+?) = /.exec(tex);
      assert.ok(m, tex);
      const nameLatex = m[1];
      const section = resultSection(r, undefined, { expr: c.req.expr, from: 'plain', wrt: r.wrt }, { steps: 's', copy: 'c', layout: 'l' });
      const hoverName = /\n∂²?(\S+?)\/∂/.exec(section)?.[1];
      assert.ok(hoverName !== undefined, section);
      assert.ok(section.includes(`${hoverName} = ${r.input.text}`), `the hover's text calls it ${hoverName}: ${section}`);
      if (c.name !== undefined) {
        assert.equal(hoverName, c.name);
        // The JSON answer's input.name, in every notation: each reads back to the name.
        assert.equal(r.input.name.text, c.name);
        // (A word of three lowercase letters, loss, is a product of letters to the Unicode reader unless declared.)
        for (const [from, written] of [['unicode', r.input.name.unicode], ['latex', r.input.name.latex]] as const) {
          const back = readExpression(written, from === 'unicode' && c.name.length > 2 ? `${c.name}: scalar` : undefined, from);
          assert.ok(back.ok && back.value.expr.op === 'var' && back.value.expr.name === c.name, `input.name.${from} ${written} reads back as ${back.ok ? String(back.value.expr.name) : back.error.message}`);
        }
      }
      // Not a variable's name.
      const variables = new Set(r.assumed.map((a) => a.name).concat(c.req.wrt ?? []));
      const read = readExpression(c.req.expr, c.req.where, c.req.from ?? 'auto');
      assert.ok(read.ok);
      for (const v of read.value.variables) variables.add(v.name as string);
      assert.ok(!variables.has(hoverName), `the function is called by the variable ${hoverName}'s name`);
      // The steps.
      const fromSteps = stepsName(r);
      if (fromSteps !== undefined) assert.equal(fromSteps, hoverName, `the steps call it ${fromSteps}, the hover ${hoverName}`);
      const intermediates = new Set((r.steps ?? []).filter((s) => s.rule === 'intermediate-variables').flatMap((s) => (s.afterText ?? '').split(/,\s+/).map((d) => d.split(' = ')[0].trim())));
      for (const other of ['y', 'Y', 'f', 'F', 'L', 'loss']) {
        if (other === hoverName || variables.has(other) || intermediates.has(other)) continue;
        const by = new RegExp(`(∂|\\bd)${escape(other)}(?![\\p{L}\\p{N}₀-₉_′])`, 'u');
        for (const s of r.steps ?? []) {
          const text = `${s.explanation}\n${s.afterText ?? ''}`;
          assert.ok(!by.test(text), `step ${s.name} calls the function ${other}, the hover ${hoverName}: ${text}`);
        }
      }
      // The equation heading, where it names the function rather than writing it out.
      if (!r.equationLatex.includes('\\left(')) assert.ok(new RegExp(`(\\} |\\()${escape(nameLatex)}\\)?( |\\}|\\^)`).test(r.equationLatex), `the heading: ${r.equationLatex}, the hover: ${nameLatex}`);
      // The document.
      const md = toMarkdown(r);
      assert.ok(md.startsWith(`# ${r.order === 2 ? 'Second derivative' : 'Derivative'} of ${hoverName} with respect to`), md.slice(0, 80));
      assert.ok(md.includes(`${nameLatex} &= ${r.input.latex}`), md.slice(0, 300));
    });
  }

});
