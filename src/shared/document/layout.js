"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.declaredLayout = declaredLayout;
exports.layoutAt = layoutAt;
exports.layoutsOf = layoutsOf;
const LAYOUT_COMMENT = /(?:^|\n)\s*(?:%+\s*|<!--\s*|#\s*)?layout\s*:\s*(numerator|denominator|mixed)\b/g;
/** The layout declared before `offset`, if any. */
function declaredLayout(text, offset) {
    let found;
    for (const m of text.matchAll(LAYOUT_COMMENT)) {
        if ((m.index ?? 0) > offset)
            break;
        found = m[1];
    }
    return found;
}
/** The layout in force at `offset`: the declared one, numerator by default. */
function layoutAt(text, offset) {
    return declaredLayout(text, offset) ?? 'numerator';
}
/** The layout in force at any offset, the document scanned once (offsets asked in increasing order are cheapest). */
function layoutsOf(text) {
    const marks = [...text.matchAll(LAYOUT_COMMENT)].map((m) => ({ at: m.index ?? 0, layout: m[1] }));
    return (offset) => {
        let found = 'numerator';
        for (const m of marks) {
            if (m.at > offset)
                break;
            found = m.layout;
        }
        return found;
    };
}
//# sourceMappingURL=layout.js.map