/**
 * The stage palette stays distinguishable for colour-blind viewers, and an administrator's stage
 * list keeps the rules the figures depend on. Every pair of stage fills, as drawn over the land,
 * differs by at least ΔE00 15 with normal vision and under full protanopia, deuteranopia and
 * tritanopia (Machado, Oliveira & Fernandes 2009, severity 1.0, in linear RGB).
 */
import { describe, expect, it } from 'vitest';
import { colourDifference, simulateVision } from '../../core/colour';
import { MAP_LAND_HEX, paletteConflicts } from '../../core/palette-rules';
import {
  DEFAULT_STAGE_CATALOGUE,
  DEFAULT_STAGES,
  StageCatalogue,
  stageListRefusal,
  type StageDefinition,
} from '../../core/programme/stages';
import { BASEMAP_COLOURS } from '../../client/src/map/basemap-style';

const withStage = (stages: readonly StageDefinition[], at: number, stage: StageDefinition): StageDefinition[] => [
  ...stages.slice(0, at),
  stage,
  ...stages.slice(at),
];

describe('stage palette', () => {
  it('keeps every pair of default stages apart in every vision', () => {
    expect(paletteConflicts(DEFAULT_STAGES)).toEqual([]);
  });

  it('checks against the land the map draws', () => {
    expect(BASEMAP_COLOURS.land).toBe(MAP_LAND_HEX);
  });

  it('simulates a known case: pure red and green meet under deuteranopia', () => {
    const red = simulateVision([255, 0, 0], 'deuteranopia');
    const green = simulateVision([0, 160, 0], 'deuteranopia');
    expect(colourDifference(red, green)).toBeLessThan(colourDifference([255, 0, 0], [0, 160, 0]) / 3);
  });

  it('finds a pair that only colour-blind viewers confuse', () => {
    // Okabe–Ito orange and vermilion: apart for normal vision, close under deuteranopia.
    const conflicts = paletteConflicts([
      { id: 'orange', colour: '#e69f00' },
      { id: 'vermilion', colour: '#d55e00' },
    ]);
    expect(conflicts.some((c) => c.vision === 'normal')).toBe(false);
    expect(conflicts.map((c) => c.vision)).toContain('deuteranopia');
  });
});

describe('stage list rules', () => {
  const tendering: StageDefinition = { id: 'tendering', label: { zh: '招标', en: 'Tendering' }, colour: '#442200' };

  it('accepts the default list and an added stage that keeps the palette apart', () => {
    expect(stageListRefusal(DEFAULT_STAGES)).toBeNull();
    // Dark brown stays ΔE00 ≥ 28 from every default stage in every vision (the best of a 16-step RGB grid).
    expect(stageListRefusal(withStage(DEFAULT_STAGES, 5, tendering))).toBeNull();
  });

  it('refuses a colour too close to another stage', () => {
    const copy = withStage(DEFAULT_STAGES, 5, { ...tendering, colour: '#da7302' });
    expect(stageListRefusal(copy)).toMatchObject({ code: 'stage_palette_too_close', params: { a: 'tendering', b: 'construction' } });
  });

  it('refuses a missing or misplaced anchor stage', () => {
    expect(stageListRefusal(DEFAULT_STAGES.filter((s) => s.id !== 'completed'))).toMatchObject({
      code: 'stage_anchor_missing',
      params: { stage: 'completed' },
    });
    const swapped = [...DEFAULT_STAGES];
    [swapped[5], swapped[6]] = [swapped[6]!, swapped[5]!];
    expect(stageListRefusal(swapped)?.code).toBe('stage_anchor_order');
    expect(stageListRefusal([DEFAULT_STAGES[1]!, ...DEFAULT_STAGES.filter((s) => s.id !== 'reserve')])?.code).toBe('stage_anchor_order');
  });

  it('refuses duplicate ids and names, and too few or too many stages', () => {
    expect(stageListRefusal([...DEFAULT_STAGES, { ...DEFAULT_STAGES[1]!, colour: '#000000' }])?.code).toBe('stage_duplicate');
    const sameName = DEFAULT_STAGES.map((s) => (s.id === 'reserve' ? { ...s, label: { zh: '计划', en: 'Reserve' } } : s));
    expect(stageListRefusal(sameName)).toMatchObject({ code: 'stage_duplicate', params: { stage: '计划' } });
    expect(stageListRefusal(DEFAULT_STAGES.slice(0, 2))?.code).toBe('stage_count');
    expect(stageListRefusal(withStage(DEFAULT_STAGES, 5, { ...tendering, label: { zh: '招标', en: ' ' } }))).toMatchObject({
      code: 'stage_name_missing',
      params: { position: 6 },
    });
  });

  it('orders a reordered list by its new order', () => {
    const reordered = new StageCatalogue([DEFAULT_STAGES[0]!, DEFAULT_STAGES[2]!, DEFAULT_STAGES[1]!, ...DEFAULT_STAGES.slice(3)]);
    expect(reordered.rank('reserve')).toBeGreaterThan(reordered.rank('planned'));
    expect(DEFAULT_STAGE_CATALOGUE.rank('reserve')).toBeLessThan(DEFAULT_STAGE_CATALOGUE.rank('planned'));
    expect(reordered.leastAdvanced(['reserve', 'planned'])).toBe('planned');
    expect(reordered.isStarted('reserve')).toBe(false);
    expect(reordered.definition('gone').label.en).toBe('gone');
  });
});
