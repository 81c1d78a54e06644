/**
 * The Markdown file of the hover benchmark: 500 ten-line sections (5,000 lines), each with a
 * declaration comment, one inline math span in LaTeX and the same function in a ```matcalc fence.
 * Every section's function is different (a coefficient, the section number, changes), so each
 * first hover is a derivation and a rendering never done before.
 */
import type { HoverTarget } from './protocol';

interface Template {
  readonly latex: (c: number) => string;
  readonly plain: (c: number) => string;
  /** The variable to differentiate first: the hover derives for the first declared one. */
  readonly where: string;
}

const TEMPLATES: readonly Template[] = [
  { latex: (c) => `${c}\\mathbf{x}^\\top A\\mathbf{x}`, plain: (c) => `${c}*x'*A*x`, where: 'x: vector(n); A: matrix(n, n)' },
  { latex: (c) => `\\|A\\mathbf{x} - ${c}\\mathbf{b}\\|^2`, plain: (c) => `norm2(A*x - ${c}*b)^2`, where: 'x: vector(n); A: matrix(m, n); b: vector(m)' },
  { latex: (c) => `${c}\\operatorname{tr}(X^\\top B X)`, plain: (c) => `${c}*tr(X'*B*X)`, where: 'X: matrix(m, n); B: matrix(m, m)' },
  { latex: (c) => `\\mathbf{a}^\\top\\tanh(${c}X\\mathbf{b})`, plain: (c) => `a'*tanh(${c}*X*b)`, where: 'X: matrix(m, n); a: vector(m); b: vector(n)' },
  { latex: (c) => `\\log\\det(${c}X)`, plain: (c) => `logdet(${c}*X)`, where: 'X: matrix(n, n)' },
  { latex: (c) => `\\sigma(${c}\\mathbf{w}^\\top\\mathbf{x})`, plain: (c) => `sigmoid(${c}*w'*x)`, where: 'w: vector(n); x: vector(n)' },
  { latex: (c) => `\\|W\\mathbf{x} - \\mathbf{y}\\|^2 + ${c}\\|W\\|^2`, plain: (c) => `norm2(W*x - y)^2 + ${c}*norm2(W)^2`, where: 'W: matrix(m, n); x: vector(n); y: vector(m)' },
  { latex: (c) => `-\\mathbf{t}^\\top\\log(\\operatorname{softmax}(${c}\\mathbf{z}))`, plain: (c) => `-t'*log(softmax(${c}*z))`, where: 'z: vector(n); t: vector(n)' },
  { latex: (c) => `\\sin(${c}x^2)`, plain: (c) => `sin(${c}*x^2)`, where: 'x: scalar' },
  { latex: (c) => `${c}\\mathbf{w}^\\top\\mathbf{x} + b`, plain: (c) => `${c}*w'*x + b`, where: 'w: vector(n); x: vector(n); b: scalar' },
];

export interface BenchMarkdown {
  readonly text: string;
  readonly lines: number;
  readonly mathSpans: number;
  readonly targets: HoverTarget[];
}

export function benchMarkdown(sections = 500): BenchMarkdown {
  const lines: string[] = [];
  const targets: HoverTarget[] = [];
  for (let k = 0; k < sections; k++) {
    const t = TEMPLATES[k % TEMPLATES.length];
    const c = k + 2;
    const base = lines.length;
    const prose = `The derivative of $${t.latex(c)}$ appears when the pointer rests on it; this sentence is ordinary prose.`;
    lines.push(
      `## ${k + 1}. Section ${k + 1}`,
      '',
      `<!-- ${t.where} -->`,
      prose,
      `More prose in section ${k + 1}, with numbers 1, 2 and 3 and no mathematics at all.`,
      '',
      '```matcalc',
      t.plain(c),
      '```',
      '',
    );
    targets.push({ line: base + 3, character: prose.indexOf('$') + 2, kind: 'math' });
    targets.push({ line: base + 7, character: 1, kind: 'fence' });
  }
  return { text: `${lines.join('\n')}\n`, lines: lines.length, mathSpans: sections, targets };
}

/** Targets spread over the whole file: every `stride`-th section, in file order. */
export function spread(targets: readonly HoverTarget[], kind: HoverTarget['kind'], count: number): HoverTarget[] {
  const all = targets.filter((t) => t.kind === kind);
  const stride = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % stride === 0).slice(0, count);
}
