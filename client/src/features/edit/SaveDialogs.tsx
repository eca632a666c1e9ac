/**
 * The dialogs of a refused save: an overlap with other estates (save anyway or keep editing) and
 * a version conflict (someone else saved first: reload theirs, or compare field by field).
 */
import { Button, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EstateFieldsInput } from '../../../../core/estate-schema';
import type { EstateApiFeature, EstateOverlap } from '../../api';
import { formatNumber } from '../../shared/format';
import type { Language } from '../../shared/i18n/languages';
import { compareRows, type CompareRow } from './compare';
import type { SaveDialog } from './edit-form-session';
import { fieldLabel } from './field-labels';

export interface SaveDialogsProps {
  dialog: SaveDialog | null;
  language: Language;
  mine: EstateFieldsInput;
  geometryChanged: boolean;
  onSaveAnyway(): void;
  onKeepEditing(): void;
  onReloadTheirs(current: EstateApiFeature | null): void;
  onKeepMine(current: EstateApiFeature): void;
}

export function SaveDialogs(props: SaveDialogsProps) {
  const { dialog } = props;
  if (!dialog) return null;
  return dialog.kind === 'overlap' ? (
    <OverlapDialog {...props} overlaps={dialog.overlaps} />
  ) : (
    <ConflictDialog {...props} dialog={dialog} />
  );
}

function OverlapDialog(props: SaveDialogsProps & { overlaps: EstateOverlap[] }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('edit.overlapTitle')}
      onCancel={props.onKeepEditing}
      footer={[
        <Button key="keep" onClick={props.onKeepEditing} data-testid="overlap-keep-editing">
          {t('edit.keepEditing')}
        </Button>,
        <Button key="save" type="primary" danger onClick={props.onSaveAnyway} data-testid="overlap-save-anyway">
          {t('edit.saveAnyway')}
        </Button>,
      ]}
    >
      <div data-testid="overlap-dialog">
        <p>{t('edit.overlapBody')}</p>
        <ul>
          {props.overlaps.map((o) => (
            <li key={o.id}>{t('edit.overlapItem', { name: o.name, area: formatNumber(o.overlapM2, props.language, 1) })}</li>
          ))}
        </ul>
      </div>
    </Modal>
  );
}

function ConflictDialog(props: SaveDialogsProps & { dialog: Extract<SaveDialog, { kind: 'conflict' }> }) {
  const { t } = useTranslation();
  const [comparing, setComparing] = useState(false);
  const { current, mineVersion } = props.dialog;
  const rows: CompareRow[] = current ? compareRows(props.mine, current, props.geometryChanged) : [];
  const show = (value: string | null) => value ?? t('estate.empty');
  const footer = current
    ? [
        <Button key="reload" onClick={() => props.onReloadTheirs(current)} data-testid="conflict-reload">
          {comparing ? t('edit.useTheirs') : t('edit.reloadTheirs')}
        </Button>,
        comparing ? (
          <Button key="mine" type="primary" onClick={() => props.onKeepMine(current)} data-testid="conflict-keep-mine">
            {t('edit.keepMine')}
          </Button>
        ) : (
          <Button key="compare" type="primary" onClick={() => setComparing(true)} data-testid="conflict-compare">
            {t('edit.compare')}
          </Button>
        ),
      ]
    : [
        <Button key="close" type="primary" onClick={() => props.onReloadTheirs(null)} data-testid="conflict-reload">
          {t('edit.close')}
        </Button>,
      ];
  return (
    <Modal open title={t('edit.conflictTitle')} onCancel={props.onKeepEditing} footer={footer} width={comparing ? 640 : 460}>
      <div data-testid="conflict-dialog">
        <Typography.Paragraph>
          {current ? t('edit.conflictBody', { theirs: current.properties.version, mine: mineVersion }) : t('edit.conflictDeleted')}
        </Typography.Paragraph>
        {comparing ? (
          <Table<CompareRow>
            data-testid="conflict-compare-table"
            size="small"
            pagination={false}
            rowKey="field"
            dataSource={rows}
            columns={[
              { title: t('edit.field'), key: 'field', render: (_, row) => fieldLabel(t, row.field, props.language) },
              {
                title: t('edit.mine'),
                key: 'mine',
                render: (_, row) => (row.field === 'geometry' ? t('edit.geometryChanged') : show(row.mine)),
              },
              { title: t('edit.theirs'), key: 'theirs', render: (_, row) => show(row.theirs) },
            ]}
          />
        ) : null}
      </div>
    </Modal>
  );
}
