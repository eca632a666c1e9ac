/** The application frame: antd theme and locale, then the sign-in page or the atlas, by the session. */
import { useEffect } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { AtlasFrame } from './AtlasFrame';
import { SignInPage } from '../features/auth/SignInPage';
import { useSessionBoot } from '../features/auth/use-session-boot';
import { useAtlasStore } from '../state/atlas-store';
import { localeOf } from '../shared/format';
import { UI_FONT_FAMILIES } from './theme';

const NO_WAVE = { disabled: true } as const;

export function App() {
  const language = useAtlasStore((s) => s.language);
  const authStatus = useAtlasStore((s) => s.authStatus);
  const { i18n, t } = useTranslation();
  useSessionBoot();

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
      // No ripple on clicks: antd mounts a React root for each one, script taken from the map's redraw.
      wave={NO_WAVE}
    >
      <AntApp className="atlas-app">
        {authStatus === 'signedIn' ? (
          <AtlasFrame />
        ) : authStatus === 'signedOut' ? (
          <SignInPage />
        ) : (
          <div className="atlas-map-overlay" data-testid="session-checking">
            <Spin size="large" />
            <div className="atlas-map-overlay-text">{t('auth.checking')}</div>
          </div>
        )}
      </AntApp>
    </ConfigProvider>
  );
}
