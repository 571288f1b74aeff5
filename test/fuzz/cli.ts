// `node cli.mjs CORPUS [--all]`: replays a fuzz corpus in wasmgrad and prints the disagreements with PyTorch by op
// (bundled and run by scripts/fuzz.mjs). Exits with 1 when any case disagrees.
import { loadCorpus } from './corpus';
import { formatReport, replayCases } from './replay';

const [path, ...flags] = process.argv.slice(2);
if (path === undefined) {
  console.error('usage: cli.mjs CORPUS.json [--all]');
  process.exit(2);
}
const corpus = loadCorpus(path);
const reports = replayCases(corpus.cases);
console.log(formatReport(reports, flags.includes('--all') ? Infinity : 5));
process.exit(reports.some((r) => r.disagreements.length > 0) ? 1 : 0);
