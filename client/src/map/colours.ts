/** Colour arithmetic for map layers: deck.gl takes [r, g, b, a] with 0–255 channels. */

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
