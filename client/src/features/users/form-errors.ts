/** Puts a refused request's problems next to the form fields they name, in the user's language. */
import type { FormInstance } from 'antd';
import type { ApiError } from '../../api';
import type { Language } from '../../shared/i18n/languages';
import { problemMessage } from '../../../../core/problems';

/** Problems about one field that the server answers without naming it in `details.fields`. */
const FIELD_OF_CODE: Readonly<Record<string, string>> = { username_taken: 'username' };

/**
 * Each issue of a 400 goes to its field (when it is one of `fields`); any other problem goes to the first of `fields`.
 * @example applyServerErrors(form, error, 'zh', ['username', 'password'])
 */
export function applyServerErrors<T>(
  form: FormInstance<T>,
  error: ApiError,
  language: Language,
  fields: readonly [string, ...string[]],
): void {
  const known = new Set(fields);
  const fallbackField = fields[0];
  const byField = new Map<string, string[]>();
  const add = (field: string, text: string) => byField.set(field, [...(byField.get(field) ?? []), text]);
  const issues = error.fieldIssues();
  for (const issue of issues)
    add(known.has(issue.field) ? issue.field : fallbackField, problemMessage(issue.code, issue.params, language, issue.message));
  if (issues.length === 0) add(FIELD_OF_CODE[error.code] ?? fallbackField, error.messageIn(language));
  form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
}
