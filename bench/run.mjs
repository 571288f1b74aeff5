// Runs every benchmark in bench/ (each compares wasmgrad with the alternatives in the same process).
// Usage: node bench/run.mjs [name-filter]   (after `npm run build`)
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
for (const file of readdirSync(here).filter((f) => f.endsWith('.bench.mjs') && f.includes(filter)).sort()) {
  console.log(`\n=== ${file} ===`);
  execFileSync(process.execPath, [join(here, file)], { stdio: 'inherit' });
}
