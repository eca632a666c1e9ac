/**
 * The planner's workbench on the map: toolbar, drawing surface, live area and warnings, the
 * attribute form and the dialogs of a refused save. Mounted by MapView once the map exists.
 * Nothing reaches the server until Save; Cancel discards the session.
 */
import { Alert, App as AntApp } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteEstate, EstateWriteError, type EstateApiFeature } from '../../api';
import { formatNumber, m2ToMu } from '../../shared/format';
import type { AtlasMap } from '../../map/atlas-map';
import type { AtlasData } from '../../state/data-slice';
import { useAtlasStore } from '../../state/atlas-store';
import { loadSummary, reloadEstates } from '../../state/load-data';
import { DrawSurface } from '../../map/draw-surface';
import { canRedo, canUndo, sameParts } from './edit-history';
import { areaOfPartsM2 } from '../../../../core/geometry/area-of-parts';
import { partsOf } from '../../../../core/geometry/polygon-parts';
import { selfIntersections } from '../../../../core/geometry/self-intersections';
import { currentParts, saveBlocker } from './edit-session';
import { useEditStore } from './edit-store';
import { EditToolbar, type ToolbarAction } from './EditToolbar';
import { EstateFormPanel } from './EstateFormPanel';
import {
  EMPTY_FORM_VALUES,
  fieldNamedIn,
  formValuesOf,
  validateFormValues,
  writePropertiesOf,
  type EstateFormValues,
  type FieldErrors,
  type FormField,
} from './form-model';
import { buildSaveRequest, sendSaveRequest } from './save-estate';
import { SaveDialogs, type SaveDialog } from './SaveDialogs';
import { fieldLabel } from './field-labels';
import { buildSnapIndex } from '../../../../core/geometry/snap-to-estates';
import './edit.css';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function changedFields(before: EstateFormValues, after: EstateFormValues): FormField[] {
  return (Object.keys(after) as FormField[]).filter((key) => after[key] !== before[key]);
}

export function EditLayer({ atlas, data }: { atlas: AtlasMap; data: AtlasData }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const session = useEditStore((s) => s.session);
  const saving = useEditStore((s) => s.saving);
  const language = useAtlasStore((s) => s.language);
  const selectedEstateId = useAtlasStore((s) => s.selectedEstateId);

  const [values, setValues] = useState<EstateFormValues>(EMPTY_FORM_VALUES);
  const [initialValues, setInitialValues] = useState<EstateFormValues>(EMPTY_FORM_VALUES);
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [showAllErrors, setShowAllErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [dialog, setDialog] = useState<SaveDialog | null>(null);
  const surfaceRef = useRef<DrawSurface | null>(null);

  const estates = data.estates.features;
  const selected = selectedEstateId === null ? undefined : estates.find((f) => f.id === selectedEstateId);
  const snapIndex = useMemo(() => buildSnapIndex(estates), [estates]);
  const snapIndexRef = useRef(snapIndex);
  useEffect(() => {
    snapIndexRef.current = snapIndex;
  }, [snapIndex]);

  // The drawing surface lives as long as the session; deck.gl gives up the pointer meanwhile.
  const active = session !== null;
  const editedId = session?.original?.id ?? null;
  useEffect(() => {
    if (!active) return;
    atlas.setInteractive(false);
    atlas.setHiddenEstateIds(editedId === null ? [] : [editedId]);
    useAtlasStore.getState().setHovered(null);
    const edit = useEditStore.getState();
    const surface = new DrawSurface({
      map: atlas.maplibre,
      snapIndex: () => snapIndexRef.current,
      excludeEstateId: editedId,
      callbacks: {
        onLive: (parts, sketching) => edit.setLive(parts, sketching),
        onCommit: (parts) => edit.commitParts(parts),
        onPolygonClosed: () => edit.setTool('select'),
      },
    });
    surfaceRef.current = surface;
    return () => {
      surface.destroy();
      surfaceRef.current = null;
      atlas.setHiddenEstateIds([]);
      atlas.setInteractive(true);
    };
  }, [active, atlas, editedId]);

  // Load the history's present into the surface on start, undo and redo; switch tools.
  const revision = session?.revision ?? 0;
  const tool = session?.tool ?? null;
  const loadedRevision = useRef(0);
  useEffect(() => {
    const surface = surfaceRef.current;
    const current = useEditStore.getState().session;
    if (!surface || !current) {
      loadedRevision.current = 0;
      return;
    }
    if (loadedRevision.current !== revision) {
      loadedRevision.current = revision;
      surface.load(current.history.present);
    }
    if (tool === 'draw') surface.startDrawing();
    else surface.startSelecting();
  }, [revision, tool, editedId]);

  const parts = useMemo(() => (session ? currentParts(session) : []), [session]);
  const areaM2 = useMemo(() => areaOfPartsM2(parts), [parts]);
  const crossings = useMemo(() => selfIntersections(parts), [parts]);
  const blocker = session ? saveBlocker(session, crossings.length) : null;

  const clientErrors = useMemo(() => validateFormValues(values), [values]);
  const shownErrors: FieldErrors = { ...serverErrors };
  for (const [field, text] of Object.entries(clientErrors) as [FormField, string][]) {
    if (showAllErrors || touched.has(field)) shownErrors[field] = text;
  }

  const resetForm = useCallback((next: EstateFormValues) => {
    setValues(next);
    setInitialValues(next);
    setTouched(new Set());
    setShowAllErrors(false);
    setServerErrors({});
    setDialog(null);
  }, []);

  const onFormChange = (next: EstateFormValues) => {
    const changed = changedFields(values, next);
    setTouched((old) => new Set([...old, ...changed]));
    setServerErrors((old) => {
      const copy = { ...old };
      for (const field of changed) delete copy[field];
      return copy;
    });
    setValues(next);
  };

  const isDirty = (): boolean => {
    const current = useEditStore.getState().session;
    if (!current) return false;
    return canUndo(current.history) || current.sketching || changedFields(initialValues, values).length > 0;
  };

  const finish = useCallback(
    async (saved: EstateApiFeature | null, selectId: number | null) => {
      useEditStore.getState().endSession();
      setDialog(null);
      const { selectEstate, clearSelection, subdistrictFilter } = useAtlasStore.getState();
      if (saved) {
        try {
          await reloadEstates();
        } catch (error) {
          void message.error(error instanceof Error ? error.message : String(error));
        }
        void loadSummary(subdistrictFilter);
      }
      if (selectId !== null) selectEstate(selectId);
      else clearSelection();
    },
    [message],
  );

  const startCreate = () => {
    useAtlasStore.getState().clearSelection();
    resetForm(EMPTY_FORM_VALUES);
    useEditStore.getState().startCreate();
  };

  const startEdit = () => {
    if (!selected) {
      void message.info(t('edit.needsSelection'));
      return;
    }
    resetForm(formValuesOf(selected.properties));
    useEditStore.getState().startEdit(selected);
    useAtlasStore.getState().clearSelection();
  };

  const cancel = () => {
    const current = useEditStore.getState().session;
    if (!current) return;
    const discard = () => void finish(null, current.original?.id ?? null);
    if (!isDirty()) {
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

  const save = async (options: { allowOverlap?: boolean } = {}) => {
    const current = useEditStore.getState().session;
    if (!current || useEditStore.getState().saving) return;
    if (saveBlocker(current, selfIntersections(currentParts(current)).length)) return;
    if (Object.keys(clientErrors).length > 0) {
      setShowAllErrors(true);
      void message.error(t('edit.formInvalid', { fields: Object.keys(clientErrors).map((f) => fieldLabel(t, f)).join('、') }));
      return;
    }
    const base = current.original;
    const properties = writePropertiesOf(values);
    const request = buildSaveRequest(base, current.history.present, properties);
    useEditStore.getState().setSaving(true);
    try {
      const saved = await sendSaveRequest(request, options.allowOverlap ?? false);
      if (saved) void message.success(t('edit.saved', { name: saved.properties.name }));
      await finish(saved, saved?.id ?? base?.id ?? null);
    } catch (error) {
      useEditStore.getState().setSaving(false);
      showSaveError(error, base);
    }
  };

  const showSaveError = (error: unknown, base: EstateApiFeature | null) => {
    if (!(error instanceof EstateWriteError)) {
      void message.error(t('edit.saveFailed', { reason: error instanceof Error ? error.message : String(error) }));
      return;
    }
    const { problem } = error;
    switch (problem.kind) {
      case 'overlap':
        setDialog({ kind: 'overlap', overlaps: problem.overlaps });
        return;
      case 'version_conflict':
        setDialog({ kind: 'conflict', current: problem.current, mineVersion: base?.properties.version ?? 0 });
        return;
      case 'invalid_geometry':
        void message.error({ content: t('edit.invalidGeometry', { reason: error.message }), duration: 8 });
        return;
      case 'invalid_request': {
        const field = fieldNamedIn(error.message);
        if (field) {
          setServerErrors((old) => ({ ...old, [field]: error.message }));
          setShowAllErrors(true);
        }
        void message.error(t('edit.saveFailed', { reason: error.message }));
        return;
      }
      case 'not_found':
      case 'other':
        void message.error(t('edit.saveFailed', { reason: error.message }));
    }
  };

  const reloadTheirs = (theirs: EstateApiFeature | null) => {
    setDialog(null);
    if (!theirs) {
      void finish(null, null).then(() => reloadEstates().catch(() => undefined));
      return;
    }
    resetForm(formValuesOf(theirs.properties));
    useEditStore.getState().rebaseOn(theirs);
  };

  const keepMine = (theirs: EstateApiFeature) => {
    setDialog(null);
    useEditStore.getState().adoptBase(theirs);
    void save();
  };

  const remove = () => {
    const target = session?.original ?? selected;
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
          await reloadEstates();
          void loadSummary(useAtlasStore.getState().subdistrictFilter);
        } catch (error) {
          void message.error(t('edit.deleteFailed', { reason: error instanceof Error ? error.message : String(error) }));
        }
      },
    });
  };

  const onAction = (action: ToolbarAction) => {
    const edit = useEditStore.getState();
    switch (action) {
      case 'create':
        startCreate();
        return;
      case 'edit':
        startEdit();
        return;
      case 'addPart':
        edit.setTool('draw');
        return;
      case 'delete':
        remove();
        return;
      case 'undo':
        edit.undo();
        return;
      case 'redo':
        edit.redo();
        return;
      case 'save':
        void save();
        return;
      case 'cancel':
        cancel();
    }
  };

  // Keyboard shortcuts; the latest handlers are read through a ref so the listener is added once.
  const onActionRef = useRef(onAction);
  useEffect(() => {
    onActionRef.current = onAction;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const current = useEditStore.getState().session;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's' && current) {
        event.preventDefault();
        onActionRef.current('save');
        return;
      }
      if (isTyping(event.target) || document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return;
      if (current && mod && (key === 'z' || key === 'y')) {
        event.preventDefault();
        if (current.sketching) return;
        onActionRef.current(key === 'y' || event.shiftKey ? 'redo' : 'undo');
        return;
      }
      if (mod || event.altKey) return;
      // Terra Draw cancels a half-drawn polygon on Escape itself; Escape otherwise ends the session.
      if (key === 'escape' && current && !current.sketching) {
        // Escape leaves "add part" first; a second Escape ends the session.
        if (current.tool === 'draw' && current.history.present.length > 0) useEditStore.getState().setTool('select');
        else onActionRef.current('cancel');
      }
      else if (key === 'n' && !current) onActionRef.current('create');
      else if (key === 'e' && !current) onActionRef.current('edit');
      else if (key === 'p' && current && !current.sketching) onActionRef.current('addPart');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const blockerText = blocker
    ? blocker === 'selfIntersection'
      ? t('edit.selfIntersection', { count: crossings.length })
      : t(`edit.${blocker}`)
    : null;
  const history = session?.history;
  const geometryChanged = session?.original ? !sameParts(partsOf(session.original.geometry).parts, session.history.present) : true;

  return (
    <>
      <EditToolbar
        saving={saving}
        visible={{ create: true, edit: true, addPart: active, delete: true, undo: true, redo: true, save: true, cancel: true }}
        enabled={{
          create: !active,
          edit: !active && Boolean(selected),
          addPart: active && tool === 'select',
          delete: active ? Boolean(session?.original) : Boolean(selected),
          undo: Boolean(history && canUndo(history)) && !session?.sketching,
          redo: Boolean(history && canRedo(history)) && !session?.sketching,
          save: active && blocker === null && !saving,
          cancel: active,
        }}
        disabledReason={{
          edit: active ? undefined : t('edit.needsSelection'),
          delete: active ? undefined : t('edit.needsSelection'),
          save: blockerText ?? undefined,
        }}
        onAction={onAction}
      />
      {session ? (
        <div className="atlas-edit-status" data-testid="edit-status">
          <div className="atlas-edit-hint">{tool === 'draw' ? t('edit.hintDraw') : t('edit.hintSelect')}</div>
          <div className="atlas-edit-area">
            <span className="atlas-edit-area-label">{t('edit.area')}</span>
            <span data-testid="edit-area">
              {t('edit.areaValue', { m2: formatNumber(areaM2, language), mu: formatNumber(m2ToMu(areaM2), language, 2) })}
            </span>
          </div>
          {crossings.length > 0 ? (
            <Alert
              type="error"
              showIcon
              className="atlas-edit-alert"
              data-testid="edit-self-intersection"
              title={t('edit.selfIntersection', { count: crossings.length })}
            />
          ) : blockerText ? (
            <div className="atlas-edit-reason" data-testid="edit-save-reason">
              {blockerText}
            </div>
          ) : null}
        </div>
      ) : null}
      <EstateFormPanel
        open={active}
        isNew={!session?.original}
        values={values}
        onChange={onFormChange}
        errors={shownErrors}
        landAreaM2={areaM2}
        cutoffYear={data.config.eligibilityCutoffYear}
        subdistricts={data.subdistricts}
        communities={data.communities}
        language={language}
        notice={session?.hadHoles ? <Alert type="warning" showIcon className="atlas-edit-alert" title={t('edit.holesDropped')} /> : null}
      />
      <SaveDialogs
        dialog={dialog}
        language={language}
        mine={writePropertiesOf(values)}
        geometryChanged={geometryChanged}
        onSaveAnyway={() => {
          setDialog(null);
          void save({ allowOverlap: true });
        }}
        onKeepEditing={() => setDialog(null)}
        onReloadTheirs={reloadTheirs}
        onKeepMine={keepMine}
      />
    </>
  );
}
