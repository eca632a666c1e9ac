/** The application frame: antd theme and locale, header, controls, summary and the map. */
import { useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider, Layout } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { AppHeader } from './AppHeader';
import { ControlPanel } from '../features/atlas/ControlPanel';
import { MapArea } from '../features/atlas/MapArea';
import { SummaryStrip } from '../features/atlas/SummaryStrip';
import { LedgerDock } from '../features/ledger/LedgerDock';
import { useAtlasStore } from '../state/atlas-store';
import { loadAtlasData } from '../state/load-data';
import { localeOf } from '../shared/format';
import { UI_FONT_FAMILIES } from './theme';

/** Below this window width (antd's `xl`) the controls start folded away, leaving the map room beside a panel. */
const SIDER_BREAKPOINT = 'xl';
const SIDER_BREAKPOINT_PX = 1200;

export function App() {
  const language = useAtlasStore((s) => s.language);
  const ledgerOpen = useAtlasStore((s) => s.ledgerOpen);
  const { i18n, t } = useTranslation();
  const [siderCollapsed, setSiderCollapsed] = useState(() => window.innerWidth < SIDER_BREAKPOINT_PX);

  useEffect(() => {
    const controller = new AbortController();
    void loadAtlasData(controller.signal);
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = localeOf(language);
  }, [i18n, language]);

  useEffect(() => {
    document.title = `${t('app.title')} · ${t('app.subtitle')}`;
  }, [t, language]);

  return (
    <ConfigProvider
      locale={language === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1f5fa8', fontFamily: UI_FONT_FAMILIES[language], borderRadius: 6 } }}
    >
      <AntApp className="atlas-app">
        <Layout className="atlas-root">
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
      </AntApp>
    </ConfigProvider>
  );
}
