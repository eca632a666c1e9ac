/** A project's renovation items (改造内容): quantity, unit and estimated cost; planners add and remove them. */
import { Button, InputNumber, Select } from 'antd';
import type { ProjectRef } from '../../../../core/contract/index';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RENOVATION_CATEGORY_LABELS, RENOVATION_ITEM_TYPES, renovationItemType } from '../../../../core/programme/renovation-items';
import { addItem, deleteItem, fetchItems } from '../../api';
import { formatNumber, formatYuan } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { useCan } from '../../state/use-can';
import { ProjectRowList } from './ProjectRowList';
import { useProjectRows } from './use-project-rows';

export function ProjectItems({ project }: { project: ProjectRef }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const canEdit = useCan('progress.write');
  const { rows, busy, write } = useProjectRows(project, fetchItems);
  const [itemType, setItemType] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | null>(null);
  const [costWan, setCostWan] = useState<number | null>(null);
  const total = rows.reduce((sum, row) => sum + row.estimatedCostYuan, 0);
  const type = itemType === null ? undefined : renovationItemType(itemType);

  const add = async () => {
    if (itemType === null || quantity === null || costWan === null) return;
    if (await write(() => addItem({ ...project, itemType, quantity, estimatedCostYuan: costWan * 1e4 }))) {
      setQuantity(null);
      setCostWan(null);
    }
  };

  return (
    <ProjectRowList
      testId="project-items"
      title={t('programme.items.title', { total: formatYuan(total, language) })}
      lines={rows.map((row) => ({
        id: row.id,
        label: renovationItemType(row.itemType)?.label[language] ?? row.itemType,
        detail: `${row.date} · ${formatNumber(row.quantity, language)} ${row.unit} · ${formatYuan(row.estimatedCostYuan, language)}`,
      }))}
      canEdit={canEdit}
      busy={busy}
      onRemove={(id) => void write(() => deleteItem(id))}
    >
      <Select
        size="small"
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('programme.items.type')}
        value={itemType ?? undefined}
        onChange={(value: string) => setItemType(value)}
        options={(['basic', 'improvement', 'upgrade'] as const).map((category) => ({
          label: RENOVATION_CATEGORY_LABELS[category][language],
          options: RENOVATION_ITEM_TYPES.filter((i) => i.category === category).map((i) => ({ value: i.id, label: i.label[language] })),
        }))}
        aria-label={t('programme.items.type')}
        data-testid="item-type"
      />
      <InputNumber
        size="small"
        min={0}
        value={quantity}
        onChange={setQuantity}
        suffix={type?.unit[language]}
        placeholder={t('programme.items.quantity')}
        aria-label={t('programme.items.quantity')}
        data-testid="item-quantity"
      />
      <InputNumber
        size="small"
        min={0}
        value={costWan}
        onChange={setCostWan}
        suffix={t('programme.chart.tenThousandYuan')}
        placeholder={t('programme.items.cost')}
        aria-label={t('programme.items.cost')}
        data-testid="item-cost"
      />
      <Button
        size="small"
        loading={busy}
        disabled={itemType === null || !quantity || costWan === null}
        onClick={() => void add()}
        data-testid="item-add"
      >
        {t('programme.rows.add')}
      </Button>
    </ProjectRowList>
  );
}
