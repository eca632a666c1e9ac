/** The sample whose `value` is the middle one (the upper middle of an even count); undefined for none. */
export function middleSample<T>(samples: readonly T[], value: (sample: T) => number): T | undefined {
  return [...samples].sort((a, b) => value(a) - value(b))[Math.floor(samples.length / 2)];
}

/** The middle sample (the upper middle of an even count); NaN for none. */
export const median = (samples: readonly number[]): number => middleSample(samples, (sample) => sample) ?? Number.NaN;
