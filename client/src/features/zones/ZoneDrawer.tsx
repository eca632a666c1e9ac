/** The zones drawer over the map's right side: the list of zones, one zone, or the suggestions. */
import { Drawer, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAtlasStore } from '../../state/atlas-store';
import { ZoneList } from './ZoneList';
import { ZonePanel } from './ZonePanel';
import { SuggestPanel } from './SuggestPanel';
import { ZONE_DRAWER_WIDTH_PX } from './zone-layout';
import './zones.css';

export function ZoneDrawer() {
  const { t } = useTranslation();
  const view = useAtlasStore((s) => s.zonePanel);
  const showZonePanel = useAtlasStore((s) => s.showZonePanel);
  return (
    <Drawer
      open={view !== null}
      onClose={() => showZonePanel(null)}
      placement="right"
      mask={false}
      getContainer={false}
      size={ZONE_DRAWER_WIDTH_PX}
      rootClassName="atlas-zone-drawer"
      autoFocus={false}
      closable={{ 'aria-label': t('estate.close') }}
      title={
        <Segmented
          size="small"
          value={view === 'suggest' ? 'suggest' : 'list'}
          options={[
            { value: 'list', label: <span data-testid="zones-tab-list">{t('zones.list.tab')}</span> },
            { value: 'suggest', label: <span data-testid="zones-tab-suggest">{t('zones.suggest.tab')}</span> },
          ]}
          onChange={(value) => showZonePanel(value === 'suggest' ? 'suggest' : 'list')}
        />
      }
    >
      <div data-testid="zone-drawer">
        {view === 'list' ? <ZoneList /> : null}
        {view === 'zone' ? <ZonePanel /> : null}
        {view === 'suggest' ? <SuggestPanel /> : null}
      </div>
    </Drawer>
  );
}
