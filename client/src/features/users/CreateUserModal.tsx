/** A new account: username (the server's pattern), initial password (its minimum length) and role. */
import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS, ROLES, type Role } from '../../../../core/access';
import { USERNAME_PATTERN } from '../../../../core/contract/index';
import { ApiError, createUser, type UserRecord } from '../../api';
import type { Language } from '../../shared/i18n/languages';
import { newPasswordRules } from '../auth/password-rules';
import { applyServerErrors } from './form-errors';

interface NewUser {
  username: string;
  password: string;
  role: Role;
}

export interface CreateUserModalProps {
  open: boolean;
  language: Language;
  onClose(): void;
  onCreated(user: UserRecord): void;
}

export function CreateUserModal({ open, language, onClose, onCreated }: CreateUserModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewUser>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: NewUser) => {
    setBusy(true);
    try {
      onCreated(await createUser({ ...values, username: values.username.trim().toLowerCase() }));
    } catch (error) {
      if (error instanceof ApiError) applyServerErrors(form, error, language, ['username', 'password', 'role']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.create')}
      okText={t('account.save')}
      cancelText={t('account.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'user-create-save' } as Record<string, string>}
    >
      <Form<NewUser>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'planner' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameRule')}
          normalize={(value: string) => value.toLowerCase()}
          rules={[{ required: true, pattern: USERNAME_PATTERN, message: t('users.usernameRule') }]}
        >
          <Input autoComplete="off" data-testid="user-create-username" />
        </Form.Item>
        <Form.Item name="password" label={t('users.password')} rules={newPasswordRules(t)}>
          <Input.Password autoComplete="new-password" data-testid="user-create-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select data-testid="user-create-role" options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role][language] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
