/**
 * Part 3: the scaling families (bench/families.ts). For each size: the result's size — nodes of its
 * tree (Expr.size, what the written result spells out), distinct nodes of its DAG (what the core
 * stores), characters of its LaTeX and text (and of its form with common subexpressions named) —
 * and the time of derive() from the text, warm. For the MLP also the time of everything derive()
 * does after reading (bench/pipeline.ts) from the expression built in the model, which works at
 * every depth (the reader stops at MLP_TEXT_MAX_LAYERS layers). Growth
 * exponents are least-squares slopes in log-log, over all sizes and over the largest four ("tail",
 * the asymptotic rate: at small sizes fixed costs flatten the curve).
 */
import { measure } from '../lib/measure.mjs';
import { mean, median, p95, round } from '../lib/stats.mjs';

function variablesOf(core, req) {
  const read = core.readExpression(req.expr, req.where, 'auto');
  if (!read.ok) throw new Error(`${req.expr.slice(0, 60)}…: ${read.error.message}`);
  return { f: read.value.expr, wrt: req.wrt.map((n) => read.value.variables.find((v) => v.name === n)) };
}

/**
 * Every timed call below starts from an empty hash-consing table with its expression built again
 * (`before`, untimed), so its nodes are new and nothing is answered from what the core remembers
 * per node — differentiate()'s last derivatives and present()'s layouts (calculus/derive.ts
 * RECENT_DERIVATIVES, present/present.ts). Before 2026-12-06 the same nodes were derived again and
 * again, and those stages were lookups: the MLP's time was mostly its writing.
 */
function point(core, family, size, quick) {
  const req = family.request(size);
  const textual = family.name !== 'mlp' || size <= core.MLP_TEXT_MAX_LAYERS;
  const build = () => (textual ? variablesOf(core, req) : (({ f: g, w1 }) => ({ f: g, wrt: [w1] }))(core.mlpExpr(size)));
  let { f, wrt } = build();
  const rebuild = () => {
    core.resetInternTable();
    ({ f, wrt } = build());
  };
  const { shown, result, equationLatex } = core.deriveExpr(f, wrt, req.layout);
  const opts = { warmup: 2, minReps: quick ? 3 : 7, maxReps: quick ? 20 : 200, budgetMs: quick ? 40 : 250 };
  const named = result.named ? result.named.latex.length + result.named.definitions.reduce((a, d) => a + d.name.length + d.latex.length, 0) : undefined;
  const out = {
    size,
    inputChars: req.expr.length + (req.where?.length ?? 0),
    textInput: textual,
    treeSize: shown.size,
    dagSize: core.postorder(shown).length,
    latexChars: result.latex.length,
    textChars: result.text.length,
    /** The LaTeX of the form with common subexpressions named (result.named), with its definitions. */
    namedLatexChars: named,
  };
  if (textual) {
    const r = core.derive(req);
    if (!r.ok) throw new Error(`${family.name}(${size}): ${r.error.message}`);
    const same = r.value.result.latex === result.latex && r.value.result.named?.latex === result.named?.latex && r.value.equationLatex === equationLatex;
    const t = measure(() => core.derive(req), { ...opts, before: core.resetInternTable });
    Object.assign(out, { deriveMedianMs: round(median(t.wallMs)), deriveP95Ms: round(p95(t.wallMs)), deriveCpuMs: round(median(t.cpuMs)), pipelineMatchesDerive: same });
  }
  if (family.name === 'mlp') {
    const deep = { ...opts, minReps: quick ? 3 : 11, budgetMs: quick ? 40 : 400, before: rebuild, gc: true };
    const t = measure(() => core.deriveExpr(f, wrt, req.layout), deep);
    Object.assign(out, {
      pipelineMedianMs: round(median(t.wallMs)),
      pipelineP95Ms: round(p95(t.wallMs)),
      pipelineCpuMs: round(median(t.cpuMs)),
      // The garbage collections within a call: a call allocates ~80 KB per layer, and a scavenge comes
      // every ~14 MB at about the same cost, so below L ≈ 100 the median call holds none and from 128
      // on nearly every call one (docs/benchmarks.md, the MLP's time exponent, 2026-12-07). The median
      // call less its GC pauses is the work's time; the mean CPU spreads the collections over the calls.
      pipelineGcMs: round(median(t.gcMs)),
      pipelineGcsPerCall: round(mean(t.gcs), 2),
      pipelineLessGcMs: round(median(t.wallMs.map((w, i) => w - t.gcMs[i]))),
      pipelineMeanCpuMs: round(mean(t.cpuMs)),
    });
    if (size >= 32) out.stagesCpuMs = stageTimes(core, build, req.layout, quick ? 3 : 9);
  }
  return out;
}

/** CPU time of each stage of the pipeline (median over `reps` runs, each on an expression built anew in an empty table): where the time goes. */
function stageTimes(core, build, layout, reps) {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const samples = new Map();
  for (let r = 0; r < reps + 1; r++) {
    core.resetInternTable();
    const { f, wrt } = build();
    for (const [name, step] of core.deriveStages(f, wrt, layout)) {
      const c0 = cpu();
      step();
      if (r > 0) samples.set(name, [...(samples.get(name) ?? []), cpu() - c0]); // run 0 warms up
    }
  }
  return Object.fromEntries([...samples].map(([name, xs]) => [name, round(median(xs), 3)]));
}

const METRICS = ['treeSize', 'dagSize', 'latexChars', 'namedLatexChars', 'deriveMedianMs', 'deriveCpuMs', 'pipelineMedianMs', 'pipelineCpuMs', 'pipelineLessGcMs', 'pipelineMeanCpuMs'];

function fits(core, points) {
  const out = {};
  for (const m of METRICS) {
    const have = points.filter((p) => typeof p[m] === 'number');
    if (have.length < 2) continue;
    const all = core.fitExponent(have.map((p) => [p.size, p[m]]));
    const tail = core.fitExponent(have.slice(-4).map((p) => [p.size, p[m]]));
    out[m] = {
      all: round(all.exponent, 3),
      tail: round(tail.exponent, 3),
      tailR2: round(tail.r2, 3),
      tailSizes: have.slice(-4).map((p) => p.size),
    };
  }
  return out;
}

export function runScaling(core, { quick = false, log = () => {} } = {}) {
  const families = [];
  for (const family of core.FAMILIES) {
    const sizes = quick ? family.sizes.filter((s, i) => i % 2 === 0 || s === family.sizes.at(-1)) : family.sizes;
    const points = [];
    for (const size of sizes) {
      points.push(point(core, family, size, quick));
      const p = points.at(-1);
      log(`[scaling] ${family.name} ${family.parameter}=${size}: tree ${p.treeSize}, dag ${p.dagSize}, ${p.deriveMedianMs ?? p.pipelineMedianMs} ms`);
    }
    families.push({ name: family.name, title: family.title, parameter: family.parameter, points, fits: fits(core, points) });
  }
  return { mlpTextMaxLayers: core.MLP_TEXT_MAX_LAYERS, families };
}
