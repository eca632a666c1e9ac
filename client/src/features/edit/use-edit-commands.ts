/**
 * What the toolbar and the dialogs do: start, cancel, save and delete a session. A write's stored
 * estate is spliced into the store (estateStored / estateRemoved), not reloaded with everything else.
 */
import { App as AntApp } from 'antd';
import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { selfIntersections } from '../../../../core/geometry/self-intersections';
import { deleteEstate, EstateWriteError, type EstateApiFeature } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { isFormDirty, type EditFormAction, type EditFormState } from './edit-form-session';
import { canUndo } from './edit-history';
import { currentParts, saveBlocker } from './edit-session';
import { useEditStore } from './edit-store';
import type { ToolbarAction } from './edit-toolbar-actions';
import { fieldLabel } from './field-labels';
import { EMPTY_FORM_VALUES, formFieldOf, formValuesOf, writePropertiesOf, type FieldErrors } from './form-model';
import { problemMessage } from '../../../../core/problems';
import { buildSaveRequest, sendSaveRequest } from './save-estate';

export interface EditCommandsInput {
  selected: EstateApiFeature | undefined;
  form: EditFormState;
  dispatch: Dispatch<EditFormAction>;
  clientErrors: FieldErrors;
}

export interface EditCommands {
  onAction(action: ToolbarAction): void;
  save(options?: { allowOverlap?: boolean }): Promise<void>;
  reloadTheirs(theirs: EstateApiFeature | null): void;
  keepMine(theirs: EstateApiFeature): void;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useEditCommands({ selected, form, dispatch, clientErrors }: EditCommandsInput): EditCommands {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();

  /** Ends the session; a saved estate replaces the stored one in the store (the summary follows). */
  const finish = (saved: EstateApiFeature | null, selectId: number | null) => {
    useEditStore.getState().endSession();
    dispatch({ type: 'closeDialog' });
    const atlas = useAtlasStore.getState();
    if (saved) atlas.estateStored(saved);
    if (selectId !== null) atlas.selectEstate(selectId);
    else atlas.clearSelection();
  };

  const startCreate = () => {
    useAtlasStore.getState().clearSelection();
    dispatch({ type: 'reset', values: EMPTY_FORM_VALUES });
    useEditStore.getState().startCreate();
  };

  const startEdit = () => {
    if (!selected) {
      void message.info(t('edit.needsSelection'));
      return;
    }
    dispatch({ type: 'reset', values: formValuesOf(selected.properties) });
    useEditStore.getState().startEdit(selected);
    useAtlasStore.getState().clearSelection();
  };

  const cancel = () => {
    const current = useEditStore.getState().session;
    if (!current) return;
    const discard = () => finish(null, current.original?.id ?? null);
    if (!(canUndo(current.history) || current.sketching || isFormDirty(form))) {
      discard();
      return;
    }
    modal.confirm({
      title: t('edit.discardTitle'),
      okText: t('edit.discard'),
      okButtonProps: { danger: true, 'data-testid': 'edit-discard-ok' },
      cancelText: t('edit.keepEditing'),
      onOk: discard,
    });
  };

  const showSaveError = (error: unknown, base: EstateApiFeature | null) => {
    if (!(error instanceof EstateWriteError)) {
      void message.error(t('edit.saveFailed', { reason: reasonOf(error) }));
      return;
    }
    const { problem } = error;
    const language = useAtlasStore.getState().language;
    switch (problem.kind) {
      case 'overlap':
        dispatch({ type: 'openDialog', dialog: { kind: 'overlap', overlaps: problem.overlaps } });
        return;
      case 'version_conflict':
        dispatch({
          type: 'openDialog',
          dialog: { kind: 'conflict', current: problem.current, mineVersion: base?.properties.version ?? 0 },
        });
        return;
      case 'invalid_geometry':
        void message.error({ content: t('edit.invalidGeometry', { reason: error.messageIn(language) }), duration: 8 });
        return;
      case 'invalid_request': {
        // The server names each field with its rule; word each in the UI language beside its control.
        for (const issue of error.fieldIssues()) {
          const field = formFieldOf(issue.field);
          if (field) dispatch({ type: 'serverError', field, message: problemMessage(issue.code, issue.params, language, issue.message) });
        }
        void message.error(t('edit.saveFailed', { reason: error.messageIn(language) }));
        return;
      }
      case 'not_found':
      case 'other':
        void message.error(t('edit.saveFailed', { reason: error.messageIn(language) }));
    }
  };

  const save = async (options: { allowOverlap?: boolean } = {}) => {
    const current = useEditStore.getState().session;
    if (!current || useEditStore.getState().saving) return;
    if (saveBlocker(current, selfIntersections(currentParts(current)).length)) return;
    if (Object.keys(clientErrors).length > 0) {
      dispatch({ type: 'showAllErrors' });
      void message.error(
        t('edit.formInvalid', {
          fields: Object.keys(clientErrors)
            .map((f) => fieldLabel(t, f, useAtlasStore.getState().language))
            .join('、'),
        }),
      );
      return;
    }
    const base = current.original;
    const request = buildSaveRequest(base, current.history.present, writePropertiesOf(form.values));
    useEditStore.getState().setSaving(true);
    try {
      const saved = await sendSaveRequest(request, options.allowOverlap ?? false);
      if (saved) void message.success(t('edit.saved', { name: saved.properties.name }));
      finish(saved, saved?.id ?? base?.id ?? null);
    } catch (error) {
      useEditStore.getState().setSaving(false);
      showSaveError(error, base);
    }
  };

  const reloadTheirs = (theirs: EstateApiFeature | null) => {
    dispatch({ type: 'closeDialog' });
    if (!theirs) {
      // The conflict had no current record: someone deleted the estate, so it leaves the store too.
      const goneId = useEditStore.getState().session?.original?.id ?? null;
      finish(null, null);
      if (goneId !== null) useAtlasStore.getState().estateRemoved(goneId);
      return;
    }
    dispatch({ type: 'reset', values: formValuesOf(theirs.properties) });
    useEditStore.getState().rebaseOn(theirs);
  };

  const keepMine = (theirs: EstateApiFeature) => {
    dispatch({ type: 'closeDialog' });
    useEditStore.getState().adoptBase(theirs);
    void save();
  };

  const remove = () => {
    const target = useEditStore.getState().session?.original ?? selected;
    if (!target) {
      void message.info(t('edit.needsSelection'));
      return;
    }
    modal.confirm({
      title: t('edit.deleteConfirmTitle', { name: target.properties.name }),
      content: t('edit.deleteConfirmBody'),
      okText: t('edit.delete'),
      okButtonProps: { danger: true, 'data-testid': 'edit-delete-ok' },
      cancelText: t('edit.cancel'),
      onOk: async () => {
        try {
          await deleteEstate(target.id, target.properties.version);
          void message.success(t('edit.deleted', { name: target.properties.name }));
          useEditStore.getState().endSession();
          useAtlasStore.getState().clearSelection();
          useAtlasStore.getState().estateRemoved(target.id);
        } catch (error) {
          void message.error(t('edit.deleteFailed', { reason: reasonOf(error) }));
        }
      },
    });
  };

  const onAction = (action: ToolbarAction) => {
    const edit = useEditStore.getState();
    switch (action) {
      case 'create':
        return startCreate();
      case 'edit':
        return startEdit();
      case 'addPart':
        return edit.setTool('draw');
      case 'delete':
        return remove();
      case 'undo':
        return edit.undo();
      case 'redo':
        return edit.redo();
      case 'save':
        return void save();
      case 'cancel':
        return cancel();
    }
  };

  return { onAction, save, reloadTheirs, keepMine };
}
