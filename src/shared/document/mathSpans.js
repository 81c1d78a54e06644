"use strict";
/**
 * Math spans in Markdown and LaTeX text: `$…$`, `$$…$$`, `\(…\)`, `\[…\]` and the display-math
 * environments (`equation`, `align`, …). Pure: the core's proofreading and the extension's selection both use it.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.findMathSpans = findMathSpans;
exports.mathSpanAt = mathSpanAt;
const MATH_ENVIRONMENTS = new Set([
    'equation', 'equation*', 'align', 'align*', 'gather', 'gather*', 'multline', 'multline*',
    'displaymath', 'math', 'eqnarray', 'eqnarray*', 'flalign', 'flalign*',
]);
const BEGIN = /\\begin\{([a-zA-Z*]+)\}/y;
/** LaTeX environments whose body is verbatim text, never math. */
const VERBATIM_ENVIRONMENTS = new Set(['verbatim', 'verbatim*', 'Verbatim', 'lstlisting', 'minted', 'comment', 'BVerbatim', 'LVerbatim']);
/** `\verb|…|` (any delimiter), `\lstinline|…|` or `\lstinline{…}`, `\mintinline{lang}{…}` / `|…|`. */
const INLINE_VERBATIM = /\\(?:verb\*?|lstinline(?:\[[^\]\n]*\])?|mintinline(?:\[[^\]\n]*\])?\{[^}\n]*\})(?:\{[^}\n]*\}|([^\sa-zA-Z{])[^\n]*?\1)/y;
/**
 * Every math span in `text`, left to right. Backslash-escaped dollars (`\$`) are text. A `$` that
 * opens inline math never closes across a blank line (Markdown and TeX both end a paragraph there),
 * so an unmatched `$` cannot swallow the rest of a document. With `latex`, comments (`%` to the end
 * of the line), verbatim environments (`verbatim`, `lstlisting`, `minted`, …) and `\verb`-like
 * commands are text, never math.
 */
function findMathSpans(text, latex = false) {
    const spans = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (latex && c === '%') {
            const eol = text.indexOf('\n', i);
            i = eol < 0 ? text.length : eol + 1;
            continue;
        }
        if (latex && c === '\\') {
            INLINE_VERBATIM.lastIndex = i;
            const v = INLINE_VERBATIM.exec(text);
            if (v) {
                i += v[0].length;
                continue;
            }
            BEGIN.lastIndex = i;
            const m = BEGIN.exec(text);
            if (m && VERBATIM_ENVIRONMENTS.has(m[1])) {
                const closeTag = `\\end{${m[1]}}`;
                const end = text.indexOf(closeTag, i + m[0].length);
                i = end < 0 ? text.length : end + closeTag.length;
                continue;
            }
        }
        if (c === '\\') {
            const next = text[i + 1];
            if (next === '(' || next === '[') {
                const close = next === '(' ? '\\)' : '\\]';
                const end = text.indexOf(close, i + 2);
                if (end >= 0) {
                    spans.push({ start: i, end: end + 2, bodyStart: i + 2, bodyEnd: end, display: next === '[' });
                    i = end + 2;
                    continue;
                }
            }
            else if (next === 'b') {
                BEGIN.lastIndex = i;
                const m = BEGIN.exec(text);
                if (m && MATH_ENVIRONMENTS.has(m[1])) {
                    const closeTag = `\\end{${m[1]}}`;
                    const end = text.indexOf(closeTag, i + m[0].length);
                    if (end >= 0) {
                        spans.push({ start: i, end: end + closeTag.length, bodyStart: i + m[0].length, bodyEnd: end, display: true });
                        i = end + closeTag.length;
                        continue;
                    }
                }
            }
            i += 2; // an escaped character (\$, \\, …) or a command: never a delimiter
            continue;
        }
        if (c === '$') {
            const display = text[i + 1] === '$';
            const open = display ? 2 : 1;
            const end = findClosingDollar(text, i + open, display);
            if (end >= 0) {
                spans.push({ start: i, end: end + open, bodyStart: i + open, bodyEnd: end, display });
                i = end + open;
                continue;
            }
            i += open;
            continue;
        }
        i++;
    }
    return spans;
}
function findClosingDollar(text, from, display) {
    for (let j = from; j < text.length; j++) {
        const c = text[j];
        if (c === '\\') {
            j++;
            continue;
        }
        if (!display && c === '\n' && /^[ \t]*\n/.test(text.slice(j + 1, j + 200)))
            return -1;
        if (c === '$') {
            if (display) {
                if (text[j + 1] === '$')
                    return j;
            }
            else {
                return text[j + 1] === '$' ? -1 : j;
            }
        }
    }
    return -1;
}
/** The span containing `offset` (delimiters included), if any. */
function mathSpanAt(text, offset, latex = false) {
    return findMathSpans(text, latex).find((s) => offset >= s.start && offset <= s.end);
}
//# sourceMappingURL=mathSpans.js.map