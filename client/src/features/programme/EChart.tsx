/** One Apache ECharts chart in a div: created on mount, updated with each option, resized with its box, disposed on unmount. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, FunnelChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** What a click on a chart element names: its series, category and data index. */
export interface ChartClick {
  seriesIndex: number;
  name: string;
  dataIndex: number;
}

/** The page position (CSS pixels within the chart) of the middle of one bar. */
function barCentre(chart: echarts.ECharts, seriesIndex: number, dataIndex: number): number[] | null {
  const option = chart.getOption() as { series?: { data?: unknown[] }[]; yAxis?: { type?: string }[] };
  const value = Number(option.series?.[seriesIndex]?.data?.[dataIndex] ?? 0);
  const horizontal = option.yAxis?.[0]?.type === 'category';
  const point = chart.convertToPixel({ seriesIndex }, horizontal ? [value / 2, dataIndex] : [dataIndex, value / 2]);
  return Array.isArray(point) ? point : null;
}

export interface EChartProps {
  option: EChartsCoreOption;
  heightPx: number;
  onClick?: (click: ChartClick) => void;
  testId: string;
  ariaLabel: string;
}

export function EChart({ option, heightPx, onClick, testId, ariaLabel }: EChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const chart = echarts.init(box, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (params) => {
      const p = params as { seriesIndex?: number; name?: string; dataIndex?: number };
      clickRef.current?.({ seriesIndex: p.seriesIndex ?? 0, name: p.name ?? '', dataIndex: p.dataIndex ?? 0 });
    });
    // For browser tests, as window.__atlas is for the map: where a bar is drawn, to click it like a user.
    Object.assign(box, { chartBarCentre: (seriesIndex: number, dataIndex: number) => barCentre(chart, seriesIndex, dataIndex) });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a filtered answer may have fewer categories than the last one.
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div ref={boxRef} className="programme-chart" style={{ height: heightPx }} data-testid={testId} role="img" aria-label={ariaLabel} />
  );
}
