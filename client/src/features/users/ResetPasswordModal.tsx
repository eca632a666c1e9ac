/** An administrator sets a new password for a user (who then signs in with it). */
import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, resetUserPassword, type UserRecord } from '../../api';
import type { Language } from '../../shared/i18n/languages';
import { newPasswordRules } from '../auth/password-rules';
import { applyServerErrors } from './form-errors';

export interface ResetPasswordModalProps {
  user: UserRecord | null;
  language: Language;
  onClose(): void;
  onDone(user: UserRecord): void;
}

export function ResetPasswordModal({ user, language, onClose, onDone }: ResetPasswordModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async (password: string) => {
    if (!user) return;
    setBusy(true);
    try {
      await resetUserPassword(user.id, password);
      onDone(user);
    } catch (error) {
      if (error instanceof ApiError) applyServerErrors(form, error, language, ['password']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.resetPasswordTitle', { username: user.username }) : ''}
      okText={t('account.save')}
      cancelText={t('account.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'user-reset-save' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values.password)}>
        <Form.Item name="password" label={t('users.newPassword')} rules={newPasswordRules(t)}>
          <Input.Password autoComplete="new-password" data-testid="user-reset-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
