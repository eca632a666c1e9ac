/** While a click on the map will place something: what, a way out (button or Esc), and why the last try was refused. */
import { Alert, Button } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import { useAtlasStore } from '../../state/atlas-store';
import type { MapPlacement } from '../../state/coverage-slice';
import type { AtlasData } from '../../state/data-slice';
import type { Language } from '../../shared/i18n/languages';

// i18next's own TFunction: react-i18next's hook type multiplies the instantiations of a large resource (TS2589).
type T = TFunction;

function placementText(placement: MapPlacement, data: AtlasData | null, language: Language, t: T): string {
  switch (placement.kind) {
    case 'whatIf':
    case 'newFacility':
      return t(`facility.placing.${placement.kind}`, { type: facilityTypeName(placement.type, language) });
    case 'gate': {
      const estate = data?.estates.features.find((f) => f.id === placement.estateId);
      return t('facility.placing.gate', { estate: estate?.properties.name ?? '' });
    }
    case 'moveFacility': {
      const facility = data?.facilities.features.find((f) => f.id === placement.id);
      return t('facility.placing.moveFacility', { name: facility?.properties.name || t('facility.unnamed') });
    }
  }
}

export function PlacementBanner() {
  const { t } = useTranslation();
  const placement = useAtlasStore((s) => s.mapPlacement);
  const error = useAtlasStore((s) => s.placementError);
  const data = useAtlasStore((s) => s.data);
  const language = useAtlasStore((s) => s.language);
  const setPlacement = useAtlasStore((s) => s.setMapPlacement);

  useEffect(() => {
    if (!placement) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setPlacement(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [placement, setPlacement]);

  if (!placement) return null;
  return (
    // Shown in the map's top-left column under the edit toolbar (EditLayer's notice slot).
    <Alert
      className="facility-placement"
      data-testid="placement-banner"
      type={error ? 'error' : 'info'}
      showIcon
      title={placementText(placement, data, language, t)}
      description={error ?? undefined}
      action={
        <Button size="small" data-testid="placement-cancel" onClick={() => setPlacement(null)}>
          {t('facility.placing.cancel')}
        </Button>
      }
    />
  );
}
