/**
 * `npm run bench:summary` (the last step of `npm run bench`): every line of bench/results.json as
 * one table, each ratio against its target, with the day it was measured.
 */
import { meetsTarget, readResults, resultsTable, RESULTS_FILE } from './bench-results.js';

const lines = readResults();
console.log(`\n${RESULTS_FILE}\n\n${resultsTable(lines)}\n`);
const missed = lines.filter((line) => meetsTarget(line) === false).length;
console.log(`${lines.length} lines, ${missed} over their target`);
