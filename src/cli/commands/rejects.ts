import type { Command } from 'commander';
import { z } from 'zod';
import { RejectSchema } from '../../model/reject.ts';

const RejectsResponse = z.object({ rejects: z.array(RejectSchema) });

/**
 * `vaern rejects`: input Vaern could not decode, with the reason, from a running server. It asks
 * the API rather than opening the store, because the embedded event store has one writer: the
 * server. Machines authenticate with an API token (`VAERN_TOKEN`), made in the console.
 */
export function registerRejects(program: Command): void {
  program
    .command('rejects')
    .description('list rejected input with its reason, from a running Vaern (needs an API token with the analyst role)')
    .option('--url <url>', 'Vaern server', process.env['VAERN_URL'] ?? 'http://localhost:8080')
    .option('--token <token>', 'API token (default: $VAERN_TOKEN)')
    .option('--tenant <id>', 'only this tenant')
    .option('--since <duration>', 'how far back: 15m, 24h, 7d', '24h')
    .option('--limit <n>', 'at most this many (1-1000)', '100')
    .option('--json', 'one JSON object a line instead of a table')
    .action(async (o: { url: string; token?: string; tenant?: string; since: string; limit: string; json?: boolean }) => {
      const token = o.token ?? process.env['VAERN_TOKEN'];
      if (token === undefined || token === '') fail('an API token is needed: --token or VAERN_TOKEN (create one in the console under Administration)');
      const since = parseDuration(o.since);
      if (since === undefined) fail(`--since: expected a duration such as 15m, 24h or 7d, got "${o.since}"`);
      const q = new URLSearchParams({ from: new Date(Date.now() - since).toISOString(), limit: o.limit });
      if (o.tenant !== undefined) q.set('tenant', o.tenant);
      let res: Response;
      try {
        res = await fetch(new URL(`/api/v1/rejects?${q}`, o.url), { headers: { authorization: `Bearer ${token}` } });
      } catch (err) {
        fail(`cannot reach ${o.url}: ${(err as Error).message}`);
      }
      if (!res.ok) fail(`${o.url} answered ${res.status}: ${await res.text()}`);
      const { rejects } = RejectsResponse.parse(await res.json());
      for (const r of rejects) {
        if (o.json === true) process.stdout.write(`${JSON.stringify(r)}\n`);
        else {
          const where = r.line !== undefined ? `${r.origin}:${r.line}` : r.origin;
          process.stdout.write(`${new Date(r.receivedAt).toISOString()}  ${r.tenant}/${r.sensor}  ${where}  ${r.format}: ${r.reason}\n    ${r.raw.slice(0, 200)}\n`);
        }
      }
      process.stderr.write(`${rejects.length} rejected line(s)\n`);
    });
}

function parseDuration(text: string): number | undefined {
  const m = /^(\d+)([mhd])$/.exec(text);
  if (m === null) return undefined;
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
}

function fail(message: string): never {
  process.stderr.write(`vaern rejects: ${message}\n`);
  process.exit(2);
}
