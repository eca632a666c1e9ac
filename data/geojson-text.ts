/**
 * GeoJSON text of the demo city: one feature per line, so that a regenerated file diffs line
 * by line and a big layer can be written in chunks without building one huge string.
 */
import type { FeatureCollection } from 'geojson';

/**
 * The FeatureCollection as text, in pieces of up to `featuresPerChunk` features.
 * @example [...featureCollectionChunks({ type: 'FeatureCollection', features: [] })].join('') // '{"type":"FeatureCollection","features":[\n]}\n'
 */
export function* featureCollectionChunks(collection: FeatureCollection, featuresPerChunk = 5000): Generator<string> {
  yield '{"type":"FeatureCollection","features":[\n';
  const { features } = collection;
  for (let start = 0; start < features.length; start += featuresPerChunk) {
    const lines: string[] = [];
    const end = Math.min(features.length, start + featuresPerChunk);
    for (let k = start; k < end; k++) lines.push((k === 0 ? '' : ',\n') + JSON.stringify(features[k]));
    yield lines.join('');
  }
  yield '\n]}\n';
}

/** The whole FeatureCollection as text (what the files in data/demo-city hold). */
export function featureCollectionText(collection: FeatureCollection): string {
  return [...featureCollectionChunks(collection)].join('');
}
