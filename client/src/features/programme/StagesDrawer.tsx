/**
 * The stage list as an administrator sets it (stages.write): names, order and colours. The rules of
 * core/programme/stages.ts are checked as the list is edited, so the reason a list cannot be saved
 * shows before saving; the server checks them again, and also that no removed stage is in use.
 */
import { Alert, App as AntApp, Button, Space } from 'antd';
import { AdminDrawer } from '../../shared/AdminDrawer';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StageCatalogueRecord } from '../../../../core/contract/index';
import { problemMessage } from '../../../../core/problems';
import { DEFAULT_STAGES, MAX_STAGES, stageListRefusal, type StageDefinition } from '../../../../core/programme/stages';
import { ApiError, fetchStages, saveStages } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { addStage, moveStage, removeStage, updateStage, withIds } from './stage-list-edits';
import { StageRow } from './StageRow';
import './programme.css';

const DRAWER_WIDTH_PX = 620;

export function StagesDrawer({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const language = useAtlasStore((s) => s.language);
  const [saved, setSaved] = useState<StageCatalogueRecord | null>(null);
  const [list, setList] = useState<StageDefinition[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchStages(controller.signal)
      .then((record) => {
        setSaved(record);
        setList(record.stages);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure instanceof ApiError ? failure.messageIn(language) : String(failure));
      });
    return () => controller.abort();
  }, [language]);

  const candidate = useMemo(() => withIds(list), [list]);
  const refusal = useMemo(() => (list.length > 0 ? stageListRefusal(candidate) : null), [candidate, list.length]);
  const changed = saved !== null && JSON.stringify(candidate) !== JSON.stringify(saved.stages);
  const inUse = new Set(saved?.inUse ?? []);

  const save = async () => {
    if (!saved) return;
    setSaving(true);
    try {
      const record = await saveStages(candidate, saved.version);
      setSaved(record);
      setList(record.stages);
      useAtlasStore.getState().programmeChanged();
      void message.success(t('stages.saved'));
    } catch (failure) {
      void message.error(failure instanceof ApiError ? failure.messageIn(language) : String(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <AdminDrawer onClose={onClose} title={t('stages.title')} widthPx={DRAWER_WIDTH_PX}>
      <div data-testid="stages-drawer">
        <p className="coverage-origin">{t('stages.intro')}</p>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        <ol className="stage-list">
          {list.map((stage, index) => (
            <StageRow
              key={stage.id === '' ? `new-${index}` : stage.id}
              stage={stage}
              index={index}
              count={list.length}
              inUse={inUse.has(stage.id)}
              onChange={(patch) => setList(updateStage(list, index, patch))}
              onMove={(delta) => setList(moveStage(list, index, delta))}
              onRemove={() => setList(removeStage(list, index))}
            />
          ))}
        </ol>
        <div data-testid="stages-verdict" aria-live="polite">
          {list.length === 0 ? null : refusal ? (
            <Alert type="warning" showIcon title={problemMessage(refusal.code, refusal.params, language)} />
          ) : (
            <Alert type="success" showIcon title={t('stages.paletteOk')} />
          )}
        </div>
        <Space className="stage-list-buttons" wrap>
          <Button
            data-testid="stages-add"
            disabled={list.length === 0 || list.length >= MAX_STAGES}
            onClick={() => setList(addStage(list, { zh: '', en: '' }))}
          >
            {t('stages.add')}
          </Button>
          <Button data-testid="stages-reset" disabled={list.length === 0} onClick={() => setList([...DEFAULT_STAGES])}>
            {t('stages.reset')}
          </Button>
          <Button
            type="primary"
            data-testid="stages-save"
            disabled={!changed || refusal !== null}
            loading={saving}
            onClick={() => void save()}
          >
            {t('stages.save')}
          </Button>
        </Space>
      </div>
    </AdminDrawer>
  );
}
