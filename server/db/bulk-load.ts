/**
 * pg_restore's order for a bulk load into an emptied table: drop the table's own foreign keys and
 * plain indexes, load, then build them again in one pass each. A GiST index built from sorted
 * rows at the end is several times cheaper than one grown row by row, and a foreign key added
 * afterwards checks all rows in one join instead of one lookup per row. Runs in the caller's
 * transaction, so a failure restores the table as it was; the primary key and unique
 * constraints stay (other tables' keys may depend on them).
 */
import type { Executor } from './db.js';

interface Definition {
  name: string;
  definition: string;
}

export async function withIndexesBuiltAfter<T>(tx: Executor, table: string, load: () => Promise<T>): Promise<T> {
  const foreignKeys = await tx.query<Definition>(
    `SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
    [table],
  );
  // Every column but the geometries, whose statistics cost the most and are left to autovacuum.
  const plainColumns = await tx.query<{ name: string }>(
    `SELECT quote_ident(a.attname) AS name FROM pg_attribute a
     WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
       AND format_type(a.atttypid, a.atttypmod) !~ '^(geometry|geography)'
     ORDER BY a.attnum`,
    [table],
  );
  const indexes = await tx.query<Definition>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
     WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 1`,
    [table],
  );
  // Names come from the catalogue, quoted there (regclass text, quote_ident).
  if (foreignKeys.length > 0) {
    await tx.exec(`ALTER TABLE ${table} ${foreignKeys.map((fk) => `DROP CONSTRAINT ${fk.name}`).join(', ')}`);
  }
  if (indexes.length > 0) await tx.exec(`DROP INDEX ${indexes.map((index) => index.name).join(', ')}`);
  const result = await load();
  // Fresh statistics first: the key checks below are joins, planned badly on a table never analysed,
  // and the app's first queries after a load (a range of entry ids, of dates) would scan it whole.
  if (plainColumns.length > 0) await tx.exec(`ANALYZE ${table} (${plainColumns.map((c) => c.name).join(', ')})`);
  for (const index of indexes) await tx.exec(index.definition);
  if (foreignKeys.length > 0) {
    await tx.exec(`ALTER TABLE ${table} ${foreignKeys.map((fk) => `ADD CONSTRAINT ${fk.name} ${fk.definition}`).join(', ')}`);
  }
  return result;
}
