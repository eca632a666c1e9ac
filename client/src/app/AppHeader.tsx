import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { WorkbenchButtons } from './WorkbenchButtons';
import { AccountMenu } from '../features/auth/AccountMenu';
import { LanguageSwitch } from '../features/auth/LanguageSwitch';

export interface AppHeaderProps {
  /** Whether the controls (filters, colouring, layers, legends) are folded away. */
  siderCollapsed: boolean;
  onToggleSider(): void;
}

export function AppHeader({ siderCollapsed, onToggleSider }: AppHeaderProps) {
  const { t } = useTranslation();
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
      <LanguageSwitch />
      <AccountMenu />
    </div>
  );
}
