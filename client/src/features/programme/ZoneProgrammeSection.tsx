/**
 * A zone's renovation programme in its panel: the zone's stage (its least advanced member's), how
 * many members are at each stage, a progress entry for every member at once (one transaction), and
 * the zone's own items and funding, which count for the members by their share of households.
 */
import { Button, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { prefersLightText } from '../../../../core/colour';
import { DEFAULT_STAGE } from '../../../../core/programme/stages';
import { useAtlasStore } from '../../state/atlas-store';
import { useCan } from '../../state/use-can';
import { ProgressForm } from './ProgressForm';
import { ProjectFunding } from './ProjectFunding';
import { ProjectItems } from './ProjectItems';
import './programme.css';

export function ZoneProgrammeSection({ zoneId, estateIds }: { zoneId: number; estateIds: readonly number[] }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const catalogue = useAtlasStore((s) => s.stageCatalogue);
  const byEstate = useAtlasStore((s) => s.programmeByEstate);
  const canRecord = useCan('progress.write');
  const [recording, setRecording] = useState(false);

  const stages = estateIds.map((id) => byEstate.get(id)?.stage ?? DEFAULT_STAGE);
  const zoneStage = catalogue.definition(catalogue.leastAdvanced(stages));
  const counts = catalogue.stages
    .map((stage) => ({ stage, count: stages.filter((s) => s === stage.id).length }))
    .filter((c) => c.count > 0);

  return (
    <section className="programme-progress" data-testid="zone-programme">
      <h4 className="programme-rows-title">{t('programme.zone.title')}</h4>
      <div className="programme-progress-head">
        <Tag color={zoneStage.colour} className="programme-stage-tag" data-testid="zone-stage-tag">
          <span className={prefersLightText(zoneStage.colour) ? '' : 'programme-tag-dark'}>
            {t('programme.zone.stage', { name: zoneStage.label[language] })}
          </span>
        </Tag>
      </div>
      <div className="programme-note" data-testid="zone-stage-counts">
        {counts.map((c) => t('programme.zone.members', { count: c.count, stage: c.stage.label[language] })).join(' · ')}
      </div>
      {canRecord && !recording ? (
        <Button
          size="small"
          title={t('programme.zone.recordHint', { count: estateIds.length })}
          onClick={() => setRecording(true)}
          data-testid="zone-progress-record"
        >
          {t('programme.zone.record')}
        </Button>
      ) : null}
      {recording ? (
        <ProgressForm
          project={{ zoneId }}
          current={{ stage: zoneStage.id, progressPct: 0 }}
          correcting={null}
          onDone={() => setRecording(false)}
        />
      ) : null}
      <ProjectItems project={{ zoneId }} />
      <ProjectFunding project={{ zoneId }} />
    </section>
  );
}
