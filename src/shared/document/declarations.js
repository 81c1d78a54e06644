"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.scanDeclarations = scanDeclarations;
exports.mergeWhere = mergeWhere;
exports.declaredNames = declaredNames;
exports.byDeclaration = byDeclaration;
const kind_1 = require("./kind");
/** One declaration as the core reads it: `names: kind(dims) modifiers`. */
const DECL = /([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*:\s*((?:scalar|vector|rowvector|row|matrix)\b(?:\s*\([^()\n]*\))?(?:[ \t]+(?:symmetric|diagonal|positive|orthogonal|invertible|constant)\b)*)/g;
/** Where declarations may stand in each kind of document: the text after the comment marker. */
const COMMENT = {
    python: [/^\s*#\s*(.*)$/],
    matcalc: [/^\s*(.*?)(?:#.*)?$/],
    latex: [/^\s*%+\s*(.*)$/],
    markdown: [/<!--(.*?)-->/g],
    plain: [/^\s*(?:#|%|\/\/)?\s*(.*?)$/, /<!--(.*?)-->/g],
};
/** A declaration line/comment must consist of declarations only: prose mentioning "x: vector" is not one. */
const ONLY_DECLS = /^\s*(?:[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*\s*:\s*(?:scalar|vector|rowvector|row|matrix)\b(?:\s*\([^()\n]*\))?(?:[ \t]+(?:symmetric|diagonal|positive|orthogonal|invertible|constant)\b)*\s*[;,]?\s*)+$/;
/**
 * The declarations in `lines` (the document's lines before the expression), as `where` text such as
 * `w: vector(n); A: matrix(m, n)`. A later declaration of a name replaces an earlier one.
 * Lines longer than `maxLineChars` are skipped.
 */
function scanDeclarations(lines, languageId, maxLineChars = 10_000) {
    const kind = (0, kind_1.documentKind)(languageId);
    const byName = new Map();
    let fence; // in Markdown: the language of the fenced block we are in
    for (const line of lines) {
        if (line.length > maxLineChars)
            continue;
        if (kind === 'markdown') {
            const f = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(line);
            if (f) {
                fence = fence === undefined ? f[2] : undefined;
                continue;
            }
        }
        if (!line.includes(':'))
            continue;
        // Inside a ```matcalc fence of a Markdown document, declarations are plain lines.
        const patterns = fence === 'matcalc' ? COMMENT.matcalc : fence !== undefined ? [] : COMMENT[kind];
        for (const pattern of patterns) {
            const bodies = pattern.global ? [...line.matchAll(pattern)].map((m) => m[1]) : [pattern.exec(line)?.[1]];
            for (const body of bodies) {
                if (body === undefined || !ONLY_DECLS.test(body))
                    continue;
                for (const m of body.matchAll(DECL)) {
                    const type = m[2].replace(/\s+/g, ' ').trim();
                    for (const name of m[1].split(',')) {
                        const n = name.trim();
                        byName.delete(n); // re-insert so the order follows the latest declaration
                        byName.set(n, type);
                    }
                }
            }
        }
    }
    return [...byName].map(([name, type]) => `${name}: ${type}`).join('; ');
}
/** Joins two `where` texts; declarations in `override` win over those in `base` for the same name. */
function mergeWhere(base, override) {
    const parts = [base, override].filter((s) => !!s && s.trim() !== '');
    if (parts.length === 0)
        return undefined;
    if (parts.length === 1)
        return parts[0];
    return scanDeclarations(parts.join(';').split(/[;\n]/), 'matcalc') || undefined;
}
/** The names a `where` text declares, in order. */
function declaredNames(where) {
    return (where ?? '')
        .split(/[;\n]/)
        .flatMap((d) => (d.includes(':') ? d.split(':')[0].split(',').map((n) => n.trim()) : []))
        .filter((n) => n !== '');
}
/** Declared variables first, in the order of their declarations (the first declared is the default pick). */
function byDeclaration(vars, where) {
    const declared = declaredNames(where);
    const rank = (v) => {
        const i = declared.indexOf(v.name);
        return i < 0 ? declared.length : i;
    };
    return vars.map((v, i) => ({ v, i })).sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i).map((x) => x.v);
}
//# sourceMappingURL=declarations.js.map