/**
 * The stage palette stays distinguishable for colour-blind viewers: every pair of stage fills, as
 * drawn over the land, differs by at least ΔE00 15 with normal vision and under full protanopia,
 * deuteranopia and tritanopia, simulated with the matrices of Machado, Oliveira and Fernandes
 * (2009, severity 1.0) in linear RGB.
 */
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../core/programme/stages';
import { BASEMAP_COLOURS } from '../../client/src/map/basemap-style';
import { blendOver, colourDifference, hexToRgb, withAlpha, type Rgb } from '../../client/src/map/colours';
import { ESTATE_FILL_ALPHA } from '../../client/src/map/estate-colours';

type Matrix = readonly [readonly [number, number, number], readonly [number, number, number], readonly [number, number, number]];

const SIMULATIONS: Record<string, Matrix | null> = {
  normal: null,
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const toLinear = (c: number): number => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const toSrgb = (l: number): number => {
  const c = Math.min(1, Math.max(0, l));
  return Math.round(255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055));
};

function simulate(colour: Rgb, matrix: Matrix | null): Rgb {
  if (!matrix) return colour;
  const linear = colour.map(toLinear) as [number, number, number];
  return matrix.map((row) => toSrgb(row[0] * linear[0] + row[1] * linear[1] + row[2] * linear[2])) as unknown as Rgb;
}

const LAND = hexToRgb(BASEMAP_COLOURS.land);
const filled = (hex: string): Rgb => blendOver(withAlpha(hexToRgb(hex), ESTATE_FILL_ALPHA), LAND);
const MIN_DELTA_E = 15;

describe('stage palette', () => {
  it.each(Object.keys(SIMULATIONS))('keeps every pair of stages apart under %s', (vision) => {
    const matrix = SIMULATIONS[vision]!;
    const close: string[] = [];
    STAGES.forEach((a, i) =>
      STAGES.slice(i + 1).forEach((b) => {
        const d = colourDifference(simulate(filled(a.colour), matrix), simulate(filled(b.colour), matrix));
        if (d < MIN_DELTA_E) close.push(`${a.id} ~ ${b.id}: ${d.toFixed(1)}`);
      }),
    );
    expect(close).toEqual([]);
  });

  it('simulates a known case: pure red and green meet under deuteranopia', () => {
    const red = simulate([255, 0, 0], SIMULATIONS.deuteranopia!);
    const green = simulate([0, 160, 0], SIMULATIONS.deuteranopia!);
    expect(colourDifference(red, green)).toBeLessThan(colourDifference([255, 0, 0], [0, 160, 0]) / 3);
  });
});
