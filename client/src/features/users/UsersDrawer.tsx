/**
 * Administrators' user management: every account with its role, status and sign-ins; create,
 * change role, disable or enable (the server keeps one enabled administrator and says so), reset a password.
 */
import { Alert, App as AntApp, Button, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { AdminDrawer } from '../../shared/AdminDrawer';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS, ROLES, type Role } from '../../../../core/access';
import { ApiError, fetchUsers, updateUser, type UserRecord } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { formatDateTime } from '../../shared/format';
import { CreateUserModal } from './CreateUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';

/** Wide enough for the six columns; a narrower window gets the window less a margin. */
const DRAWER_WIDTH_PX = 940;

export function UsersDrawer({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const language = useAtlasStore((s) => s.language);
  const selfId = useAtlasStore((s) => s.session?.user.id);
  const [users, setUsers] = useState<UserRecord[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserRecord | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  useEffect(() => {
    fetchUsers()
      .then((list) => {
        setUsers(list);
        setLoadError(null);
      })
      .catch(setLoadError);
  }, []);

  const wording = (error: unknown) => (error instanceof ApiError ? error.messageIn(language) : String(error));

  const change = async (user: UserRecord, patch: { role?: Role; disabled?: boolean }) => {
    setBusyId(user.id);
    try {
      const changed = await updateUser(user.id, patch);
      setUsers((list) => list?.map((u) => (u.id === changed.id ? changed : u)) ?? null);
      void message.success(
        patch.role
          ? t('users.roleChanged', { username: user.username, role: ROLE_LABELS[patch.role][language] })
          : t('users.statusChanged', { username: user.username }),
      );
    } catch (error) {
      void message.error({ content: <span data-testid="users-error">{wording(error)}</span>, duration: 8 });
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableColumnsType<UserRecord> = [
    {
      key: 'username',
      title: t('users.username'),
      render: (_value, user) => (
        <span data-testid={`user-name-${user.username}`}>
          {user.username}
          {user.id === selfId ? <span className="atlas-secondary">{t('users.self')}</span> : null}
          {user.isDemo ? (
            <Tag className="atlas-users-demo" style={{ marginInlineStart: 6 }}>
              {t('users.demo')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      key: 'role',
      title: t('users.role'),
      width: 140,
      render: (_value, user) => (
        <Select<Role>
          size="small"
          className="atlas-users-role"
          style={{ width: 124 }}
          data-testid={`user-role-${user.username}`}
          value={user.role}
          disabled={busyId === user.id}
          options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role][language] }))}
          onChange={(role) => void change(user, { role })}
        />
      ),
    },
    {
      key: 'status',
      title: t('users.status'),
      width: 90,
      render: (_value, user) => (
        <Tag color={user.disabled ? 'default' : 'green'} data-testid={`user-status-${user.username}`}>
          {t(user.disabled ? 'users.disabled' : 'users.enabled')}
        </Tag>
      ),
    },
    { key: 'createdAt', title: t('users.createdAt'), width: 140, render: (_value, user) => formatDateTime(user.createdAt, language) },
    {
      key: 'lastSignInAt',
      title: t('users.lastSignInAt'),
      width: 140,
      render: (_value, user) => (user.lastSignInAt ? formatDateTime(user.lastSignInAt, language) : t('users.never')),
    },
    {
      key: 'actions',
      title: t('users.actions'),
      width: language === 'zh' ? 160 : 215,
      render: (_value, user) => (
        <Space size={4}>
          <Popconfirm
            title={t(user.disabled ? 'users.confirmEnable' : 'users.confirmDisable', { username: user.username })}
            okText={t(user.disabled ? 'users.enable' : 'users.disable')}
            cancelText={t('account.cancel')}
            onConfirm={() => void change(user, { disabled: !user.disabled })}
          >
            <Button size="small" danger={!user.disabled} loading={busyId === user.id} data-testid={`user-toggle-${user.username}`}>
              {t(user.disabled ? 'users.enable' : 'users.disable')}
            </Button>
          </Popconfirm>
          <Button size="small" onClick={() => setResetting(user)} data-testid={`user-reset-${user.username}`}>
            {t('users.resetPassword')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <AdminDrawer
      open={open}
      onClose={onClose}
      title={t('users.title')}
      widthPx={DRAWER_WIDTH_PX}
      extra={
        <Button type="primary" onClick={() => setCreating(true)} data-testid="user-create">
          {t('users.create')}
        </Button>
      }
    >
      <div data-testid="users-page">
        {loadError ? <Alert type="error" showIcon title={t('users.loadFailed')} description={wording(loadError)} /> : null}
        <Table<UserRecord>
          size="small"
          rowKey="id"
          loading={users === null && !loadError}
          dataSource={users ?? []}
          columns={columns}
          pagination={false}
          tableLayout="fixed"
        />
      </div>
      <CreateUserModal
        open={creating}
        language={language}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          setUsers((list) => [...(list ?? []), user].sort((a, b) => a.username.localeCompare(b.username)));
          void message.success(t('users.created', { username: user.username }));
        }}
      />
      <ResetPasswordModal
        user={resetting}
        language={language}
        onClose={() => setResetting(null)}
        onDone={(user) => {
          setResetting(null);
          void message.success(t('users.passwordReset', { username: user.username }));
        }}
      />
    </AdminDrawer>
  );
}
