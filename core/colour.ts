/** Colour arithmetic shared by the map layers and the palette rules: [r, g, b(, a)] with 0–255 channels, CIEDE2000 differences and colour-vision simulation. */

export type Rgb = readonly [number, number, number];
export type Rgba = [number, number, number, number];

export function withAlpha(colour: Rgb, alpha: number): Rgba {
  return [colour[0], colour[1], colour[2], alpha];
}

export function rgbToCss(colour: Rgb, alpha = 1): string {
  return alpha >= 1 ? `rgb(${colour[0]}, ${colour[1]}, ${colour[2]})` : `rgba(${colour[0]}, ${colour[1]}, ${colour[2]}, ${alpha})`;
}

/** @example hexToRgb('#d63031') // [214, 48, 49] */
export function hexToRgb(hex: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`hexToRgb: "${hex}" is not a #rrggbb colour`);
  return [parseInt(m[1] ?? '0', 16), parseInt(m[2] ?? '0', 16), parseInt(m[3] ?? '0', 16)];
}

/**
 * Colour at t (0–1) along evenly spaced stops, interpolated linearly in RGB.
 * @example interpolateStops([[0, 0, 0], [255, 255, 255]], 0.5) // [128, 128, 128]
 */
export function interpolateStops(stops: readonly Rgb[], t: number): Rgb {
  const first = stops[0];
  if (!first) throw new Error('interpolateStops: give at least one colour stop');
  if (stops.length === 1 || !Number.isFinite(t)) return first;
  const clamped = Math.min(1, Math.max(0, t));
  const scaled = clamped * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(scaled));
  const a = stops[i] ?? first;
  const b = stops[i + 1] ?? a;
  const f = scaled - i;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** Composites a colour with opacity alpha (0–255) over an opaque background, as the screen shows it. */
export function blendOver(colour: Rgba, background: Rgb): Rgb {
  const a = colour[3] / 255;
  return [
    Math.round(colour[0] * a + background[0] * (1 - a)),
    Math.round(colour[1] * a + background[1] * (1 - a)),
    Math.round(colour[2] * a + background[2] * (1 - a)),
  ];
}

export type Lab = readonly [number, number, number];

function srgbToLinear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/**
 * CIE L*a*b* (D65 white) of an sRGB colour.
 * @example rgbToLab([255, 255, 255]) // ≈ [100, 0, 0]
 */
export function rgbToLab(colour: Rgb): Lab {
  const [r, g, b] = colour.map(srgbToLinear) as [number, number, number];
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const deg = Math.PI / 180;

/**
 * CIEDE2000 colour difference of two Lab colours: about 1 is just noticeable, above 10 clearly
 * different hues or shades. Follows Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference
 * formula: implementation notes", whose test pairs the unit test checks.
 * @example deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485]) // ≈ 2.0425
 */
export function deltaE2000(lab1: Lab, lab2: Lab): number {
  const [l1, a1, b1] = lab1;
  const [l2, a2, b2] = lab2;
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const hueOf = (b: number, a: number) => (b === 0 && a === 0 ? 0 : (Math.atan2(b, a) / deg + 360) % 360);
  const h1p = hueOf(b1, a1p);
  const h2p = hueOf(b2, a2p);
  const dLp = l2 - l1;
  const dCp = c2p - c1p;
  let dhp = 0;
  if (c1p * c2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin((dhp / 2) * deg);
  const lBarP = (l1 + l2) / 2;
  const cBarP = (c1p + c2p) / 2;
  let hBarP = h1p + h2p;
  if (c1p * c2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hBarP = (h1p + h2p) / 2;
    else hBarP = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  }
  const t =
    1 -
    0.17 * Math.cos((hBarP - 30) * deg) +
    0.24 * Math.cos(2 * hBarP * deg) +
    0.32 * Math.cos((3 * hBarP + 6) * deg) -
    0.2 * Math.cos((4 * hBarP - 63) * deg);
  const dTheta = 30 * Math.exp(-(((hBarP - 275) / 25) ** 2));
  const rC = 2 * Math.sqrt(cBarP ** 7 / (cBarP ** 7 + 25 ** 7));
  const sL = 1 + (0.015 * (lBarP - 50) ** 2) / Math.sqrt(20 + (lBarP - 50) ** 2);
  const sC = 1 + 0.045 * cBarP;
  const sH = 1 + 0.015 * cBarP * t;
  const rT = -Math.sin(2 * dTheta * deg) * rC;
  return Math.sqrt((dLp / sL) ** 2 + (dCp / sC) ** 2 + (dHp / sH) ** 2 + rT * (dCp / sC) * (dHp / sH));
}

/** CIEDE2000 difference of two sRGB colours. @example colourDifference([255, 0, 0], [255, 0, 0]) // 0 */
export function colourDifference(a: Rgb, b: Rgb): number {
  return deltaE2000(rgbToLab(a), rgbToLab(b));
}

type Matrix3 = readonly [readonly [number, number, number], readonly [number, number, number], readonly [number, number, number]];

/** Colour vision the palette rules check: normal and the three full dichromacies. */
export const COLOUR_VISIONS = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'] as const;
export type ColourVision = (typeof COLOUR_VISIONS)[number];

/** Machado, Oliveira & Fernandes (2009), severity 1.0, applied in linear RGB. */
const VISION_MATRICES: Readonly<Record<ColourVision, Matrix3 | null>> = {
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

function linearToSrgb(linear: number): number {
  const c = Math.min(1, Math.max(0, linear));
  return Math.round(255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055));
}

/**
 * How a colour looks to a viewer with `vision`.
 * @example simulateVision([255, 0, 0], 'normal') // [255, 0, 0]
 */
export function simulateVision(colour: Rgb, vision: ColourVision): Rgb {
  const matrix = VISION_MATRICES[vision];
  if (!matrix) return colour;
  const [r, g, b] = colour.map(srgbToLinear) as [number, number, number];
  return [
    linearToSrgb(matrix[0][0] * r + matrix[0][1] * g + matrix[0][2] * b),
    linearToSrgb(matrix[1][0] * r + matrix[1][1] * g + matrix[1][2] * b),
    linearToSrgb(matrix[2][0] * r + matrix[2][1] * g + matrix[2][2] * b),
  ];
}

/**
 * Whether white text reads better than black on a `#rrggbb` fill (lightness L* below 60).
 * @example prefersLightText('#03314d') // true; prefersLightText('#fddb15') // false
 */
export function prefersLightText(hex: string): boolean {
  return rgbToLab(hexToRgb(hex))[0] < 60;
}
