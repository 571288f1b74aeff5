// Regenerates test/fixtures/opinfo/reference.json: bundles test/opinfo/dump-samples.ts, writes the op database's
// samples to a temporary file and runs the PyTorch generator over them. Needs python3 with torch.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'opinfo-'));
try {
  const bundle = join(dir, 'dump.mjs');
  await build({ entryPoints: ['test/opinfo/dump-samples.ts'], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'warning' });
  const samples = join(dir, 'samples.json');
  writeFileSync(samples, execFileSync(process.execPath, [bundle], { maxBuffer: 1 << 30 }));
  // Debian's python3-torch installs for the system interpreter, which may not be the first python3 on PATH.
  const python = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
  execFileSync(python, ['test/fixtures/opinfo/gen_reference.py', samples, 'test/fixtures/opinfo/reference.json'], { stdio: 'inherit' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
