/** Keeps the what-if facilities as planned facilities, all in one write (or none), then the trial markers go. */
import { App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, importFacilities } from '../../api';
import { reloadFacilities } from '../../state/load-data';
import { useAtlasStore } from '../../state/atlas-store';

export function SavePlannedButton() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const store = useAtlasStore.getState();
    setSaving(true);
    try {
      const planned = store.virtualFacilities.map((trial) => ({ ...trial, name: '', status: 'planned' as const }));
      const { created } = await importFacilities(t('facility.whatIfSource'), planned);
      await reloadFacilities();
      store.setIncludePlanned(true);
      store.clearVirtualFacilities();
      void message.success(t('facility.savedPlanned', { count: created }));
    } catch (error) {
      void message.error(error instanceof ApiError ? error.messageIn(store.language) : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Button size="small" type="primary" loading={saving} data-testid="whatif-save-planned" onClick={() => void save()}>
      {t('facility.savePlanned')}
    </Button>
  );
}
