/**
 * TeX → self-contained SVG with MathJax (TeX input, SVG output, liteAdaptor, fontCache 'local':
 * no fonts, no external references), coloured by baking `color` into the root element. Runs in the
 * hover worker (worker.ts, or webWorker.ts in VS Code for the Web), never on the extension host's
 * main thread. No `vscode`, no Node API.
 *
 * Only the `base`, `ams`, `boldsymbol`, `newcommand` and `noundefined` TeX packages are loaded:
 * no `html` (\class, \style, \cssId), no `require`/`autoload` (no loading of anything at run time).
 * The SVG is shown as an <img>, where scripts and links are inert anyway. MathJax's own limits
 * (maxMacros, maxBuffer) stop runaway macro expansion.
 */
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import 'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import 'mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js';
import 'mathjax-full/js/input/tex/noundefined/NoUndefinedConfiguration.js';

const HEX = /^#[0-9a-fA-F]{6}$/;

type Converter = (tex: string) => string;

let converter: Converter | undefined;

function makeConverter(): Converter {
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const tex = new TeX({
    packages: ['base', 'ams', 'boldsymbol', 'newcommand', 'noundefined'],
    formatError: (_jax: unknown, err: { message: string }) => {
      throw new Error(err.message);
    },
  });
  const svg = new SVG({ fontCache: 'local' });
  const doc = mathjax.document('', { InputJax: tex, OutputJax: svg });
  return (source: string) => {
    const node = doc.convert(source, { display: true, em: 16, ex: 8, containerWidth: 1280 });
    return adaptor.innerHTML(node);
  };
}

/** `tex` as a standalone SVG document in `color` (a #rrggbb value). Throws on TeX errors. */
export function texToSvg(tex: string, color: string): string {
  if (!HEX.test(color)) throw new Error(`not a colour: ${color}`);
  converter ??= makeConverter();
  const svg = converter(tex);
  if (!svg.startsWith('<svg')) throw new Error('MathJax produced no SVG');
  // MathJax draws with currentColor: set it (and a readable size) in the root element's style.
  const extra = `color:${color};font-size:115%;`;
  return /^<svg[^>]*?\sstyle="/.test(svg) ? svg.replace(/^(<svg[^>]*?\sstyle=")/, `$1${extra}`) : svg.replace(/^<svg/, `<svg style="${extra}"`);
}

/** A `data:` URI for an SVG document; non-ASCII characters survive (base64 of the UTF-8 bytes). */
export function svgDataUri(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
