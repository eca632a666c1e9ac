/**
 * What an audit entry changed: the fields whose stored value differs between `before` and `after`,
 * labelled from the ledger registry by column (estate rows are stored with their DB column names),
 * and whether the geometry changed. Pure, so the audit browser and the estate history share it.
 */
import { isRecord } from '../../../../core/checks';
import { LEDGER_FIELDS, YES_NO_LABELS, type LedgerField } from '../../../../core/ledger-fields';
import { roleLabel } from './role-label';
import type { Language } from '../../shared/i18n/languages';
import { formatLedgerValue, UNKNOWN_VALUE } from '../../shared/ledger-format';
import type { AuditEntry } from '../../api';

/** Bookkeeping every write touches; showing it would bury the real change. */
const BOOKKEEPING_KEYS: ReadonlySet<string> = new Set(['id', 'version', 'created_at', 'updated_at', 'createdAt', 'updatedAt']);

const FIELD_BY_COLUMN: ReadonlyMap<string, LedgerField> = new Map(
  LEDGER_FIELDS.flatMap((field) => (field.column === null ? [] : [[field.column, field] as const])),
);

export interface FieldChange {
  /** The stored key (a DB column for estates, a property for users). */
  key: string;
  label: string;
  before: string;
  after: string;
}

export interface AuditDiff {
  geometryChanged: boolean;
  fields: FieldChange[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A value outside the ledger (a user record): yes/no for booleans, a role by its label, else as stored. */
function plainText(key: string, value: unknown, language: Language): string {
  if (value === null || value === undefined || value === '') return UNKNOWN_VALUE;
  if (typeof value === 'boolean') return YES_NO_LABELS[value ? 'yes' : 'no'][language];
  if (key === 'role' && typeof value === 'string') return roleLabel(value, language);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The changes of one entry (before null for a create, after null for a delete), in registry order
 * for ledger fields, then other keys by name; values as display text. Keys outside the ledger are
 * labelled by `otherLabels` (the UI's words for a user record's fields), else by their own name.
 * @example auditDiff({ households: 120 }, { households: 126 }, 'en').fields[0] // { key: 'households', label: 'Households', before: '120', after: '126' }
 */
export function auditDiff(
  before: unknown,
  after: unknown,
  language: Language,
  otherLabels: Readonly<Record<string, string>> = {},
): AuditDiff {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((key) => !BOOKKEEPING_KEYS.has(key) && !same(b[key], a[key]));
  const geometryChanged = keys.includes('geometry');
  const ledgerOrder = (key: string): number => {
    const field = FIELD_BY_COLUMN.get(key);
    return field ? LEDGER_FIELDS.indexOf(field) : LEDGER_FIELDS.length;
  };
  const fields = keys
    .filter((key) => key !== 'geometry')
    .sort((x, y) => ledgerOrder(x) - ledgerOrder(y) || x.localeCompare(y))
    .map((key): FieldChange => {
      const field = FIELD_BY_COLUMN.get(key);
      const show = (value: unknown) => (field ? formatLedgerValue(field.key, value, language) : plainText(key, value, language));
      return { key, label: field ? field.label[language] : (otherLabels[key] ?? key), before: show(b[key]), after: show(a[key]) };
    });
  return { geometryChanged, fields };
}

/** What the entry is about, by name: the estate's name or the user's username, after the change or, for a delete, before it. */
export function auditSubjectName(entry: Pick<AuditEntry, 'before' | 'after'>): string | null {
  for (const record of [entry.after, entry.before]) {
    if (isRecord(record)) {
      const name = record.name ?? record.username;
      if (typeof name === 'string' && name !== '') return name;
    }
  }
  return null;
}
