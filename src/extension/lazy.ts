/**
 * The heavy modules the extension's services need only once they are used: the math core (every
 * derivation), KaTeX on the host (the panel's first view) and markdown-it (math in Markdown). Neither activation (extension.ts) nor
 * building the services (main.ts) loads them; the first hover, command or panel loads them once and
 * every later use gets the cached module.
 *
 * esbuild.js turns these `require()`s into requires of dist/core.js, dist/panelMath.js and
 * dist/markdownMath.js (and
 * refuses any other import of the core or KaTeX into the extension's bundles); compiled by tsc (the
 * unit tests), they load the sources' own output.
 */
type Core = typeof import('../core');
type PanelMath = typeof import('./panel/panelMath');
type MarkdownMath = typeof import('./selection/markdownMath');

let core: Core | undefined;
let panelMath: PanelMath | undefined;
let markdownMath: MarkdownMath | undefined;

/** How long after the core's first use the panel's KaTeX is loaded in the background. */
export const PANEL_MATH_WARMUP_MS = 1_500;

/** The math core (src/core/index.ts), loaded on first use. */
export function loadCore(): Core {
  if (!core) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy, synchronous load (see above)
    core = require('../core') as Core;
    // A hover shows a "Show steps" link and a command opens the panel: once the extension is in use,
    // the panel is likely next, so its KaTeX is loaded (and typesets once) while the host is idle,
    // rather than on the panel's first open (~15–30 ms on the host, before the page can be created).
    setTimeout(warmPanelMath, PANEL_MATH_WARMUP_MS).unref?.();
  }
  return core;
}

function warmPanelMath(): void {
  try {
    loadPanelMath().typeset('\\frac{\\partial f}{\\partial \\mathbf{x}} = \\mathbf{x}^{\\top}\\left(A + A^{\\top}\\right)', true);
  } catch {
    // the panel loads it again when it opens, and says so there if it cannot
  }
}

/** KaTeX for the panel's prerendered first view (src/extension/panel/panelMath.ts), loaded on first use. */
export function loadPanelMath(): PanelMath {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy, synchronous load (see above)
  panelMath ??= require('./panel/panelMath') as PanelMath;
  return panelMath;
}

/** The Markdown math scanner (markdown-it with VS Code's KaTeX plugin, selection/markdownMath.ts), loaded on first use. */
export function loadMarkdownMath(): MarkdownMath {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy, synchronous load (see above)
  markdownMath ??= require('./selection/markdownMath') as MarkdownMath;
  return markdownMath;
}

/** Whether the core has been loaded (for tests and diagnostics). */
export function coreLoaded(): boolean {
  return core !== undefined;
}
