/**
 * Pure edits of the stage list an administrator is working on (StagesDrawer): each returns a new
 * list. A stage added here has no id yet; `withIds` derives one from its English name on save.
 */
import { mostDistinctColour } from '../../../../core/palette-rules';
import { STARTED_STAGE, type StageDefinition } from '../../../../core/programme/stages';

export function moveStage(list: readonly StageDefinition[], index: number, delta: -1 | 1): StageDefinition[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return [...list];
  const moved = [...list];
  [moved[index], moved[to]] = [moved[to]!, moved[index]!];
  return moved;
}

export function updateStage(
  list: readonly StageDefinition[],
  index: number,
  patch: Partial<Omit<StageDefinition, 'id'>>,
): StageDefinition[] {
  return list.map((stage, i) => (i === index ? { ...stage, ...patch, label: { ...stage.label, ...patch.label } } : stage));
}

export function removeStage(list: readonly StageDefinition[], index: number): StageDefinition[] {
  return list.filter((_, i) => i !== index);
}

/** A new stage just before construction (the usual place of tendering and the like), in the most distinct free colour. */
export function addStage(list: readonly StageDefinition[], label: StageDefinition['label']): StageDefinition[] {
  const at = Math.max(
    0,
    list.findIndex((s) => s.id === STARTED_STAGE),
  );
  const stage: StageDefinition = { id: '', label, colour: mostDistinctColour(list.map((s) => s.colour)) };
  return [...list.slice(0, at), stage, ...list.slice(at)];
}

/**
 * Ids for stages added in this edit: the English name in lower case with `_` between words,
 * numbered when taken (`stage` when the name has no Latin letters).
 * @example withIds([{ id: '', label: { zh: '招标', en: 'Tendering' }, colour: '#442200' }])[0].id // 'tendering'
 */
export function withIds(list: readonly StageDefinition[]): StageDefinition[] {
  const taken = new Set(list.map((s) => s.id).filter((id) => id !== ''));
  return list.map((stage) => {
    if (stage.id !== '') return stage;
    const base =
      stage.label.en
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^[^a-z]+|_+$/g, '')
        .slice(0, 32) || 'stage';
    let id = base.length >= 2 ? base : `${base}_stage`;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    return { ...stage, id };
  });
}
