// Output helpers for benchmarks: a description of the machine and Markdown tables.
import { cpus } from 'node:os';

/** e.g. "Intel(R) Xeon(R) Processor, 2 cores, Node v20.20.2 (V8 11.3)". */
export function machineDescription() {
  const list = cpus();
  const model = list.length > 0 ? list[0].model.trim() : 'unknown CPU';
  return `${model}, ${list.length} cores, Node ${process.version} (V8 ${process.versions.v8.split('-')[0]})`;
}

/** A Markdown table; cells are converted with String(). */
export function markdownTable(headers, rows) {
  const line = (cells) => `| ${cells.map(String).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A number with a fixed count of significant decimals for tables (ratios, GFLOP/s). */
export function fixed(value, digits = 1) {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

/** A time for tables: milliseconds from 1 ms up, microseconds below. */
export function duration(ms) {
  return ms >= 1 ? `${fixed(ms, 2)} ms` : `${fixed(ms * 1000, 1)} us`;
}
