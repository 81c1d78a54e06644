/** `matcalc derive`: one request from the command line, answered for a human (or as --json / --emit). */
import { checkSentence, derive, deriveForm, deriveIndexLatex, deriveReadable, emitCode, separateVariables, type DeriveResult, type Diagnostic, type ReadableAnswer } from '../core/index';
import { toMarkdown } from '../core/write/markdown';
import { parseDeriveArgs, UsageError, type DeriveArgs } from './args';
import { caretLines, errorReport } from './display';

/** The caret diagram for an error: the input line (controls escaped) and a ^ under the span by display column. */
export function caret(text: string, error: Diagnostic): string {
  return caretLines(text, error.start, error.end);
}

function humanResult(r: ReadableAnswer, indexFirst: boolean): string {
  const named = r.result.named !== undefined ? [`  = ${r.result.named}`] : [];
  // A softmax along a dimension: the form that shows its blocks (unless it is the named form), and what they are.
  const blocks = r.result.blocks ? [r.result.blocks.unicode].filter((b) => !named.includes(`  = ${b}`)).map((b) => `  = ${b}`) : [];
  if (r.result.blocks) blocks.push(`  ${r.result.blocks.sentence}`);
  // With --form index the component formula comes first; otherwise it follows (results with 3 or 4 indices).
  const index = r.indexForm ? [r.indexForm.unicode] : [];
  const lines = [
    `read as: ${r.input.text}   (${r.input.notation})`,
    ...(indexFirst ? index : []),
    r.result.unicode,
    ...named,
    ...blocks,
    `  text: ${r.result.text}`,
    `  shape ${r.result.shape}, ${r.layout} layout, with respect to ${r.wrt.join(', ')} (${r.wrtShape})`,
  ];
  if (!indexFirst && r.indexForm) lines.push(`  in components: ${r.indexForm.unicode}`);
  if (r.assumed.length > 0) lines.push(`  assumed: ${assumedText(r.assumed)}`);
  if (r.check) lines.push(`  numerical check: ${checkSentence(r.check)}`);
  if (r.steps) {
    lines.push('', 'Derivation:');
    r.steps.forEach((s, i) => {
      const mark = s.kind === 'pitfall' ? ' (a common mistake)' : '';
      const ref = s.reference ? ` [${s.reference}]` : '';
      lines.push(`  ${i + 1}. ${s.name}${mark}${ref}`, `     ${s.explanation}`, `     ${s.afterText}`);
    });
  }
  return lines.join('\n');
}

/** "x scalar (from x^2), A matrix(n, n) (letter convention)". */
export function assumedText(assumed: DeriveResult['assumed']): string {
  return assumed.map((a) => `${a.name} ${a.shape} (${a.reason})`).join(', ');
}

type Answer = { ok: true; value: string } | { ok: false; error: Diagnostic };

/**
 * Several variables that are not all scalars (a scalar loss by W and b): one result per variable, in
 * the order given — for a human each answer in turn, with --json {"wrt": [...], "results": [...]}
 * (each element what `derive --json` gives for that variable alone), with --emit text or latex one
 * line per variable. Code and Markdown describe one derivative: asked for one variable at a time.
 */
function answerEach(args: DeriveArgs, names: readonly string[]): Answer {
  if (args.emit !== undefined && args.emit !== 'text' && args.emit !== 'latex') {
    throw new UsageError(`--emit ${args.emit} writes one derivative: with several variables that are not all scalars (${names.join(', ')}), ask for one --wrt at a time`);
  }
  const each = names.map((name) => ({ ...args.request, wrt: [name] }));
  if (args.json) {
    const results: DeriveResult[] = [];
    for (const request of each) {
      const r = derive(request);
      if (!r.ok) return r;
      results.push(r.value);
    }
    return { ok: true, value: JSON.stringify({ wrt: names, results }) };
  }
  const written: string[] = [];
  for (const request of each) {
    const a = answerOne({ ...args, request });
    if (!a.ok) return a;
    written.push(a.value);
  }
  return { ok: true, value: written.join(args.emit ? '\n' : '\n\n') };
}

function answerDerive(args: DeriveArgs): Answer {
  const split = separateVariables(args.request);
  if (!split.ok) return split;
  return split.value ? answerEach(args, split.value) : answerOne(args);
}

function answerOne(args: DeriveArgs): Answer {
  if (args.emit === 'numpy' || args.emit === 'torch' || args.emit === 'jax' || args.emit === 'einsum') return emitCode(args.request, args.emit);
  if (args.emit === 'markdown') {
    const md = derive({ ...args.request, steps: true });
    return md.ok ? { ok: true, value: toMarkdown(md.value) } : md;
  }
  // One form only: the others are not written. The index form is written in LaTeX (and Unicode) only:
  // with --emit text it is checked to exist and the matrix form's text printed.
  if (!args.json && args.emit === 'latex' && args.request.form === 'index') return deriveIndexLatex(args.request);
  if (!args.json && (args.emit === 'text' || args.emit === 'latex')) return deriveForm(args.request, args.emit);
  if (args.json) {
    const r = derive(args.request);
    return r.ok ? { ok: true, value: JSON.stringify(r.value) } : r;
  }
  // For a person: the plain and Unicode forms it prints, nothing of LaTeX.
  const r = deriveReadable(args.request);
  return r.ok ? { ok: true, value: humanResult(r.value, args.request.form === 'index') } : r;
}

/** Runs `matcalc derive ARGS`; the exit code (0 answered, 2 a problem with the input). */
export function runDerive(argv: readonly string[], write: (s: string) => void): number {
  const args = parseDeriveArgs(argv);
  const a = answerDerive(args);
  if (!a.ok) {
    const inWhere = a.error.source === 'where';
    const text = inWhere ? (args.request.where ?? '') : args.request.expr;
    process.stderr.write(errorReport(text, a.error, inWhere ? '--where, ' : ''));
    return 2;
  }
  write(`${a.value}\n`);
  return 0;
}
