/** Changing one's own password: the server ends the session, so the user signs in again with the new one. */
import { App as AntApp, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, changeOwnPassword } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { applyServerErrors } from '../users/form-errors';
import { newPasswordRules } from './password-rules';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose, onChanged }: { open: boolean; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const language = useAtlasStore((s) => s.language);
  const [form] = Form.useForm<PasswordForm>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: PasswordForm) => {
    setBusy(true);
    try {
      await changeOwnPassword(values.currentPassword, values.newPassword);
      void message.success(t('account.passwordChanged'));
      onChanged();
    } catch (error) {
      if (error instanceof ApiError) applyServerErrors(form, error, language, ['currentPassword', 'newPassword']);
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('account.changePassword')}
      okText={t('account.save')}
      cancelText={t('account.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'password-save' } as Record<string, string>}
    >
      <Form<PasswordForm> form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('account.newPassword')} rules={newPasswordRules(t)}>
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('account.passwordsDiffer') },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('account.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
