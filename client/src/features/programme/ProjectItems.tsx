/** An estate's renovation items (改造内容): quantity, unit and estimated cost; planners add and remove them. */
import { Button, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RENOVATION_CATEGORY_LABELS, RENOVATION_ITEM_TYPES, renovationItemType } from '../../../../core/programme/renovation-items';
import { addItem, deleteItem, fetchItems } from '../../api';
import { formatNumber, formatYuan } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { useCan } from '../../state/use-can';
import { useProjectRows } from './use-project-rows';

export function ProjectItems({ estateId }: { estateId: number }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const canEdit = useCan('progress.write');
  const { rows, busy, write } = useProjectRows(estateId, fetchItems);
  const [itemType, setItemType] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | null>(null);
  const [costWan, setCostWan] = useState<number | null>(null);
  const total = rows.reduce((sum, row) => sum + row.estimatedCostYuan, 0);
  const type = itemType === null ? undefined : renovationItemType(itemType);

  const add = async () => {
    if (itemType === null || quantity === null || costWan === null) return;
    if (await write(() => addItem({ estateId, itemType, quantity, estimatedCostYuan: costWan * 1e4 }))) {
      setQuantity(null);
      setCostWan(null);
    }
  };

  return (
    <section className="programme-rows" data-testid="project-items">
      <h4 className="programme-rows-title">{t('programme.items.title', { total: formatYuan(total, language) })}</h4>
      <ul className="programme-row-list">
        {rows.map((row) => (
          <li key={row.id}>
            <span>{renovationItemType(row.itemType)?.label[language] ?? row.itemType}</span>
            <span className="programme-note">
              {formatNumber(row.quantity, language)} {row.unit} · {formatYuan(row.estimatedCostYuan, language)}
            </span>
            {canEdit ? (
              <Button type="link" size="small" danger disabled={busy} onClick={() => void write(() => deleteItem(row.id))}>
                {t('programme.rows.remove')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <div className="programme-form-row">
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
        </div>
      ) : null}
    </section>
  );
}
