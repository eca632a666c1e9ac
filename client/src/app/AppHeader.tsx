import { Button, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAtlasStore } from '../state/atlas-store';
import { isLanguage, LANGUAGES } from '../shared/i18n/languages';
import { WorkbenchButtons } from './WorkbenchButtons';
import { AccountMenu } from '../features/auth/AccountMenu';

export interface AppHeaderProps {
  /** Whether the controls (filters, colouring, layers, legends) are folded away. */
  siderCollapsed: boolean;
  onToggleSider(): void;
}

export function AppHeader({ siderCollapsed, onToggleSider }: AppHeaderProps) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const setLanguage = useAtlasStore((s) => s.setLanguage);
  return (
    <div className="atlas-header-inner">
      <Button
        className={siderCollapsed ? 'atlas-header-button' : 'atlas-header-button atlas-header-button-on'}
        aria-pressed={!siderCollapsed}
        onClick={onToggleSider}
        data-testid="controls-toggle"
      >
        {t('app.controls')}
      </Button>
      <div className="atlas-brand">
        <span className="atlas-logo" aria-hidden="true" />
        <h1 className="atlas-title" data-testid="app-title">
          {t('app.title')}
        </h1>
        <span className="atlas-subtitle">{t('app.subtitle')}</span>
        <span className="atlas-tagline">{t('app.district')}</span>
      </div>
      <WorkbenchButtons />
      <Segmented
        data-testid="lang-switch"
        aria-label={t('language.label')}
        value={language}
        options={LANGUAGES.map((lang) => ({ value: lang, label: <span data-testid={`lang-${lang}`}>{t(`language.${lang}`)}</span> }))}
        onChange={(value) => {
          if (typeof value === 'string' && isLanguage(value)) setLanguage(value);
        }}
      />
      <AccountMenu />
    </div>
  );
}
