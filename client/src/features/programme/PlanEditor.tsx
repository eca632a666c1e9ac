/**
 * The annual plan (年度计划) a planner keeps: the year's targets and its estates by batch. Estates
 * join from the map's selection (the picked estates) or a whole zone into a chosen batch; the whole plan is saved
 * at once (PUT /api/plans/:year, versioned).
 */
import { App as AntApp, Button, DatePicker, Input, InputNumber, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanRecord } from '../../../../core/contract/index';
import { ApiError, fetchPlans, savePlan, type PlanInput } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { PlanAddMembers } from './PlanAddMembers';

type Draft = PlanInput & { year: number };

const TARGETS = ['targetEstates', 'targetHouseholds', 'targetFloorAreaM2', 'targetInvestmentYuan', 'targetProgressPct'] as const;

function draftOf(plan: PlanRecord | undefined, year: number): Draft {
  return plan
    ? { ...plan }
    : {
        year,
        name: `${year}年城镇老旧小区改造计划`,
        targetEstates: null,
        targetHouseholds: null,
        targetFloorAreaM2: null,
        targetInvestmentYuan: null,
        targetProgressPct: 50,
        targetProgressDate: `${year}-12-31`,
        estates: [],
      };
}

export function PlanEditor({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const language = useAtlasStore((s) => s.language);
  const estates = useAtlasStore((s) => s.data?.estates.features);
  const [plans, setPlans] = useState<PlanRecord[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const nameOf = (id: number) => estates?.find((f) => f.id === id)?.properties.name ?? String(id);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    fetchPlans(controller.signal)
      .then((list) => {
        setPlans(list);
        const year = Number(dayjs().format('YYYY'));
        setDraft(
          draftOf(
            list.find((p) => p.year === year),
            year,
          ),
        );
      })
      .catch(() => setPlans([]));
    return () => controller.abort();
  }, [open]);

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    try {
      const { year, ...body } = draft;
      const saved = await savePlan(year, body);
      setDraft({ ...saved });
      void message.success(t('programme.plan.saved'));
      useAtlasStore.getState().programmeChanged();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.messageIn(language) : String(error));
    } finally {
      setBusy(false);
    }
  };

  const years = [...new Set([...plans.map((p) => p.year), Number(dayjs().format('YYYY')), Number(dayjs().format('YYYY')) + 1])].sort();
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('programme.plan.title')}
      width={620}
      footer={null}
      destroyOnHidden
      data-testid="plan-editor"
    >
      {draft ? (
        <div className="programme-plan">
          <div className="programme-form-row">
            <Select
              value={draft.year}
              options={years.map((year) => ({ value: year, label: t('programme.filter.yearValue', { year }) }))}
              onChange={(year: number) =>
                setDraft(
                  draftOf(
                    plans.find((p) => p.year === year),
                    year,
                  ),
                )
              }
              aria-label={t('programme.filter.year')}
              data-testid="plan-year"
            />
            <Input
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              aria-label={t('programme.plan.name')}
            />
          </div>
          <div className="programme-plan-targets">
            {TARGETS.map((key) => (
              <label key={key} className="programme-plan-target">
                <span>{t(`programme.plan.${key}`)}</span>
                <InputNumber
                  min={0}
                  max={key === 'targetProgressPct' ? 100 : undefined}
                  value={draft[key]}
                  onChange={(value) => setDraft({ ...draft, [key]: value })}
                  data-testid={`plan-${key}`}
                />
              </label>
            ))}
            <label className="programme-plan-target">
              <span>{t('programme.plan.targetProgressDate')}</span>
              <DatePicker
                value={draft.targetProgressDate ? dayjs(draft.targetProgressDate) : null}
                onChange={(value) => setDraft({ ...draft, targetProgressDate: value ? value.format('YYYY-MM-DD') : null })}
              />
            </label>
          </div>
          <PlanAddMembers members={draft.estates} onAdd={(added) => setDraft({ ...draft, estates: [...draft.estates, ...added] })} />
          <ul className="programme-row-list programme-plan-members" data-testid="plan-members">
            {draft.estates.map((member) => (
              <li key={member.estateId}>
                <span>{nameOf(member.estateId)}</span>
                <span className="programme-note">{t('programme.filter.batchValue', { batch: member.batch })}</span>
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() => setDraft({ ...draft, estates: draft.estates.filter((e) => e.estateId !== member.estateId) })}
                >
                  {t('programme.rows.remove')}
                </Button>
              </li>
            ))}
          </ul>
          <div className="programme-form-row">
            <span className="programme-note">{t('programme.plan.count', { n: draft.estates.length })}</span>
            <Button type="primary" loading={busy} onClick={() => void save()} data-testid="plan-save">
              {t('programme.plan.save')}
            </Button>
          </div>
        </div>
      ) : null}
    </Modal>
  );
}
