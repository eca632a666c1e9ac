/** The signed-in atlas: header, controls, summary, the map and the ledger. Its data loads when it mounts (after sign-in). */
import { useEffect, useState } from 'react';
import { Layout } from 'antd';
import { AppHeader } from './AppHeader';
import { ControlPanel } from '../features/atlas/ControlPanel';
import { MapArea } from '../features/atlas/MapArea';
import { SummaryStrip } from '../features/atlas/SummaryStrip';
import { SummarySync } from '../features/atlas/use-summary-figures';
import { useEditStore } from '../features/edit/edit-store';
import { LedgerDock } from '../features/ledger/LedgerDock';
import { CoverageRun } from '../features/coverage/use-coverage-run';
import { ProgrammeSync } from '../features/programme/use-programme-sync';
import { useAtlasStore } from '../state/atlas-store';
import { loadAtlasData } from '../state/load-data';
import { loadZones } from '../state/load-zones';

/** Below this window width (antd's `xl`) the controls start folded away, leaving the map room beside a panel. */
const SIDER_BREAKPOINT = 'xl';
const SIDER_BREAKPOINT_PX = 1200;

export function AtlasFrame() {
  const ledgerOpen = useAtlasStore((s) => s.ledgerOpen);
  const [siderCollapsed, setSiderCollapsed] = useState(() => window.innerWidth < SIDER_BREAKPOINT_PX);

  useEffect(() => {
    // Leaders open the app to see where the programme stands: the dashboard is their first view.
    if (useAtlasStore.getState().session?.user.role === 'leader') useAtlasStore.getState().setDashboardOpen(true);
    const controller = new AbortController();
    void loadAtlasData(controller.signal);
    void loadZones(controller.signal);
    return () => {
      controller.abort();
      // Signing out mid-edit drops the unsaved session: the next user starts clean.
      useEditStore.getState().endSession();
    };
  }, []);

  return (
    <Layout className="atlas-root">
      <CoverageRun />
      <ProgrammeSync />
      <SummarySync />
      <Layout.Header className="atlas-header">
        <AppHeader siderCollapsed={siderCollapsed} onToggleSider={() => setSiderCollapsed((c) => !c)} />
      </Layout.Header>
      <Layout className="atlas-body">
        <Layout.Sider
          width={292}
          theme="light"
          className="atlas-sider"
          collapsed={siderCollapsed}
          collapsedWidth={0}
          trigger={null}
          breakpoint={SIDER_BREAKPOINT}
          onBreakpoint={setSiderCollapsed}
          data-testid="controls-sider"
        >
          <ControlPanel />
        </Layout.Sider>
        <Layout.Content className="atlas-content">
          <SummaryStrip />
          <MapArea />
          {ledgerOpen ? <LedgerDock /> : null}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
