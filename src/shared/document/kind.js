"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.documentKind = documentKind;
function documentKind(languageId) {
    switch (languageId) {
        case 'markdown':
        case 'quarto':
        case 'rmd':
            return 'markdown';
        case 'latex':
        case 'tex':
        case 'bibtex':
        case 'context':
        case 'latex-expl3':
        case 'doctex':
            return 'latex';
        case 'python':
        case 'jupyter':
            return 'python';
        case 'matcalc':
            return 'matcalc';
        default:
            return 'plain';
    }
}
//# sourceMappingURL=kind.js.map