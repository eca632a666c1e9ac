import { isRole, ROLE_LABELS } from '../../../../core/access';
import type { Language } from '../../shared/i18n/languages';

/** A role's label; an entry keeps the role it was written with, which may be a retired one (then shown as stored). */
export function roleLabel(role: string, language: Language): string {
  return isRole(role) ? ROLE_LABELS[role][language] : role;
}
