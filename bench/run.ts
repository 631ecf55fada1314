// `npm run bench`: runs every bench/*.bench.ts (or those matching the arguments) one after the
// other, so they don't compete for the two cores, and prints their figures as a table.
// Each benchmark prints one JSON line per figure: {"name": ..., "value": ..., "unit": ...}.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';

const dir = new URL('.', import.meta.url);
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

interface Figure { name: string; value: number; unit: string }
const figures: (Figure & { bench: string })[] = [];
console.log(`# ${new Date().toISOString()} ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
for (const f of files) {
  process.stderr.write(`running ${f}...\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', new URL(f, dir).pathname], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const fig = JSON.parse(line) as Figure;
      if (typeof fig.name === 'string' && typeof fig.value === 'number') figures.push({ ...fig, bench: f });
    } catch {
      // not a figure line
    }
  }
  if (r.status !== 0) console.log(`${f}: exited with ${r.status}`);
}
console.log('| benchmark | figure | value | unit |\n|---|---|---|---|');
for (const f of figures) console.log(`| ${f.bench.replace('.bench.ts', '')} | ${f.name} | ${Number.isInteger(f.value) ? f.value : f.value.toFixed(2)} | ${f.unit} |`);
