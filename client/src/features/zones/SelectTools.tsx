/** The selection tools under the zoom buttons: click (the map pans), box, lasso. */
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAtlasStore } from '../../state/atlas-store';
import { SELECT_TOOLS } from '../../state/zone-slice';
import './zones.css';

export function SelectTools() {
  const { t } = useTranslation();
  const tool = useAtlasStore((s) => s.selectTool);
  const setSelectTool = useAtlasStore((s) => s.setSelectTool);
  return (
    <div className="atlas-select-tools" role="toolbar" aria-label={t('zones.tools.label')} data-testid="select-tools">
      {SELECT_TOOLS.map((option) => (
        <Tooltip key={option} title={t(`zones.tools.${option}Tip`)} placement="right" mouseEnterDelay={0.4}>
          <Button
            size="small"
            type={tool === option ? 'primary' : 'default'}
            aria-pressed={tool === option}
            onClick={() => setSelectTool(option)}
            data-testid={`select-tool-${option}`}
          >
            {t(`zones.tools.${option}`)}
          </Button>
        </Tooltip>
      ))}
    </div>
  );
}
