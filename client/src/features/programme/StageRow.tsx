/** One stage in the administrator's list: colour, both names, move up or down, remove. */
import { Button, ColorPicker, Input, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { ANCHOR_STAGES, type StageDefinition } from '../../../../core/programme/stages';
import { useAtlasStore } from '../../state/atlas-store';

export interface StageRowProps {
  stage: StageDefinition;
  index: number;
  count: number;
  inUse: boolean;
  onChange(patch: Partial<Omit<StageDefinition, 'id'>>): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

const isAnchor = (id: string): boolean => (ANCHOR_STAGES as readonly string[]).includes(id);

export function StageRow({ stage, index, count, inUse, onChange, onMove, onRemove }: StageRowProps) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const name = stage.label[language] || t('stages.newStage');
  const keep = isAnchor(stage.id) ? t('stages.anchor') : inUse ? t('stages.inUse') : null;
  const testId = stage.id === '' ? `stage-row-new-${index}` : `stage-row-${stage.id}`;

  return (
    <li className="stage-row" data-testid={testId}>
      <ColorPicker
        value={stage.colour}
        disabledAlpha
        format="hex"
        onChange={(colour) => onChange({ colour: colour.toHexString() })}
        aria-label={t('stages.colour', { name })}
      />
      <Input
        className="stage-row-name"
        value={stage.label.zh}
        maxLength={20}
        placeholder={t('stages.nameZh')}
        aria-label={`${t('stages.nameZh')} ${name}`}
        data-testid={`${testId}-zh`}
        onChange={(e) => onChange({ label: { ...stage.label, zh: e.target.value } })}
      />
      <Input
        className="stage-row-name"
        value={stage.label.en}
        maxLength={40}
        placeholder={t('stages.nameEn')}
        aria-label={`${t('stages.nameEn')} ${name}`}
        data-testid={`${testId}-en`}
        onChange={(e) => onChange({ label: { ...stage.label, en: e.target.value } })}
      />
      <span className="stage-row-actions">
        <Button size="small" disabled={index === 0} aria-label={t('stages.moveUp', { name })} onClick={() => onMove(-1)}>
          ↑
        </Button>
        <Button
          size="small"
          disabled={index === count - 1}
          aria-label={t('stages.moveDown', { name })}
          data-testid={`${testId}-down`}
          onClick={() => onMove(1)}
        >
          ↓
        </Button>
        <Tooltip title={keep}>
          <Button
            size="small"
            danger
            disabled={keep !== null}
            aria-label={t('stages.remove', { name })}
            data-testid={`${testId}-remove`}
            onClick={onRemove}
          >
            ✕
          </Button>
        </Tooltip>
      </span>
    </li>
  );
}
