/** Left-hand controls: the sub-district part of the atlas filter (shared with the ledger), colour-by, layer toggles and the legends. */
import { Checkbox, Radio, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlasStore } from '../../state/atlas-store';
import { COLOUR_BY_OPTIONS, COVERAGE_COLOURINGS, isColourBy, LAYER_KEYS } from '../../map/map-types';
import { EstateLegend } from './EstateLegend';
import { FacilityLegend } from './FacilityLegend';
import { CoverageModelSwitch } from '../coverage/CoverageModelSwitch';
import { ReachTypeSelect } from '../coverage/ReachTypeSelect';
import { CoverageSummary } from '../coverage/CoverageSummary';
import { FacilityTools } from '../facilities/FacilityTools';
import { unitOptions } from '../../shared/unit-options';

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="atlas-section" data-testid={testId}>
      <h2 className="atlas-section-title">{title}</h2>
      {children}
    </section>
  );
}

/**
 * The sub-district part of the atlas filter. Its own component, like the colouring below: a change
 * of one re-renders that section alone, not the other's selects, the layer toggles and the legends.
 */
function SubdistrictFilter() {
  const { t } = useTranslation();
  const subdistricts = useAtlasStore((s) => s.data?.subdistricts);
  const loading = useAtlasStore((s) => s.status === 'loading');
  const subdistrictCodes = useAtlasStore((s) => s.filter.subdistrictCodes);
  const setFilter = useAtlasStore((s) => s.setFilter);
  const subdistrictOptions = useMemo(
    () =>
      unitOptions(
        (subdistricts?.features ?? []).map((f) => f.properties),
        true,
      ),
    [subdistricts],
  );
  return (
    <Section title={t('filter.subdistrict')}>
      <Select
        data-testid="subdistrict-filter"
        className="atlas-full-width"
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('filter.allSubdistricts')}
        value={[...subdistrictCodes]}
        options={subdistrictOptions}
        loading={loading}
        onChange={(codes: string[]) => setFilter({ subdistrictCodes: codes })}
        aria-label={t('filter.subdistrict')}
      />
    </Section>
  );
}

function ColouringSection() {
  const { t } = useTranslation();
  const tiled = useAtlasStore((s) => s.data?.config.estateSource.kind === 'tiles');
  const colourBy = useAtlasStore((s) => s.colourBy);
  const setColourBy = useAtlasStore((s) => s.setColourBy);
  const options = useMemo(
    () =>
      COLOUR_BY_OPTIONS.map((option) => ({
        value: option,
        label: t(`colourBy.${option}`),
        // A city drawn from tiles holds no per-estate life-circle results to colour by.
        disabled: tiled && COVERAGE_COLOURINGS.includes(option),
      })),
    [t, tiled],
  );
  return (
    <Section title={t('colourBy.label')}>
      {/* All seven choices in sight, each one click: a menu would take two, and its opening and closing cost more script than the recolouring. */}
      <Radio.Group
        data-testid="colour-by"
        vertical
        value={colourBy}
        options={options}
        onChange={(e) => {
          const value: unknown = e.target.value;
          if (typeof value === 'string' && isColourBy(value)) setColourBy(value);
        }}
        aria-label={t('colourBy.label')}
      />
      {colourBy === 'reach' ? <ReachTypeSelect /> : null}
      {COVERAGE_COLOURINGS.includes(colourBy) ? <CoverageModelSwitch testId="coverage-model-legend" withPlanned /> : null}
      <EstateLegend />
      {COVERAGE_COLOURINGS.includes(colourBy) ? <CoverageSummary /> : null}
    </Section>
  );
}

export function ControlPanel() {
  const { t } = useTranslation();
  const visibleLayers = useAtlasStore((s) => s.visibleLayers);
  const setLayerVisible = useAtlasStore((s) => s.setLayerVisible);

  return (
    <div className="atlas-controls">
      <SubdistrictFilter />
      <ColouringSection />
      <Section title={t('layers.title')} testId="layer-toggles">
        <div className="atlas-layer-grid">
          {LAYER_KEYS.map((key) => (
            <Checkbox
              key={key}
              data-testid={`layer-toggle-${key}`}
              checked={visibleLayers[key]}
              onChange={(e) => setLayerVisible(key, e.target.checked)}
            >
              {t(`layers.${key}`)}
            </Checkbox>
          ))}
        </div>
      </Section>
      <Section title={t('legend.facilities')} testId="facility-legend">
        <FacilityTools />
        <FacilityLegend />
      </Section>
    </div>
  );
}
