/**
 * The import session: everything the wizard holds between "choose a file" and "done", as one
 * state with pure transitions (ImportWizard.tsx runs it with useReducer; the async work in
 * use-import-commands.ts only dispatches). Row helpers live in import-rows.ts.
 */
import type { ImportResult, ImportRowReport, UploadProgress } from '../../api';
import type { ImportTable } from '../../../../core/io/read-import-file';
import type { SourceCrs, SourceCrsGuess } from '../../../../core/io/source-crs';
import { acceptedFeatures, defaultSkipped, mappingIssues, withServerReport, type FieldMapping, type PreviewRow } from './import-rows';

export const STEP_KEYS = ['file', 'crs', 'mapping', 'preview', 'commit'] as const;
export type StepIndex = 0 | 1 | 2 | 3 | 4;

export type CommitPhase = 'idle' | 'upload' | 'processing' | 'refresh' | 'done' | 'failed';

/** Share of the progress bar for each commit phase (upload, server processing, refresh). */
export const PROGRESS = { uploadEnd: 60, processing: 80, refresh: 92 } as const;

export interface ImportSession {
  step: StepIndex;
  fileName: string | null;
  table: ImportTable | null;
  reading: boolean;
  fileError: string | null;
  crs: SourceCrs;
  guess: SourceCrsGuess | null;
  mapping: FieldMapping;
  /** How to name rows the file leaves unnamed (`OSM {osm_id}`, `{#}`); '' = such rows are refused. */
  namePattern: string;
  rows: PreviewRow[] | null;
  skipped: ReadonlySet<number>;
  /** Rows being checked by the server (the preview step waits), else null. */
  checkingCount: number | null;
  previewError: string | null;
  layerName: string;
  allowOverlap: boolean;
  phase: CommitPhase;
  percent: number;
  result: ImportResult | null;
  commitError: string | null;
  refreshError: string | null;
}

export type ImportEvent =
  | { type: 'reset' }
  | { type: 'fileReading'; fileName: string }
  | { type: 'fileRead'; table: ImportTable; guess: SourceCrsGuess | null; mapping: FieldMapping; layerName: string }
  | { type: 'fileFailed'; message: string }
  | { type: 'crsChosen'; crs: SourceCrs }
  | { type: 'mappingChanged'; mapping: FieldMapping }
  | { type: 'namePatternChanged'; namePattern: string }
  | { type: 'layerNamed'; layerName: string }
  | { type: 'overlapAllowed'; allowOverlap: boolean }
  | { type: 'advanced' }
  | { type: 'wentBack' }
  | { type: 'previewStarted'; rowCount: number }
  | { type: 'previewChecked'; rows: PreviewRow[] }
  | { type: 'previewFailed'; message: string }
  | { type: 'rowsSkipped'; indexes: readonly number[]; skip: boolean }
  | { type: 'commitStarted' }
  | { type: 'uploadProgressed'; progress: UploadProgress }
  | { type: 'commitRejected'; message: string; report: readonly ImportRowReport[] }
  | { type: 'committed' }
  | { type: 'refreshFailed'; message: string }
  | { type: 'done'; result: ImportResult };

export const initialImportSession: ImportSession = {
  step: 0,
  fileName: null,
  table: null,
  reading: false,
  fileError: null,
  crs: 'wgs84',
  guess: null,
  mapping: {},
  namePattern: '',
  rows: null,
  skipped: new Set(),
  checkingCount: null,
  previewError: null,
  layerName: '',
  allowOverlap: false,
  phase: 'idle',
  percent: 0,
  result: null,
  commitError: null,
  refreshError: null,
};

/**
 * A refused commit's report refers to the rows as sent (the accepted ones); this puts its
 * problems back on the preview rows.
 */
function withRejection(rows: readonly PreviewRow[], skipped: ReadonlySet<number>, report: readonly ImportRowReport[]): PreviewRow[] {
  const sentRows = rows.filter((row, i) => row.feature !== null && !skipped.has(i));
  const updated = withServerReport(sentRows, report);
  const byRow = new Map(sentRows.map((row, k) => [row, updated[k]]));
  return rows.map((row) => byRow.get(row) ?? row);
}

/**
 * The session after an event.
 * @example importSessionReducer(initialImportSession, { type: 'fileReading', fileName: 'a.csv' }).reading // true
 */
export function importSessionReducer(state: ImportSession, event: ImportEvent): ImportSession {
  switch (event.type) {
    case 'reset':
      return initialImportSession;
    case 'fileReading':
      return { ...state, reading: true, fileName: event.fileName, fileError: null, table: null, rows: null };
    case 'fileRead':
      return {
        ...state,
        reading: false,
        table: event.table,
        guess: event.guess,
        crs: event.guess?.crs ?? 'wgs84',
        mapping: event.mapping,
        layerName: event.layerName,
      };
    case 'fileFailed':
      return { ...state, reading: false, fileError: event.message };
    case 'crsChosen':
      return { ...state, crs: event.crs };
    case 'mappingChanged':
      return { ...state, mapping: event.mapping };
    case 'namePatternChanged':
      return { ...state, namePattern: event.namePattern };
    case 'layerNamed':
      return { ...state, layerName: event.layerName };
    case 'overlapAllowed':
      return { ...state, allowOverlap: event.allowOverlap };
    case 'advanced':
      return state.step < 4 ? { ...state, step: (state.step + 1) as StepIndex } : state;
    case 'wentBack': {
      const phase = state.step === 4 ? 'idle' : state.phase;
      return state.step > 0 ? { ...state, phase, step: (state.step - 1) as StepIndex } : { ...state, phase };
    }
    case 'previewStarted':
      return { ...state, step: 3, rows: null, previewError: null, checkingCount: event.rowCount };
    case 'previewChecked':
      return { ...state, rows: event.rows, skipped: defaultSkipped(event.rows), checkingCount: null };
    case 'previewFailed':
      return { ...state, previewError: event.message, checkingCount: null };
    case 'rowsSkipped': {
      const skipped = new Set(state.skipped);
      for (const i of event.indexes) {
        if (event.skip) skipped.add(i);
        else skipped.delete(i);
      }
      return { ...state, skipped };
    }
    case 'commitStarted':
      return { ...state, phase: 'upload', percent: 0, commitError: null };
    case 'uploadProgressed':
      return event.progress.phase === 'upload'
        ? { ...state, percent: event.progress.fraction * PROGRESS.uploadEnd }
        : { ...state, phase: 'processing', percent: PROGRESS.processing };
    case 'commitRejected': {
      const rows = state.rows && event.report.length > 0 ? withRejection(state.rows, state.skipped, event.report) : state.rows;
      return { ...state, phase: 'failed', commitError: event.message, rows };
    }
    case 'committed':
      return { ...state, phase: 'refresh', percent: PROGRESS.refresh };
    case 'refreshFailed':
      return { ...state, refreshError: event.message };
    case 'done':
      return { ...state, result: event.result, phase: 'done', percent: 100 };
  }
}

/** An upload or the refresh after it is under way: the dialog cannot be closed or stepped. */
export function isRunning(state: ImportSession): boolean {
  return state.phase === 'upload' || state.phase === 'processing' || state.phase === 'refresh';
}

/** How many rows a commit would write. */
export function acceptedCount(state: ImportSession): number {
  return state.rows ? acceptedFeatures(state.rows, state.skipped).length : 0;
}

/** Whether "Next" may be pressed on the current step. */
export function canAdvance(state: ImportSession): boolean {
  switch (state.step) {
    case 0:
      return state.table !== null && !state.reading;
    case 1:
      return true;
    case 2:
      return mappingIssues(state.mapping, state.namePattern).length === 0;
    case 3:
      return state.rows !== null && acceptedCount(state) > 0 && state.checkingCount === null;
    case 4:
      return false;
  }
}
