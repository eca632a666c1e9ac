/** Select options for administrative units (sub-districts, communities): the code is the value, the name the label. */
export interface UnitOption {
  value: string;
  label: string;
}

/** In the order given; `byCode` sorts them by code, the order the ledger and the filters list units in. */
export function unitOptions(units: readonly { code: string; name: string }[], byCode = false): UnitOption[] {
  const listed = byCode ? [...units].sort((a, b) => a.code.localeCompare(b.code)) : units;
  return listed.map((unit) => ({ value: unit.code, label: unit.name }));
}
