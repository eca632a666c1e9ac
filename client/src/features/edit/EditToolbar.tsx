/** The editing toolbar over the map's top-left corner, beside the zoom buttons. */
import { Button, Tooltip } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TOOLBAR_ACTIONS, type ToolbarAction } from './edit-toolbar-actions';

export interface EditToolbarProps {
  /** Actions shown; the others are hidden (e.g. "add part" outside a session). */
  visible: Readonly<Record<ToolbarAction, boolean>>;
  enabled: Readonly<Record<ToolbarAction, boolean>>;
  /** Tooltip replacing the usual one when an action is disabled for a reason. */
  disabledReason: Partial<Record<ToolbarAction, string>>;
  saving: boolean;
  onAction(action: ToolbarAction): void;
}

const TEST_IDS: Readonly<Record<ToolbarAction, string>> = {
  create: 'edit-create',
  edit: 'edit-edit',
  addPart: 'edit-add-part',
  delete: 'edit-delete',
  undo: 'edit-undo',
  redo: 'edit-redo',
  save: 'edit-save',
  cancel: 'edit-cancel',
};

export function EditToolbar(props: EditToolbarProps) {
  const { t } = useTranslation();
  // A clicked button's tip closes and stays closed until the pointer leaves it: it would otherwise
  // linger over the status box (the drawing hint) that the click has just opened.
  const [tipOpen, setTipOpen] = useState<ToolbarAction | null>(null);
  const clicked = useRef<ToolbarAction | null>(null);
  return (
    <div className="atlas-edit-toolbar" role="toolbar" aria-label={t('edit.toolbar')} data-testid="edit-toolbar">
      {TOOLBAR_ACTIONS.filter((action) => props.visible[action]).map((action) => {
        const enabled = props.enabled[action];
        const tip = (!enabled && props.disabledReason[action]) || t(`edit.${action}Tip`);
        return (
          <Tooltip
            key={action}
            title={tip}
            placement="bottom"
            mouseEnterDelay={0.4}
            open={tipOpen === action}
            onOpenChange={(open) => {
              if (open && clicked.current === action) return;
              setTipOpen(open ? action : null);
            }}
          >
            {/* The span keeps the tooltip working on a disabled button. */}
            <span
              className="atlas-edit-button-wrap"
              onPointerLeave={() => {
                if (clicked.current === action) clicked.current = null;
              }}
            >
              <Button
                size="small"
                type={action === 'save' ? 'primary' : action === 'create' ? 'primary' : 'default'}
                ghost={action === 'create'}
                danger={action === 'delete'}
                disabled={!enabled}
                loading={action === 'save' && props.saving}
                data-testid={TEST_IDS[action]}
                onClick={() => {
                  clicked.current = action;
                  setTipOpen(null);
                  props.onAction(action);
                }}
              >
                {t(`edit.${action}`)}
              </Button>
            </span>
          </Tooltip>
        );
      })}
    </div>
  );
}
