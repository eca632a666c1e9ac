/**
 * The header's account menu: who is signed in and their role, changing the password, signing out,
 * personal API tokens, and for administrators the Users and Audit trail drawers.
 */
import { Button, Dropdown } from 'antd';
import type { MenuProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS } from '../../../../core/access';
import { signOut } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { useCan } from '../../state/use-can';
import { ChangePasswordModal } from './ChangePasswordModal';
import { tokenWord } from '../tokens/token-words';

// Administrators' tools: loaded when first opened.
const UsersDrawer = lazy(() => import('../users/UsersDrawer').then((m) => ({ default: m.UsersDrawer })));
const AuditDrawer = lazy(() => import('../audit/AuditDrawer').then((m) => ({ default: m.AuditDrawer })));
const CatalogueDrawer = lazy(() => import('../coverage/CatalogueDrawer').then((m) => ({ default: m.CatalogueDrawer })));
const StagesDrawer = lazy(() => import('../programme/StagesDrawer').then((m) => ({ default: m.StagesDrawer })));
const ApiTokensDrawer = lazy(() => import('../tokens/ApiTokensDrawer').then((m) => ({ default: m.ApiTokensDrawer })));

type Opened = 'password' | 'users' | 'audit' | 'catalogue' | 'stages' | 'tokens' | null;
const OPENS: readonly string[] = ['password', 'users', 'audit', 'catalogue', 'stages', 'tokens'] satisfies Opened[];

export function AccountMenu() {
  const { t } = useTranslation();
  const session = useAtlasStore((s) => s.session);
  const language = useAtlasStore((s) => s.language);
  const sessionEnded = useAtlasStore((s) => s.sessionEnded);
  const canManageUsers = useCan('users.manage');
  const canReadAudit = useCan('audit.read');
  const canEditCatalogue = useCan('catalogue.write');
  const canEditStages = useCan('stages.write');
  const [opened, setOpened] = useState<Opened>(null);
  if (!session) return null;

  const leave = async () => {
    // Even if the server cannot be reached, this browser forgets the session.
    await signOut().catch(() => undefined);
    sessionEnded(null);
  };

  const items: MenuProps['items'] = [
    ...(canManageUsers ? [{ key: 'users', label: <span data-testid="menu-users">{t('account.users')}</span> }] : []),
    ...(canReadAudit ? [{ key: 'audit', label: <span data-testid="menu-audit">{t('account.audit')}</span> }] : []),
    ...(canEditCatalogue ? [{ key: 'catalogue', label: <span data-testid="menu-catalogue">{t('catalogue.title')}</span> }] : []),
    ...(canEditStages ? [{ key: 'stages', label: <span data-testid="menu-stages">{t('stages.title')}</span> }] : []),
    ...(canManageUsers || canReadAudit || canEditCatalogue || canEditStages ? [{ type: 'divider' as const }] : []),
    { key: 'tokens', label: <span data-testid="menu-tokens">{tokenWord('menu', language)}</span> },
    { key: 'password', label: <span data-testid="menu-password">{t('account.changePassword')}</span> },
    { key: 'signOut', label: <span data-testid="menu-sign-out">{t('account.signOut')}</span> },
  ];

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'signOut') void leave();
            else if (OPENS.includes(key)) setOpened(key as Opened);
          },
        }}
      >
        <Button className="atlas-header-button atlas-account-button" aria-label={t('account.menu')} data-testid="account-menu">
          <span className="atlas-account-name" data-testid="account-name">
            {session.user.username}
          </span>
          <span className="atlas-account-role" data-testid="account-role">
            {ROLE_LABELS[session.user.role][language]}
          </span>
        </Button>
      </Dropdown>
      <ChangePasswordModal open={opened === 'password'} onClose={() => setOpened(null)} onChanged={() => sessionEnded(null)} />
      <Suspense fallback={null}>
        {opened === 'users' ? <UsersDrawer open onClose={() => setOpened(null)} /> : null}
        {opened === 'audit' ? <AuditDrawer open onClose={() => setOpened(null)} /> : null}
        {opened === 'catalogue' ? <CatalogueDrawer onClose={() => setOpened(null)} /> : null}
        {opened === 'stages' ? <StagesDrawer onClose={() => setOpened(null)} /> : null}
        {opened === 'tokens' ? <ApiTokensDrawer onClose={() => setOpened(null)} /> : null}
      </Suspense>
    </>
  );
}
