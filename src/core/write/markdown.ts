/**
 * A derivation as a Markdown document: the function, its shapes and layout, each step (name,
 * reference, explanation, shapes) with its before/after equations in a `$$\begin{aligned} …
 * \end{aligned}$$` block, the result, its piecewise form, a softmax Jacobian's block form with what
 * its blocks are, and the numerical check when present.
 * Renders with KaTeX or MathJax in VS Code's Markdown preview, GitHub and Jupyter.
 */
import { checkStatus, type DeriveResult, type DerivationStep } from '../api';
import { namedForms } from './where';

const errorText = (x: number): string => (Number.isFinite(x) ? x.toExponential(2) : String(x));

export interface MarkdownOptions {
  /** The document title (default: "Derivative of f with respect to x", f the answer's name for the function). */
  readonly title?: string;
}

/** Split an equation `lhs = rhs` at its first `=` outside braces; undefined when there is none. */
export function splitEquation(latex: string): { lhs: string; rhs: string } | undefined {
  let depth = 0;
  for (let i = 0; i < latex.length; i++) {
    const c = latex[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '=' && depth === 0) return { lhs: latex.slice(0, i).trim(), rhs: latex.slice(i + 1).trim() };
  }
  return undefined;
}

/** Display math in Markdown: `$$` on their own lines around an aligned block (no blank lines inside). */
function aligned(lines: readonly string[]): string {
  return ['$$', '\\begin{aligned}', lines.map((l) => l.replace(/\n\s*\n/g, '\n')).join(' \\\\\n'), '\\end{aligned}', '$$'].join('\n');
}

/** The before and after of a step, aligned at their `=`; a shared left side is written once. */
export function stepBlock(before: string, after: string): string {
  const b = splitEquation(before);
  const a = splitEquation(after);
  if (b && a && b.lhs === a.lhs) return aligned([`${b.lhs} &= ${b.rhs}`, `&= ${a.rhs}`]);
  if (b && a) return aligned([`${b.lhs} &= ${b.rhs}`, `${a.lhs} &= ${a.rhs}`]);
  return aligned([`&${before}`, `\\longrightarrow\\; &${after}`]);
}

const shapesLine = (shapes: Readonly<Record<string, string>>): string =>
  `Shapes: ${Object.entries(shapes)
    .map(([name, s]) => `${name}: ${s}`)
    .join(', ')}.`;

function stepSection(step: DerivationStep, index: number): string {
  const heading = `### ${index + 1}. ${step.name}`;
  const lines = [heading, ''];
  lines.push(step.reference ? `${step.explanation} *(${step.reference})*` : step.explanation);
  if (step.shapes && Object.keys(step.shapes).length > 0) lines.push('', shapesLine(step.shapes));
  lines.push('', stepBlock(step.before, step.after));
  return lines.join('\n');
}

/** The result equation (∂f/∂x = …) aligned at its `=`. */
function resultBlock(r: DeriveResult): string {
  const eq = splitEquation(r.equationLatex);
  return aligned([eq ? `${eq.lhs} &= ${eq.rhs}` : `&${r.result.latex}`]);
}

/**
 * A softmax Jacobian written to show its blocks, ∂vec P/∂(vec Z)ᵀ = Kᵀ(B − B(I_N ⊗ 𝟏𝟏ᵀ)B)K where
 * P = softmax(Z, 2), B = diag(vec(Pᵀ)), and the sentence that says what the blocks are.
 */
function blocksSection(r: DeriveResult): string[] {
  const blocks = r.result.blocks;
  if (!blocks) return [];
  const eq = splitEquation(r.equationLatex);
  const latex = namedForms(blocks).latex;
  const sentence = blocks.reading.sentence;
  return ['Block form:', '', aligned([eq ? `${eq.lhs} &= ${latex}` : `&${latex}`]), '', `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`, ''];
}

export function toMarkdown(r: DeriveResult, options: MarkdownOptions = {}): string {
  const wrt = r.wrt.join(', ');
  const order = r.order === 2 ? 'Second derivative' : 'Derivative';
  // The function's one name in the answer (present/functionName.ts), as its steps and equation call it.
  const name = r.input.name;
  const title = options.title ?? `${order} of ${name.unicode} with respect to ${wrt}`;
  const out: string[] = [`# ${title}`, ''];
  out.push(aligned([`${name.latex} &= ${r.input.latex}`]), '');
  out.push(
    `${name.unicode} is ${r.input.shape}; ${wrt} is ${r.wrtShape}. The result is ${r.result.shape}, in ${r.layout} layout.`,
    '',
  );
  if (r.steps && r.steps.length > 0) {
    out.push('## Derivation', '');
    r.steps.forEach((s, i) => out.push(stepSection(s, i), ''));
  }
  out.push('## Result', '', resultBlock(r), '');
  if (r.result.piecewiseLatex) out.push('Piecewise:', '', aligned([`&${r.result.piecewiseLatex}`]), '');
  out.push(...blocksSection(r));
  if (r.check) {
    const c = r.check;
    const status = c.status ?? checkStatus(c);
    out.push(
      status === 'not-run'
        ? `Numerical check: not run (${c.diagnostic?.message ?? 'no point could be compared'}).`
        : `Numerical check (central finite differences at ${c.samples} random points): maximum relative error ${errorText(c.maxRelError)}, ${status === 'passed' ? 'passed' : 'FAILED'}.`,
      '',
    );
  }
  return out.join('\n');
}
