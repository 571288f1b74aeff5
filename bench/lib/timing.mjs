// Timing for benchmarks. V8 first runs wasm and JavaScript in baseline tiers, so everything is warmed up before it
// is timed; each timed run makes enough calls to last a few tens of milliseconds; results are medians over runs.
// On a machine shared with other work, contention comes and goes: `interleaved` times several alternatives in
// alternating rounds, so that a busy moment slows one round of each rather than every run of one.

/** Calls fn for about `ms` milliseconds (at least twice). */
export function warmUp(fn, ms = 300) {
  const end = performance.now() + ms;
  fn();
  do fn();
  while (performance.now() < end);
}

/** How many calls make one run of about runMs milliseconds (1 for a function slower than that). */
export function calibrate(fn, runMs = 30) {
  let iterations = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) fn();
    const elapsed = performance.now() - t0;
    if (elapsed >= runMs / 4 || iterations >= 1 << 24) {
      return Math.max(1, Math.round((iterations * runMs) / Math.max(elapsed, 1e-3)));
    }
    iterations *= 4;
  }
}

/** Milliseconds per call over one run of `iterations` calls. */
export function timeRun(fn, iterations) {
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return (performance.now() - t0) / iterations;
}

export function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Times one function: { median, min } milliseconds per call over `runs` runs after warm-up. */
export function measure(fn, { warmupMs = 300, runMs = 30, runs = 9 } = {}) {
  warmUp(fn, warmupMs);
  const iterations = calibrate(fn, runMs);
  const times = Array.from({ length: runs }, () => timeRun(fn, iterations));
  return { median: median(times), min: Math.min(...times) };
}

/**
 * Times several alternatives in alternating rounds and returns the median milliseconds per call of each, by name.
 * alternatives: [{ name, run, activate? }], where activate (optional, may be async) is awaited before each of that
 * alternative's runs (e.g. to switch a library's backend). A slow alternative (one call longer than a run) gets
 * one call per round, and no more rounds than fit in budgetMs.
 */
export async function interleaved(alternatives, { rounds = 9, runMs = 30, warmupMs = 300, budgetMs = 6000 } = {}) {
  const plans = [];
  for (const alt of alternatives) {
    if (alt.activate !== undefined) await alt.activate();
    const t0 = performance.now();
    alt.run();
    const first = performance.now() - t0;
    if (first < runMs) warmUp(alt.run, warmupMs);
    const iterations = first < runMs ? calibrate(alt.run, runMs) : 1;
    const maxRounds = first < runMs ? rounds : Math.max(1, Math.min(rounds, Math.floor(budgetMs / first)));
    plans.push({ alt, iterations, maxRounds, times: [] });
  }
  for (let round = 0; round < rounds; round++) {
    for (const plan of plans) {
      if (plan.times.length >= plan.maxRounds) continue;
      if (plan.alt.activate !== undefined) await plan.alt.activate();
      plan.times.push(timeRun(plan.alt.run, plan.iterations));
    }
  }
  return new Map(plans.map((p) => [p.alt.name, median(p.times)]));
}
