/**
 * The import session's async work — reading the file, checking the rows with the server,
 * committing — as commands that only dispatch events to the pure session (import-session.ts).
 */
import type { Dispatch } from 'react';
import { commitImport, ImportRejectedError, validateImport, type ImportResult } from '../../api';
import { autoMatchFields } from '../../../../core/io/field-matching';
import { readImportFile, type ImportTable } from '../../../../core/io/read-import-file';
import { guessSourceCrs } from '../../../../core/io/source-crs';
import { useAtlasStore } from '../../state/atlas-store';
import { reloadEstatesAfterImport } from '../../state/load-data';
import { acceptedFeatures, featuresToValidate, layerNameOf, mapRowsInBatches, sampleLngLat, withServerReport } from './import-rows';
import type { ImportEvent, ImportSession } from './import-session';

/** Width of the dialog; the map frames the preview in the space left of it. */
export const IMPORT_DIALOG_WIDTH_PX = 640;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface ImportCommands {
  readFile(file: File): Promise<void>;
  /** Maps and converts the rows in batches, then asks the server about them. */
  buildPreview(source: ImportTable): Promise<void>;
  commit(): Promise<void>;
}

export function importCommands(session: ImportSession, dispatch: Dispatch<ImportEvent>): ImportCommands {
  const readFile = async (file: File) => {
    dispatch({ type: 'fileReading', fileName: file.name });
    try {
      const table = await readImportFile({ name: file.name, bytes: await file.arrayBuffer() });
      const guess = guessSourceCrs({ prjText: table.prjText, fileName: file.name, sampleLngLat: sampleLngLat(table) });
      dispatch({ type: 'fileRead', table, guess, mapping: autoMatchFields(table.columns), layerName: layerNameOf(file.name) });
    } catch (error) {
      dispatch({ type: 'fileFailed', message: messageOf(error) });
    }
  };

  const buildPreview = async (source: ImportTable) => {
    dispatch({ type: 'previewStarted', rowCount: source.rows.length });
    try {
      const mapped = await mapRowsInBatches(source, session.mapping, session.crs, { namePattern: session.namePattern.trim() });
      const features = featuresToValidate(mapped);
      const report = features.length > 0 ? await validateImport(features) : [];
      dispatch({ type: 'previewChecked', rows: withServerReport(mapped, report) });
      useAtlasStore.getState().requestFlyToFeatures(features, IMPORT_DIALOG_WIDTH_PX + 24);
    } catch (error) {
      dispatch({ type: 'previewFailed', message: messageOf(error) });
    }
  };

  const commit = async () => {
    const { rows, table, fileName, skipped, layerName, crs, allowOverlap } = session;
    if (!rows || !table || !fileName) return;
    dispatch({ type: 'commitStarted' });
    let done: ImportResult;
    try {
      done = await commitImport(
        { name: layerName.trim() || layerNameOf(fileName), fileName, format: table.format, sourceCrs: crs },
        acceptedFeatures(rows, skipped),
        { allowOverlap, onProgress: (progress) => dispatch({ type: 'uploadProgressed', progress }) },
      );
    } catch (error) {
      dispatch({ type: 'commitRejected', message: messageOf(error), report: error instanceof ImportRejectedError ? error.rows : [] });
      return;
    }
    // Written: from here on a failure only concerns the refresh, never the import.
    dispatch({ type: 'committed' });
    try {
      await reloadEstatesAfterImport();
      useAtlasStore.getState().requestFlyTo(done.ids, IMPORT_DIALOG_WIDTH_PX + 24);
    } catch (error) {
      dispatch({ type: 'refreshFailed', message: messageOf(error) });
    }
    dispatch({ type: 'done', result: done });
  };

  return { readFile, buildPreview, commit };
}
