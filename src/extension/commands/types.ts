/**
 * What every command returns (so tests and other extensions can use the outcome) and what it needs.
 */
import type * as vscode from 'vscode';
import type { CheckReport, DeriveResult, Notation } from '../../core/api';
import type { PanelManager } from '../panel/manager';
import type { Settings } from '../settings';

export type CommandResult =
  | {
      readonly ok: true;
      readonly command: string;
      readonly expr: string;
      readonly from: Notation | 'auto';
      readonly where?: string;
      readonly wrt: readonly string[];
      readonly result: DeriveResult;
      /** The result's plain text and LaTeX equation, for quick assertions. */
      readonly text: string;
      readonly latex: string;
      readonly check?: CheckReport;
      /** insertResult: the text inserted; copyLatex: the text copied. */
      readonly inserted?: string;
      readonly copied?: string;
    }
  | {
      readonly ok: false;
      readonly command: string;
      readonly message: string;
      /** The core's diagnostic code, or 'cancelled', 'no-editor', 'no-expression', 'arguments'. */
      readonly code: string;
      /** 1-based column in the expression, when the core gave a position. */
      readonly column?: number;
      /** The error notification shown (none when cancelled): "Matrix Calculus: error[code]: message". */
      readonly notification?: string;
      /** The expression, notation and declarations, when they were found. */
      readonly expr?: string;
      readonly from?: Notation | 'auto';
      readonly where?: string;
    };

/** The editor and range the last command worked on (the panel's Insert button writes there). */
export interface SourceMemory {
  editor?: vscode.TextEditor;
  range?: vscode.Range;
}

/** The services the commands use, built once by the composition root. */
export interface CommandServices {
  readonly settings: () => Settings;
  readonly panel: PanelManager;
  readonly source: SourceMemory;
}
