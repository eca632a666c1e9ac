/** The form rule of a new password (own change, an administrator's reset, a new user): the server's minimum length. */
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { PASSWORD_MIN_LENGTH } from '../../../../core/contract/index';

export function newPasswordRules(t: TFunction): FormRule[] {
  return [{ required: true, min: PASSWORD_MIN_LENGTH, message: t('account.passwordTooShort', { count: PASSWORD_MIN_LENGTH }) }];
}
