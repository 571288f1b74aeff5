// The package as users get it: `import ... from 'wasmgrad'` in Node, in an esbuild bundle, and the browser bundle
// in headless Chromium. Needs the full build (`npm run build`, which `npm test` runs first).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const dist = join(root, 'dist');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A consumer project whose node_modules/wasmgrad is this package. */
let consumer: string;
const program = `
import { manualSeed, randn, backendInfo, memory } from 'wasmgrad';
manualSeed(123);
const y = randn(10, 3);
console.log(String(y.index('0:2')));
console.log(backendInfo().binary, memory().tensors > 0);
`;
const expected = 'tensor([[ 0.3374, -0.1778, -0.3035],\n        [-0.5880,  0.3486,  0.6603]])';

beforeAll(() => {
  if (!existsSync(join(dist, 'index.js')) || !existsSync(join(dist, 'wasmgrad.browser.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  }
  consumer = mkdtempSync(join(tmpdir(), 'wasmgrad-consumer-'));
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(root, join(consumer, 'node_modules', 'wasmgrad'), 'dir');
  writeFileSync(join(consumer, 'package.json'), '{"type":"module"}');
  writeFileSync(join(consumer, 'main.js'), program);
});

describe('the npm package', () => {
  it('imports in Node with no setup', () => {
    const out = execFileSync(process.execPath, [join(consumer, 'main.js')], { encoding: 'utf8' });
    expect(out).toContain(expected);
    expect(out).toMatch(/(relaxed-simd|simd128) true/);
  });

  it('works from an esbuild bundle (the wasm is embedded: no path configuration)', async () => {
    const outfile = join(consumer, 'bundle.mjs');
    await build({ entryPoints: [join(consumer, 'main.js')], bundle: true, format: 'esm', platform: 'node', outfile, absWorkingDir: consumer, logLevel: 'silent' });
    const out = execFileSync(process.execPath, [outfile], { encoding: 'utf8', cwd: tmpdir() });
    expect(out).toContain(expected);
  });

  it('ships type declarations', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.exports['.'].types).toBe(pkg.types);
    const dts = readFileSync(join(root, pkg.types), 'utf8');
    expect(dts).toContain('randn');
  });

  it('type-checks a TypeScript consumer against the declarations (abi/ and src/ both resolve)', () => {
    // Full checking of the package's .d.ts files (no skipLibCheck), as a bundler-resolved consumer sees them; the
    // deliberate error on the last line proves the types are real, not `any` from an unresolved import.
    writeFileSync(
      join(consumer, 'check.ts'),
      "import { randn, type Tensor } from 'wasmgrad';\n" +
        'const t: Tensor = randn(2, 3);\n' +
        'export const total: number = t.sum().item();\n' +
        'export const wrong: string = t.shape;\n',
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--noEmit', '--strict', '--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2022',
      '--lib', 'es2022,dom,esnext.disposable', '--types', '', 'check.ts'];
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, ...args], { cwd: consumer, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output.trim().split('\n')).toEqual([expect.stringMatching(/^check\.ts\(4,14\): error TS2322/)]);
  });
});

describe('the browser bundle', () => {
  let server: ReturnType<typeof createServer>;
  let url = '';

  beforeAll(async () => {
    const page = `<!doctype html><meta charset="utf-8"><pre id="out"></pre>
<script type="module">
import { manualSeed, randn, backendInfo } from './wasmgrad.browser.js';
manualSeed(123);
document.getElementById('out').textContent = String(randn(10, 3).index('0:2')) + '\\n' + backendInfo().binary;
</script>`;
    server = createServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(page);
      } else if (req.url === '/wasmgrad.browser.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(readFileSync(join(dist, 'wasmgrad.browser.js')));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  });

  afterAll(() => server?.close());

  it('runs in headless Chromium from a <script type="module">', async () => {
    if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install Debian's chromium (.ci/run does)`);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(url);
      await page.waitForFunction(() => (document.getElementById('out')?.textContent ?? '').length > 0, undefined, { timeout: 20_000 });
      const text = await page.textContent('#out');
      expect(errors).toEqual([]);
      expect(text).toContain(expected);
      // Chromium has relaxed SIMD enabled, so the fused-multiply-add binary is chosen there.
      expect(text).toContain('relaxed-simd');
    } finally {
      await browser.close();
    }
  });
});
