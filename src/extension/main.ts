/**
 * The extension's services (bundled to dist/main.js): the commands, the panel, the hover and
 * follow-selection, built together on first use — extension.ts registers thin forwarders to them
 * at activation and loads this module when one is first used. The math core and the panel's KaTeX
 * load later still, when needed (lazy.ts).
 */
import * as vscode from 'vscode';
import { runCommand } from './commands/table';
import type { CommandResult, CommandServices, SourceMemory } from './commands/types';
import { SelectionFollower } from './follow';
import { createHover } from './hover/provider';
import { DiagnosticsController } from './language/diagnostics';
import { MatcalcLanguage } from './language/providers';
import type { LanguageServices } from './language/registration';
import type { CommandName } from './names';
import { panelActions } from './panel/actions';
import { PanelManager } from './panel/manager';
import type { Settings } from './settings';
import { CheckPanel, type CheckSnapshot } from './check/panel';
import { checkClaimCommand, type CheckCommandResult } from './check/command';
import { Proofreader, proofreadEnabled, type ProofreadSummary } from './check/diagnostics';
import { MAX_PROOFREAD_CHARS } from './names';
import { ShapeStatus } from './shapeStatus';
import { hoverThread } from './platform';

export interface ExtensionServices extends vscode.Disposable, LanguageServices {
  runCommand(name: CommandName, arg: unknown): Promise<CommandResult>;
  panelSnapshot(): ReturnType<PanelManager['snapshot']>;
  readonly serializer: vscode.WebviewPanelSerializer;
  readonly hover: vscode.HoverProvider;
  onSelectionChanged(e: vscode.TextEditorSelectionChangeEvent): void;
  onColorThemeChanged(): void;
  checkClaim(arg: unknown): Promise<CheckCommandResult>;
  /** Proofread the active document now (the command) and say what was found. */
  proofreadFile(): Promise<ProofreadSummary | undefined>;
  checkSnapshot(): CheckSnapshot;
  checkReplace(): Promise<boolean>;
  readonly proofreader: Proofreader;
  /** For tests: what the language features and the follower have done. */
  languageSnapshot(): { diagnostics: DiagnosticsController['stats']; shapeStatus: string | undefined; followRefreshes: number };
}

export function createServices(extensionUri: vscode.Uri, settings: () => Settings): ExtensionServices {
  const source: SourceMemory = {};
  const panel = new PanelManager(extensionUri, panelActions(settings, source));
  const services: CommandServices = { settings, panel, source };
  const hover = createHover(settings, hoverThread(extensionUri));
  const follower = new SelectionFollower(services);
  const checkPanel = new CheckPanel(extensionUri);
  const proofreader = new Proofreader();
  const matcalc = new MatcalcLanguage(settings);
  const diagnostics = new DiagnosticsController();
  const checker = diagnostics.add(matcalc);
  const shapeStatus = new ShapeStatus(settings);
  return {
    matcalc,
    diagnostics,
    shapeStatus,
    languageSnapshot: () => ({ diagnostics: diagnostics.stats, shapeStatus: shapeStatus.shown, followRefreshes: follower.refreshes }),
    runCommand: (name, arg) => runCommand(name, services, arg),
    panelSnapshot: () => panel.snapshot(),
    serializer: panel,
    hover: hover.provider,
    onSelectionChanged: (e) => follower.onSelectionChanged(e),
    onColorThemeChanged: () => hover.renderer.clearCache(),
    checkClaim: (arg) => checkClaimCommand(arg, settings, checkPanel),
    proofreadFile: () => proofreadActive(proofreader),
    checkSnapshot: () => checkPanel.snapshot(),
    checkReplace: () => checkPanel.replace(),
    proofreader,
    dispose: () => {
      checkPanel.dispose();
      proofreader.dispose();
      checker.dispose();
      diagnostics.dispose();
      shapeStatus.dispose();
      follower.dispose();
      hover.renderer.dispose();
      panel.dispose();
    },
  };
}

async function proofreadActive(proofreader: Proofreader): Promise<ProofreadSummary | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !proofreadEnabled(document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Proofreading works in Markdown, LaTeX and .matcalc files of up to {0} characters (setting matrixCalculus.proofread.enabled).', MAX_PROOFREAD_CHARS.toLocaleString('en-US')));
    return undefined;
  }
  const summary = await proofreader.run(document);
  if (summary.complete) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Proofread: {0} ok, {1} wrong, {2} skipped', summary.ok, summary.wrong, summary.skipped));
  }
  return summary;
}
