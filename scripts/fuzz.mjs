// `npm run fuzz -- --cases N --seed S [--ops a,b] [--all] [--keep]`: draws new random calls with PyTorch
// (tools/fuzz/gen.py) into a temporary corpus and replays them in wasmgrad (test/fuzz/cli.ts), printing the
// disagreements by op. Needs a python3 with torch: $PYTHON, python3 or /usr/bin/python3, the first that imports
// torch. Exits with 1 when a case disagrees, 2 when no PyTorch is available.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);

function option(name, fallback) {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
}

const hasTorch = (python) => spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
const python = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean).find(hasTorch);
if (python === undefined) {
  console.error('npm run fuzz needs python3 with PyTorch (import torch failed for $PYTHON, python3 and /usr/bin/python3)');
  process.exit(2);
}

const cases = option('cases', '500');
const seed = option('seed', String(Date.now() % 100000));
const dir = mkdtempSync(join(tmpdir(), 'wasmgrad-fuzz-'));
const corpus = join(dir, 'cases.json');
const genArgs = [join(root, 'tools', 'fuzz', 'gen.py'), '--cases', cases, '--seed', seed, '--out', corpus];
const ops = option('ops', '');
if (ops) genArgs.push('--ops', ops);
console.log(`fuzz: ${cases} cases, seed ${seed} (${python})`);
const generated = spawnSync(python, genArgs, { stdio: 'inherit' });
if (generated.status !== 0) process.exit(generated.status ?? 1);

const cli = join(dir, 'cli.mjs');
await build({
  entryPoints: [join(root, 'test', 'fuzz', 'cli.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: cli,
  logLevel: 'warning',
});
const replay = spawnSync(process.execPath, [cli, corpus, ...(argv.includes('--all') ? ['--all'] : [])], { stdio: 'inherit' });
if (argv.includes('--keep')) console.log(`corpus kept in ${corpus}`);
else rmSync(dir, { recursive: true, force: true });
process.exit(replay.status ?? 1);
