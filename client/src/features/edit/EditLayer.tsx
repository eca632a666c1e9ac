/**
 * The planner's workbench on the map: toolbar, drawing surface, live area and warnings, the
 * attribute form and the dialogs of a refused save. Mounted by MapView once the map exists.
 * Nothing reaches the server until Save; Cancel discards the session. The flows are pure
 * session modules (edit-session.ts for the geometry, edit-form-session.ts for the form); this
 * component renders them and wires the hooks.
 */
import { Alert } from 'antd';
import { memo, useMemo, useReducer, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { areaOfPartsM2 } from '../../../../core/geometry/area-of-parts';
import { partsOf } from '../../../../core/geometry/polygon-parts';
import { selfIntersections } from '../../../../core/geometry/self-intersections';
import type { MapAdapter } from '../../map/map-adapter';
import type { AtlasData } from '../../state/data-slice';
import { useAtlasStore } from '../../state/atlas-store';
import { useRefusal } from '../../state/use-can';
import { editFormReducer, initialEditForm, shownErrors } from './edit-form-session';
import { sameParts } from './edit-history';
import { currentParts, saveBlocker } from './edit-session';
import { useEditStore } from './edit-store';
import { readOnlyToolbar, toolbarState, WRITE_ACTIONS, type ToolbarAction } from './edit-toolbar-actions';
import { EditStatus } from './EditStatus';
import { EditToolbar } from './EditToolbar';
import { EstateFormPanel, FORM_PANEL_WIDTH_PX } from './EstateFormPanel';
import { validateFormValues, writePropertiesOf } from './form-model';
import { SaveDialogs } from './SaveDialogs';
import { useCommunityNames } from './use-community-names';
import { useDrawSurface } from './use-draw-surface';
import { useEditCommands } from './use-edit-commands';
import { useEditShortcuts } from './use-edit-shortcuts';
import './edit.css';

/** Space kept between the toolbar and the map's edge or a side panel. */
const OVERLAY_GAP_PX = 12;

interface EditLayerProps {
  atlas: MapAdapter;
  data: AtlasData;
  /** Shown under the toolbar in the same column, so the two can never overlap (the placement banner). */
  notice?: ReactNode;
}

export const EditLayer = memo(function EditLayer({ atlas, data, notice }: EditLayerProps) {
  const { t } = useTranslation();
  const session = useEditStore((s) => s.session);
  const saving = useEditStore((s) => s.saving);
  const language = useAtlasStore((s) => s.language);
  const selectedEstateId = useAtlasStore((s) => s.selectedEstateId);
  const facilityPanelOpen = useAtlasStore((s) => s.selectedFacilityId !== null);
  const [form, dispatch] = useReducer(editFormReducer, initialEditForm);

  const estates = data.estates.features;
  const selected = selectedEstateId === null ? undefined : estates.find((f) => f.id === selectedEstateId);
  useDrawSurface(atlas, estates);

  const parts = useMemo(() => (session ? currentParts(session) : []), [session]);
  const areaM2 = useMemo(() => areaOfPartsM2(parts), [parts]);
  const crossings = useMemo(() => selfIntersections(parts), [parts]);
  const blocker = session ? saveBlocker(session, crossings.length) : null;
  const clientErrors = useMemo(() => validateFormValues(form.values, new Date().getFullYear(), language), [form.values, language]);

  const commands = useEditCommands({ selected, form, dispatch, clientErrors });
  // A role without ledger.write gets no writes, from the toolbar or the keyboard (the server refuses them too).
  const refusal = useRefusal('ledger.write');
  const onAction = (action: ToolbarAction) => {
    if (refusal === null || !WRITE_ACTIONS.includes(action)) commands.onAction(action);
  };
  useEditShortcuts(onAction);
  const toolbar = toolbarState(session, Boolean(selected), saving, blocker);

  const active = session !== null;
  const communitiesLoading = useCommunityNames(active);
  const blockerText = blocker
    ? blocker === 'selfIntersection'
      ? t('edit.selfIntersection', { count: crossings.length })
      : t(`edit.${blocker}`)
    : null;
  const geometryChanged = session?.original ? !sameParts(partsOf(session.original.geometry).parts, session.history.present) : true;

  // The estate or facility panel or the form covers the map's right side; the column stays left of it.
  const rightPanelOpen = active || selected !== undefined || facilityPanelOpen;

  return (
    <>
      <div className="atlas-edit-overlay" style={{ right: rightPanelOpen ? FORM_PANEL_WIDTH_PX + OVERLAY_GAP_PX : OVERLAY_GAP_PX }}>
        <EditToolbar
          saving={saving}
          {...(refusal === null ? toolbar : readOnlyToolbar(toolbar))}
          disabledReason={
            refusal === null
              ? {
                  edit: active ? undefined : t('edit.needsSelection'),
                  delete: active ? undefined : t('edit.needsSelection'),
                  save: blockerText ?? undefined,
                }
              : { create: refusal, edit: refusal, delete: refusal }
          }
          onAction={onAction}
        />
        {session ? (
          <EditStatus tool={session.tool} areaM2={areaM2} crossingCount={crossings.length} blockerText={blockerText} language={language} />
        ) : null}
        <div className="atlas-edit-notice">{notice}</div>
      </div>
      <EstateFormPanel
        open={active}
        isNew={!session?.original}
        values={form.values}
        onChange={(values) => dispatch({ type: 'change', values })}
        errors={shownErrors(form, clientErrors)}
        landAreaM2={areaM2}
        cutoffYear={data.config.eligibilityCutoffYear}
        subdistricts={data.subdistricts}
        communities={data.communities}
        communitiesLoading={communitiesLoading}
        language={language}
        notice={session?.hadHoles ? <Alert type="warning" showIcon className="atlas-edit-alert" title={t('edit.holesDropped')} /> : null}
      />
      <SaveDialogs
        dialog={form.dialog}
        language={language}
        mine={writePropertiesOf(form.values)}
        geometryChanged={geometryChanged}
        onSaveAnyway={() => {
          dispatch({ type: 'closeDialog' });
          void commands.save({ allowOverlap: true });
        }}
        onKeepEditing={() => dispatch({ type: 'closeDialog' })}
        onReloadTheirs={commands.reloadTheirs}
        onKeepMine={commands.keepMine}
      />
    </>
  );
});
