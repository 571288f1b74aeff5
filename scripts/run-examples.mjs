// Runs the seed's exercises in examples/ as a user would: each file imports from 'wasmgrad' and is bundled
// with esbuild against the built package, then executed with Node.
// Usage: node scripts/run-examples.mjs [name-filter]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2] ?? '';
const outDir = join(root, 'build', 'examples');
mkdirSync(outDir, { recursive: true });

const examples = readdirSync(join(root, 'examples'))
  .filter((f) => /^exd\d.*\.ts$/.test(f) && f.includes(filter))
  .sort();
for (const file of examples) {
  const outfile = join(outDir, file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(root, 'examples', file)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    alias: { wasmgrad: join(root, 'dist', 'index.js') },
    logLevel: 'warning',
  });
  console.log(`\n=== ${file} ===\n`);
  execFileSync(process.execPath, [outfile], { stdio: 'inherit' });
}
