/**
 * How soon V8 optimizes the functions of a one-shot CLI process (`matcalc derive`, `check`,
 * `proofread`). By default V8 hands a function to its optimizing compiler (TurboFan, on a
 * background thread) after a small amount of work; a process that answers one request then spends
 * more CPU compiling code it runs for a few milliseconds than running it — on a 2-core machine the
 * compile thread also competes with the main thread for a core. With about fifteen times the
 * default budget only functions that stay hot are optimized: measured on the MLP L = 256
 * (`matcalc derive`, a whole process) 0.60 → 0.40 s of CPU (docs/benchmarks.md §4). Not for
 * `matcalc batch`, whose requests come one after another: there optimizing early pays (its median
 * request took about 15 % longer over the first thousand requests with the larger budget).
 */
import { setFlagsFromString } from 'node:v8';

/** Bytecode executed by a function before V8 considers optimizing it (V8 11.3's default: 67,584). */
export const ONE_SHOT_INTERRUPT_BUDGET = 1 << 20;

/** Called before a one-shot command does its work. */
export function optimizeLate(): void {
  setFlagsFromString(`--interrupt-budget=${ONE_SHOT_INTERRUPT_BUDGET}`);
}
