import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { DEFAULT_SETTINGS, parseSettings, SETTING_KEYS, type SettingKey } from '../../../src/extension/settings';
import { parseCommandArgs } from '../../../src/extension/commands/args';
import { AT_CURSOR_COMMANDS, COMMAND_NAMES } from '../../../src/extension/names';
import { documentKind } from '../../../src/shared/document/kind';
import * as fs from 'node:fs';
import * as path from 'node:path';

const reader = (values: Partial<Record<SettingKey, unknown>>) => (key: SettingKey) => values[key];

describe('settings', () => {
  it('defaults when nothing is set', () => {
    assert.deepEqual(parseSettings(reader({})), DEFAULT_SETTINGS);
  });

  it('valid values are taken', () => {
    const s = parseSettings(
      reader({
        layout: 'denominator',
        'hover.enabled': false,
        'hover.languages': ['markdown'],
        'hover.variables': 'each',
        'hover.maxVariables': 5,
        defaultShapeConvention: 'scalars',
        'numericCheck.enabled': false,
        'steps.granularity': 'summary',
        'panel.followSelection': true,
      }),
    );
    assert.equal(s.layout, 'denominator');
    assert.equal(s.hover.enabled, false);
    assert.deepEqual(s.hover.languages, ['markdown']);
    assert.equal(s.hover.variables, 'each');
    assert.equal(s.hover.maxVariables, 5);
    assert.equal(s.defaultShapeConvention, 'scalars');
    assert.equal(s.numericCheck.enabled, false);
    assert.equal(s.steps.granularity, 'summary');
    assert.equal(s.panel.followSelection, true);
  });

  it('wrong types and out-of-range values fall back to the defaults', () => {
    const s = parseSettings(
      reader({ layout: 'sideways', 'hover.enabled': 'yes', 'hover.maxVariables': 1000, 'hover.languages': 'markdown', 'steps.granularity': 3 }),
    );
    assert.equal(s.layout, DEFAULT_SETTINGS.layout);
    assert.equal(s.hover.enabled, true);
    assert.equal(s.hover.maxVariables, DEFAULT_SETTINGS.hover.maxVariables);
    assert.deepEqual(s.hover.languages, DEFAULT_SETTINGS.hover.languages);
    assert.equal(s.steps.granularity, 'full');
    assert.deepEqual(parseSettings(reader({ 'hover.languages': ['python', 42, '<bad id>'] })).hover.languages, ['python']);
  });

  it('every setting read is contributed in package.json, with its default, and has an nls description', () => {
    const root = path.resolve(__dirname, '..', '..', '..', '..');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; markdownDescription: string }>;
    for (const key of SETTING_KEYS) {
      const p = props[`matrixCalculus.${key}`];
      assert.ok(p, `matrixCalculus.${key} is not contributed`);
      const fromDefaults = parseSettings((k) => (k === key ? p.default : undefined));
      assert.deepEqual(fromDefaults, DEFAULT_SETTINGS, `the contributed default of ${key} differs from the code's`);
      const nlsKey = p.markdownDescription.replace(/^%|%$/g, '');
      assert.ok(nls[nlsKey], `package.nls.json lacks ${nlsKey}`);
    }
    for (const c of pkg.contributes.commands as { title: string; category: string }[]) {
      assert.ok(nls[c.title.replace(/^%|%$/g, '')], `package.nls.json lacks ${c.title}`);
      assert.equal(c.category, '%command.category%');
    }
  });
});

describe('command arguments', () => {
  it('no expr means no explicit arguments (a context-menu Uri, nothing)', () => {
    assert.equal(parseCommandArgs(undefined).kind, 'none');
    assert.equal(parseCommandArgs({ scheme: 'file', path: '/a.md' }).kind, 'none');
    assert.equal(parseCommandArgs('x').kind, 'none');
  });

  it('explicit arguments', () => {
    const p = parseCommandArgs({ expr: "x'*A*x", wrt: 'x', where: 'x: vector(n)', from: 'plain', layout: 'denominator' });
    assert.deepEqual(p, { kind: 'explicit', args: { expr: "x'*A*x", wrt: ['x'], where: 'x: vector(n)', from: 'plain', layout: 'denominator', reveal: undefined } });
    const q = parseCommandArgs({ expr: 'x*y', wrt: ['x', 'y'] });
    assert.equal(q.kind === 'explicit' && q.args.from, 'auto');
  });

  it('invalid arguments are refused with a reason', () => {
    const cases: unknown[] = [
      { expr: 42 },
      { expr: 'x', wrt: 3 },
      { expr: 'x', wrt: ['x;rm'] },
      { expr: 'x', from: 'fortran' },
      { expr: 'x', layout: 'up' },
      { expr: 'x', extra: 1 },
      { expr: 'x'.repeat(10_001) },
    ];
    for (const c of cases) {
      const p = parseCommandArgs(c);
      assert.equal(p.kind, 'invalid', JSON.stringify(c).slice(0, 80));
      assert.ok(p.kind === 'invalid' && p.message.length > 0);
    }
  });
});

describe('manifest: commands, menus, keybinding, activation', () => {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const c = pkg.contributes;

  it('every command is contributed under matrixCalculus. with the category and an nls title', () => {
    const contributed = (c.commands as { command: string }[]).map((x) => x.command);
    for (const n of ['differentiate', 'jacobian', 'gradient', 'hessian', 'chainRule', 'checkNumerically', 'copyLatex', 'insertResult']) {
      assert.ok(contributed.includes(`matrixCalculus.${n}`), `${n} is not contributed`);
    }
  });

  it('internal commands are hidden from the palette', () => {
    const internal = (c.commands as { command: string }[]).map((x) => x.command).filter((n) => n.includes('.internal.'));
    assert.ok(internal.length > 0);
    for (const n of internal) {
      assert.ok((c.menus.commandPalette as { command: string; when: string }[]).some((m) => m.command === n && m.when === 'false'), `${n} is in the palette`);
    }
  });

  it('the context menu appears with a selection (any file) and without one in the files the commands read math from at the cursor, and lists every derive command and the claim check', () => {
    const entry = (c.menus['editor/context'] as { submenu?: string; when: string }[]).find((m) => m.submenu === 'matrixCalculus.context');
    assert.ok(entry);
    // Every command of the submenu takes the expression under the cursor (the math block around it,
    // the line) when nothing is selected: the menu offers them there too, in the languages whose math
    // the extension finds (a document kind of its own, and plain text), not in every code file.
    const m = /^editorHasSelection \|\| editorLangId =~ \/\^\(([a-z0-9|-]+)\)\$\/$/.exec(entry.when);
    assert.ok(m, entry.when);
    const offered = (lang: string): boolean => new RegExp(`^(${m[1]})$`).test(lang);
    for (const lang of ['markdown', 'quarto', 'rmd', 'latex', 'tex', 'context', 'latex-expl3', 'doctex', 'python', 'jupyter', 'matcalc']) {
      assert.notEqual(documentKind(lang), 'plain', lang);
      assert.ok(offered(lang), `${lang}: not offered without a selection`);
    }
    assert.ok(offered('plaintext'));
    for (const lang of ['javascript', 'typescript', 'json', 'rust', 'bibtex']) assert.ok(!offered(lang), `${lang}: offered without a selection`);
    const items = (c.menus['matrixCalculus.context'] as { command: string; when?: string }[]).filter((m) => m.when !== '!editorHasSelection').map((m) => m.command);
    assert.deepEqual(items.sort(), ['chainRule', 'checkClaim', 'checkNumerically', 'copyLatex', 'differentiate', 'gradient', 'hessian', 'insertResult', 'jacobian'].map((n) => `matrixCalculus.${n}`).sort());
  });

  it('the titles are true to what the commands act on: the palette\'s and the menu\'s over a selection say the expression (a selection or, without one, the expression at the cursor), the menu\'s without a selection the expression at the cursor', () => {
    const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const commands = c.commands as { command: string; title: string }[];
    const titleOf = (id: string): string => {
      const t = commands.find((x) => x.command === id)?.title;
      assert.ok(t, `${id} is not contributed`);
      return nls[t.replace(/^%|%$/g, '')] ?? t;
    };
    const entries = c.menus['matrixCalculus.context'] as { command: string; when?: string; group: string }[];
    // What the menu shows with and without a selection (the when clauses these entries use).
    const shown = (selection: boolean) =>
      entries.filter((e) => e.when === undefined || e.when === (selection ? 'editorHasSelection' : '!editorHasSelection')).map((e) => `${e.group} ${titleOf(e.command)}`).sort();
    for (const e of entries) assert.ok(e.when === undefined || e.when === 'editorHasSelection' || e.when === '!editorHasSelection', `${e.command}: ${e.when}`);
    assert.deepEqual(shown(false), [
      '1_derive@1 Differentiate Expression at Cursor…',
      '1_derive@2 Jacobian of Expression at Cursor',
      '1_derive@3 Gradient of Expression at Cursor',
      '1_derive@4 Hessian of Expression at Cursor',
      '2_explain@1 Expand Chain Rule',
      '2_explain@2 Check Derivative Numerically',
      '2_explain@3 Check Derivative Claim',
      '3_output@1 Copy Derivative as LaTeX',
      '3_output@2 Insert Derivative Below',
    ]);
    assert.deepEqual(shown(true), [
      '1_derive@1 Differentiate Expression…',
      '1_derive@2 Jacobian of Expression',
      '1_derive@3 Gradient of Expression',
      '1_derive@4 Hessian of Expression',
      '2_explain@1 Expand Chain Rule',
      '2_explain@2 Check Derivative Numerically',
      '2_explain@3 Check Derivative Claim',
      '3_output@1 Copy Derivative as LaTeX',
      '3_output@2 Insert Derivative Below',
    ]);
    // The at-cursor entries are the menu's words for the same commands: registered at activation,
    // each running the command it names, and not a second entry in the palette.
    for (const [name, atCursor] of Object.entries(AT_CURSOR_COMMANDS)) {
      assert.ok((COMMAND_NAMES as readonly string[]).includes(name), name);
      assert.ok(commands.some((x) => x.command === `matrixCalculus.${atCursor}`), `${atCursor} is not contributed`);
      assert.ok((c.menus.commandPalette as { command: string; when: string }[]).some((m) => m.command === `matrixCalculus.${atCursor}` && m.when === 'false'), `${atCursor} is in the palette`);
    }
    assert.deepEqual(Object.keys(AT_CURSOR_COMMANDS).sort(), ['differentiate', 'gradient', 'hessian', 'jacobian']);
    // No title speaks of a selection: the palette's commands take the expression at the cursor too.
    for (const x of commands) assert.doesNotMatch(titleOf(x.command), /Selection/, x.command);
  });

  it('a walkthrough step done by running a command is done by its context-menu entry without a selection too', () => {
    const steps = (c.walkthroughs as { steps: { id: string; completionEvents?: string[] }[] }[]).flatMap((w) => w.steps);
    let checked = 0;
    for (const step of steps) {
      const events = step.completionEvents ?? [];
      for (const [name, atCursor] of Object.entries(AT_CURSOR_COMMANDS)) {
        if (!events.includes(`onCommand:matrixCalculus.${name}`)) continue;
        checked++;
        assert.ok(events.includes(`onCommand:matrixCalculus.${atCursor}`), `${step.id}: ${atCursor} does not complete it`);
      }
    }
    assert.ok(checked >= 2, 'the differentiate and steps steps complete on Differentiate');
  });

  it('Ctrl+Alt+D (Cmd+Alt+D) differentiates in the editor: with a selection by differentiate, without one by the menu\'s at-cursor entry, so both show the key', () => {
    type Binding = { command: string; key: string; mac: string; when: string };
    const bindings = (c.keybindings as Binding[]).filter((k) => k.key === 'ctrl+alt+d');
    // A menu entry (and the palette) shows the key bound to its own command: the at-cursor entry,
    // shown without a selection, needs a binding of its own to show it.
    assert.deepEqual(bindings.map((k) => k.command).sort(), ['matrixCalculus.differentiate', 'matrixCalculus.differentiateAtCursor']);
    for (const kb of bindings) assert.equal(kb.mac, 'cmd+alt+d', kb.command);
    const whenOf = (id: string): string => bindings.find((k) => k.command === `matrixCalculus.${id}`)?.when ?? '';
    // The two are exclusive and together cover the editor with focus: one command for each state.
    assert.equal(whenOf('differentiate'), 'editorTextFocus && editorHasSelection');
    assert.equal(whenOf('differentiateAtCursor'), 'editorTextFocus && !editorHasSelection');
    // Each is the command the context menu shows in that state (menu entries' when clauses).
    const entries = c.menus['matrixCalculus.context'] as { command: string; when?: string }[];
    assert.equal(entries.find((e) => e.command === 'matrixCalculus.differentiate')?.when, 'editorHasSelection');
    assert.equal(entries.find((e) => e.command === 'matrixCalculus.differentiateAtCursor')?.when, '!editorHasSelection');
    // No other command on the key.
    assert.equal((c.keybindings as Binding[]).filter((k) => k.mac === 'cmd+alt+d').length, 2);
  });

  it('activation: the panel is restored (onWebviewPanel) and the hover languages activate; never *', () => {
    const events = pkg.activationEvents as string[];
    assert.ok(events.includes('onWebviewPanel:matrixCalculus.derivation'));
    for (const lang of ['markdown', 'latex', 'python', 'plaintext']) assert.ok(events.includes(`onLanguage:${lang}`), lang);
    assert.ok(!events.includes('*'));
  });
});
