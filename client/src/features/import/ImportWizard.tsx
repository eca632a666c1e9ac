/**
 * The import wizard: file → coordinate system → field mapping → preview (checked by the server,
 * drawn on the map) → one all-or-nothing commit. The dialog sits on the right without a mask so
 * the preview on the map stays visible and the map stays usable.
 */
import { Alert, Button, Modal, Steps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commitImport, ImportRejectedError, validateImport, type ImportResult } from '../../api';
import { autoMatchFields } from '../../../../core/io/field-matching';
import { readImportFile, type ImportTable } from '../../../../core/io/read-import-file';
import { guessSourceCrs, type SourceCrs, type SourceCrsGuess } from '../../../../core/io/source-crs';
import { useAtlasStore } from '../../state/atlas-store';
import { loadSummary, reloadEstates } from '../../state/load-data';
import { CommitStep, type CommitPhase } from './CommitStep';
import { CrsStep } from './CrsStep';
import { FileStep } from './FileStep';
import {
  acceptedFeatures,
  defaultSkipped,
  featuresToValidate,
  layerNameOf,
  mappingIssues,
  mapRowsInBatches,
  previewIndexes,
  sampleLngLat,
  withServerReport,
  type FieldMapping,
  type PreviewRow,
} from './import-session';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import './import.css';

/** Width of the dialog; the map frames the preview in the space left of it. */
export const IMPORT_DIALOG_WIDTH_PX = 640;

const STEP_KEYS = ['file', 'crs', 'mapping', 'preview', 'commit'] as const;
type StepIndex = 0 | 1 | 2 | 3 | 4;

/** Share of the progress bar for each commit phase (upload, server processing, refresh). */
const PROGRESS = { uploadEnd: 60, processing: 80, refresh: 92 } as const;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function ImportWizard({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const setImportPreview = useAtlasStore((s) => s.setImportPreview);
  const [step, setStep] = useState<StepIndex>(0);
  const [fileName, setFileName] = useState<string | null>(null);
  const [table, setTable] = useState<ImportTable | null>(null);
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [crs, setCrs] = useState<SourceCrs>('wgs84');
  const [guess, setGuess] = useState<SourceCrsGuess | null>(null);
  const [mapping, setMapping] = useState<FieldMapping>({});
  const [rows, setRows] = useState<PreviewRow[] | null>(null);
  const [skipped, setSkipped] = useState<Set<number>>(new Set());
  const [checking, setChecking] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [layerName, setLayerName] = useState('');
  const [allowOverlap, setAllowOverlap] = useState(false);
  const [phase, setPhase] = useState<CommitPhase>('idle');
  const [percent, setPercent] = useState(0);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [commitError, setCommitError] = useState<string | null>(null);
  const [refreshError, setRefreshError] = useState<string | null>(null);

  // The preview layer follows the rows and the skip choices; it goes when the dialog closes.
  // The features keep their identity across skip clicks so deck.gl only recolours them.
  const previewFeatures = useMemo(() => (rows ? featuresToValidate(rows) : []), [rows]);
  useEffect(() => {
    if (!open || !rows || step < 3 || phase === 'done') {
      setImportPreview(null);
      return;
    }
    setImportPreview({ features: previewFeatures, ...previewIndexes(rows, skipped) });
  }, [open, rows, previewFeatures, skipped, step, phase, setImportPreview]);
  useEffect(() => () => setImportPreview(null), [setImportPreview]);

  const reset = () => {
    setStep(0);
    setFileName(null);
    setTable(null);
    setFileError(null);
    setRows(null);
    setSkipped(new Set());
    setPreviewError(null);
    setPhase('idle');
    setPercent(0);
    setResult(null);
    setCommitError(null);
    setRefreshError(null);
    setAllowOverlap(false);
  };

  const close = () => {
    if (phase === 'upload' || phase === 'processing' || phase === 'refresh') return;
    reset();
    onClose();
  };

  const onFile = async (file: File) => {
    setReading(true);
    setFileName(file.name);
    setFileError(null);
    setTable(null);
    setRows(null);
    try {
      const read = await readImportFile({ name: file.name, bytes: await file.arrayBuffer() });
      const guessed = guessSourceCrs({ prjText: read.prjText, fileName: file.name, sampleLngLat: sampleLngLat(read) });
      setTable(read);
      setGuess(guessed);
      setCrs(guessed?.crs ?? 'wgs84');
      setMapping(autoMatchFields(read.columns));
      setLayerName(layerNameOf(file.name));
    } catch (error) {
      setFileError(messageOf(error));
    } finally {
      setReading(false);
    }
  };

  /** Maps and converts the rows in batches, then asks the server about them. */
  const buildPreview = async (source: ImportTable) => {
    setStep(3);
    setRows(null);
    setPreviewError(null);
    setChecking(t('import.validating', { count: source.rows.length }));
    try {
      const mapped = await mapRowsInBatches(source, mapping, crs);
      const features = featuresToValidate(mapped);
      const report = features.length > 0 ? await validateImport(features) : [];
      const checked = withServerReport(mapped, report);
      setRows(checked);
      setSkipped(defaultSkipped(checked));
      useAtlasStore.getState().requestFlyToFeatures(features, IMPORT_DIALOG_WIDTH_PX + 24);
    } catch (error) {
      setPreviewError(messageOf(error));
    } finally {
      setChecking(null);
    }
  };

  const commit = async () => {
    if (!rows || !table || !fileName) return;
    const features = acceptedFeatures(rows, skipped);
    setPhase('upload');
    setPercent(0);
    setCommitError(null);
    let done: ImportResult;
    try {
      done = await commitImport({ name: layerName.trim() || layerNameOf(fileName), fileName, format: table.format, sourceCrs: crs }, features, {
        allowOverlap,
        onProgress: (progress) => {
          if (progress.phase === 'upload') setPercent(progress.fraction * PROGRESS.uploadEnd);
          else {
            setPhase('processing');
            setPercent(PROGRESS.processing);
          }
        },
      });
    } catch (error) {
      setPhase('failed');
      setCommitError(messageOf(error));
      if (error instanceof ImportRejectedError && error.rows.length > 0) {
        // Report indexes refer to the rows as sent (the accepted ones); put the problems back on the preview rows.
        const sentRows = rows.filter((row, i) => row.feature !== null && !skipped.has(i));
        const updated = withServerReport(sentRows, error.rows);
        const byRow = new Map(sentRows.map((row, k) => [row, updated[k]]));
        setRows(rows.map((row) => byRow.get(row) ?? row));
      }
      return;
    }
    // Written: from here on a failure only concerns the refresh, never the import.
    setPhase('refresh');
    setPercent(PROGRESS.refresh);
    try {
      await Promise.all([reloadEstates(), loadSummary(useAtlasStore.getState().subdistrictFilter)]);
      useAtlasStore.getState().requestFlyTo(done.ids, IMPORT_DIALOG_WIDTH_PX + 24);
    } catch (error) {
      setRefreshError(messageOf(error));
    }
    setResult(done);
    setPhase('done');
    setPercent(100);
  };

  const issues = mappingIssues(mapping);
  const accepted = rows ? acceptedFeatures(rows, skipped).length : 0;
  const running = phase === 'upload' || phase === 'processing' || phase === 'refresh';

  const next = () => {
    if (step === 2 && table) void buildPreview(table);
    else if (step < 4) setStep((step + 1) as StepIndex);
  };
  const back = () => {
    if (step === 4) setPhase('idle');
    if (step > 0) setStep((step - 1) as StepIndex);
  };
  const canNext =
    (step === 0 && table !== null && !reading) || step === 1 || (step === 2 && issues.length === 0) || (step === 3 && rows !== null && accepted > 0 && !checking);

  const footer =
    phase === 'done' ? null : (
      <div className="atlas-import-footer">
        <Button onClick={close} disabled={running} data-testid="import-cancel">
          {t('import.cancel')}
        </Button>
        <span className="atlas-import-footer-right">
          {step > 0 ? (
            <Button onClick={back} disabled={running || checking !== null} data-testid="import-back">
              {t('import.back')}
            </Button>
          ) : null}
          {step < 4 ? (
            <Button type="primary" onClick={next} disabled={!canNext} data-testid="import-next">
              {t('import.next')}
            </Button>
          ) : (
            <Button type="primary" onClick={() => void commit()} loading={running} disabled={accepted === 0} data-testid="import-commit">
              {t('import.start')}
            </Button>
          )}
        </span>
      </div>
    );

  return (
    <Modal
      open={open}
      title={t('import.title')}
      width={IMPORT_DIALOG_WIDTH_PX}
      mask={false}
      maskClosable={false}
      keyboard={!running}
      closable={!running}
      onCancel={close}
      footer={footer}
      wrapClassName="atlas-import-wrap"
      className="atlas-import-dialog"
      destroyOnHidden
      data-testid="import-wizard"
    >
      <Steps
        size="small"
        current={step}
        className="atlas-import-steps"
        items={STEP_KEYS.map((key) => ({ title: t(`import.steps.${key}`) }))}
      />
      <div className="atlas-import-body">
        {step === 0 ? <FileStep fileName={fileName} table={table} reading={reading} error={fileError} onFile={(file) => void onFile(file)} /> : null}
        {step === 1 && table ? <CrsStep crs={crs} guess={guess} sample={sampleLngLat(table)} onChange={setCrs} /> : null}
        {step === 2 && table ? <MappingStep table={table} mapping={mapping} onChange={setMapping} /> : null}
        {step === 3 ? (
          <>
            {checking ? <Alert type="info" showIcon title={checking} data-testid="import-checking" /> : null}
            {previewError ? <Alert type="error" showIcon title={t('import.checkFailed')} description={previewError} data-testid="import-error" /> : null}
            {rows ? (
              <PreviewStep
                rows={rows}
                skipped={skipped}
                onSkip={(indexes, skip) =>
                  setSkipped((current) => {
                    const nextSet = new Set(current);
                    for (const i of indexes) {
                      if (skip) nextSet.add(i);
                      else nextSet.delete(i);
                    }
                    return nextSet;
                  })
                }
              />
            ) : null}
          </>
        ) : null}
        {step === 4 && rows ? (
          <CommitStep
            layerName={layerName}
            acceptedCount={accepted}
            skippedCount={rows.length - accepted}
            allowOverlap={allowOverlap}
            phase={phase}
            percent={percent}
            result={result}
            error={commitError}
            refreshError={refreshError}
            onLayerName={setLayerName}
            onAllowOverlap={setAllowOverlap}
            onDone={close}
          />
        ) : null}
      </div>
    </Modal>
  );
}
