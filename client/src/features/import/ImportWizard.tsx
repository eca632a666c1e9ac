/**
 * The import wizard: file → coordinate system → field mapping → preview (checked by the server,
 * drawn on the map) → one all-or-nothing commit. The dialog sits on the right without a mask so
 * the preview on the map stays visible and the map stays usable. The flow is the pure import
 * session (import-session.ts) run by one useReducer; this component only renders it.
 */
import { Alert, Modal, Steps } from 'antd';
import { useEffect, useMemo, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlasStore } from '../../state/atlas-store';
import { CommitStep } from './CommitStep';
import { CrsStep } from './CrsStep';
import { FileStep } from './FileStep';
import { IMPORT_DIALOG_WIDTH_PX, importCommands } from './import-commands';
import { featuresToValidate, previewIndexes, sampleLngLat } from './import-rows';
import { acceptedCount, canAdvance, importSessionReducer, initialImportSession, isRunning, STEP_KEYS } from './import-session';
import { ImportFooter } from './ImportFooter';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import './import.css';

export function ImportWizard({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const setImportPreview = useAtlasStore((s) => s.setImportPreview);
  const [session, dispatch] = useReducer(importSessionReducer, initialImportSession);
  const { step, table, rows, skipped, phase } = session;
  const commands = importCommands(session, dispatch);

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

  const running = isRunning(session);
  const accepted = acceptedCount(session);
  const close = () => {
    if (running) return;
    dispatch({ type: 'reset' });
    onClose();
  };
  const next = () => {
    if (step === 2 && table) void commands.buildPreview(table);
    else dispatch({ type: 'advanced' });
  };

  const footer =
    phase === 'done' ? null : (
      <ImportFooter
        isLastStep={step === 4}
        canGoBack={step > 0}
        canAdvance={canAdvance(session)}
        canCommit={accepted > 0}
        running={running}
        checking={session.checkingCount !== null}
        onClose={close}
        onBack={() => dispatch({ type: 'wentBack' })}
        onNext={next}
        onCommit={() => void commands.commit()}
      />
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
        {step === 0 ? (
          <FileStep
            fileName={session.fileName}
            table={table}
            reading={session.reading}
            error={session.fileError}
            onFile={(file) => void commands.readFile(file)}
          />
        ) : null}
        {step === 1 && table ? (
          <CrsStep
            crs={session.crs}
            guess={session.guess}
            sample={sampleLngLat(table)}
            onChange={(crs) => dispatch({ type: 'crsChosen', crs })}
          />
        ) : null}
        {step === 2 && table ? (
          <MappingStep
            table={table}
            mapping={session.mapping}
            onChange={(mapping) => dispatch({ type: 'mappingChanged', mapping })}
            namePattern={session.namePattern}
            onNamePatternChange={(namePattern) => dispatch({ type: 'namePatternChanged', namePattern })}
          />
        ) : null}
        {step === 3 ? (
          <>
            {session.checkingCount !== null ? (
              <Alert type="info" showIcon title={t('import.validating', { count: session.checkingCount })} data-testid="import-checking" />
            ) : null}
            {session.previewError ? (
              <Alert type="error" showIcon title={t('import.checkFailed')} description={session.previewError} data-testid="import-error" />
            ) : null}
            {rows ? (
              <PreviewStep rows={rows} skipped={skipped} onSkip={(indexes, skip) => dispatch({ type: 'rowsSkipped', indexes, skip })} />
            ) : null}
          </>
        ) : null}
        {step === 4 && rows ? (
          <CommitStep
            layerName={session.layerName}
            acceptedCount={accepted}
            skippedCount={rows.length - accepted}
            allowOverlap={session.allowOverlap}
            phase={phase}
            percent={session.percent}
            result={session.result}
            error={session.commitError}
            refreshError={session.refreshError}
            onLayerName={(layerName) => dispatch({ type: 'layerNamed', layerName })}
            onAllowOverlap={(allowOverlap) => dispatch({ type: 'overlapAllowed', allowOverlap })}
            onDone={close}
          />
        ) : null}
      </div>
    </Modal>
  );
}
