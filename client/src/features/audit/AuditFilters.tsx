/** The audit browser's filter bar: user, object, action and a date range; Search applies, Reset clears. */
import { Button, DatePicker, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditAction } from '../../../../core/contract/index';
import type { AuditQuery } from '../../api';

/** The objects the server writes audit entries about. */
export const AUDIT_ENTITIES = ['estate', 'zone', 'facility', 'estate_gate', 'facility_type', 'user', 'import_layer'] as const;
type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** What a RangePicker value offers (a dayjs date), without importing dayjs. */
interface PickedDay {
  format(template: string): string;
  add(amount: number, unit: 'day'): PickedDay;
}

interface Draft {
  actor: string;
  entity: AuditEntity | undefined;
  action: AuditAction | undefined;
  range: [PickedDay | null, PickedDay | null] | null;
}

const EMPTY: Draft = { actor: '', entity: undefined, action: undefined, range: null };

/** The query of a draft; the end day is included, so `to` (exclusive) is the day after it. */
function queryOf(draft: Draft): AuditQuery {
  const [from, to] = draft.range ?? [null, null];
  return {
    actor: draft.actor.trim() || undefined,
    entity: draft.entity,
    action: draft.action,
    from: from?.format('YYYY-MM-DD'),
    to: to?.add(1, 'day').format('YYYY-MM-DD'),
  };
}

export function AuditFilters({ onApply }: { onApply(query: AuditQuery): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const patch = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  return (
    <div className="atlas-audit-filters" data-testid="audit-filters">
      <Input
        allowClear
        className="atlas-audit-filter"
        placeholder={t('audit.user')}
        aria-label={t('audit.user')}
        data-testid="audit-filter-user"
        value={draft.actor}
        onChange={(e) => patch({ actor: e.target.value })}
        onPressEnter={() => onApply(queryOf(draft))}
      />
      <Select<AuditEntity>
        allowClear
        className="atlas-audit-filter"
        placeholder={t('audit.entity')}
        aria-label={t('audit.entity')}
        data-testid="audit-filter-entity"
        value={draft.entity}
        options={AUDIT_ENTITIES.map((entity) => ({ value: entity, label: t(`audit.entities.${entity}`) }))}
        onChange={(entity) => patch({ entity })}
      />
      <Select<AuditAction>
        allowClear
        className="atlas-audit-filter"
        placeholder={t('audit.action')}
        aria-label={t('audit.action')}
        data-testid="audit-filter-action"
        value={draft.action}
        options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`audit.actions.${action}`) }))}
        onChange={(action) => patch({ action })}
      />
      <DatePicker.RangePicker
        data-testid="audit-filter-dates"
        aria-label={t('audit.dateRange')}
        value={draft.range as never}
        onChange={(range) => patch({ range: range as Draft['range'] })}
      />
      <Button type="primary" onClick={() => onApply(queryOf(draft))} data-testid="audit-search">
        {t('audit.search')}
      </Button>
      <Button
        onClick={() => {
          setDraft(EMPTY);
          onApply({});
        }}
      >
        {t('audit.reset')}
      </Button>
    </div>
  );
}
