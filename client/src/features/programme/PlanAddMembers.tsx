/** Adds estates to an annual plan's batch: those picked on the map, or every member of a renovation zone (a zone is planned whole). */
import { Button, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanRecord } from '../../../../core/contract/index';
import { useAtlasStore } from '../../state/atlas-store';

type Member = PlanRecord['estates'][number];

export function PlanAddMembers({ members, onAdd }: { members: readonly Member[]; onAdd(added: Member[]): void }) {
  const { t } = useTranslation();
  const picked = useAtlasStore((s) => s.pickedEstateIds);
  const zones = useAtlasStore((s) => s.zones) ?? [];
  const [batch, setBatch] = useState(1);
  const inPlan = new Set(members.map((m) => m.estateId));
  const add = (ids: readonly number[]) => onAdd(ids.filter((id) => !inPlan.has(id)).map((estateId) => ({ estateId, batch })));
  const newPicked = picked.filter((id) => !inPlan.has(id));

  return (
    <div className="programme-form-row">
      <InputNumber min={1} max={99} value={batch} onChange={(value) => setBatch(value ?? 1)} prefix={t('programme.plan.batch')} />
      <Button disabled={newPicked.length === 0} onClick={() => add(picked)} data-testid="plan-add-picked">
        {t('programme.plan.addPicked', { n: newPicked.length })}
      </Button>
      <Select
        className="programme-plan-zone"
        value={null}
        placeholder={t('programme.plan.addZone')}
        disabled={zones.length === 0}
        options={zones.map((z) => ({ value: z.properties.id, label: `${z.properties.name}（${z.properties.estateIds.length}）` }))}
        onChange={(zoneId: number) => add(zones.find((z) => z.properties.id === zoneId)?.properties.estateIds ?? [])}
        aria-label={t('programme.plan.addZone')}
        data-testid="plan-add-zone"
      />
    </div>
  );
}
