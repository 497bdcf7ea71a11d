/** Where a bench's JSON results go. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/results/<name>-<UTC timestamp>.json, the default place of a run's results. */
export function defaultResultsFile(name: string): string {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'results', `${name}-${stamp}.json`);
}

/** Writes `results` as JSON to `out` (default: `defaultResultsFile(name)`), making its folder, and says where. */
export function writeResults(name: string, out: string | undefined, results: object): void {
  const file = out ?? defaultResultsFile(name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 1));
  console.log(`results: ${file}`);
}
