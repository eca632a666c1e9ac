/** Header buttons of the planner's workbench: the ledger dock and zones drawer toggles and the import wizard. */
import { Button, Tooltip } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlasStore } from '../state/atlas-store';
import { useRefusal } from '../state/use-can';
import './header.css';

// The file readers (Shapefile, Excel) are large and only needed once the wizard opens.
const ImportWizard = lazy(() => import('../features/import/ImportWizard').then((m) => ({ default: m.ImportWizard })));

export function WorkbenchButtons() {
  const { t } = useTranslation();
  const ledgerOpen = useAtlasStore((s) => s.ledgerOpen);
  const setLedgerOpen = useAtlasStore((s) => s.setLedgerOpen);
  const ready = useAtlasStore((s) => s.data !== null);
  const [importOpen, setImportOpen] = useState(false);
  const zonePanel = useAtlasStore((s) => s.zonePanel);
  const showZonePanel = useAtlasStore((s) => s.showZonePanel);
  const importRefusal = useRefusal('ledger.write');
  const dashboardOpen = useAtlasStore((s) => s.dashboardOpen);
  const setDashboardOpen = useAtlasStore((s) => s.setDashboardOpen);
  return (
    <div className="atlas-header-tools">
      <Button
        className={dashboardOpen ? 'atlas-header-button atlas-header-button-on' : 'atlas-header-button'}
        aria-pressed={dashboardOpen}
        disabled={!ready}
        onClick={() => setDashboardOpen(!dashboardOpen)}
        data-testid="dashboard-toggle"
      >
        {t('programme.open')}
      </Button>
      <Button
        className={ledgerOpen ? 'atlas-header-button atlas-header-button-on' : 'atlas-header-button'}
        aria-pressed={ledgerOpen}
        disabled={!ready}
        onClick={() => setLedgerOpen(!ledgerOpen)}
        data-testid="ledger-toggle"
      >
        {t('ledger.open')}
      </Button>
      <Button
        className={zonePanel ? 'atlas-header-button atlas-header-button-on' : 'atlas-header-button'}
        aria-pressed={zonePanel !== null}
        disabled={!ready}
        onClick={() => showZonePanel(zonePanel ? null : 'list')}
        data-testid="zones-toggle"
      >
        {t('zones.open')}
      </Button>
      <Tooltip title={importRefusal}>
        {/* The span keeps the tooltip working on a disabled button. */}
        <span className="atlas-header-button-wrap" data-testid="import-open-wrap">
          <Button
            className="atlas-header-button"
            disabled={!ready || importRefusal !== null}
            onClick={() => setImportOpen(true)}
            data-testid="import-open"
          >
            {t('import.button')}
          </Button>
        </span>
      </Tooltip>
      {importOpen ? (
        <Suspense fallback={null}>
          <ImportWizard open={importOpen} onClose={() => setImportOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
