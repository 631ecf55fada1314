import type { Command } from 'commander';
import { loadConfig, ConfigError } from '../../config/config.ts';
import type { VaernHandle } from '../../app/start.ts';

/**
 * `vaern start` runs the platform; `vaern demo` runs it with the simulated municipalities
 * feeding it. Both stay in the foreground until SIGINT/SIGTERM, then flush and stop.
 */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run Vaern: listeners, pipeline, API and console on embedded stores')
    .action(async () => run(undefined));
  program
    .command('demo')
    .description('run Vaern with simulated municipalities sending real syslog to its own listeners')
    .option('--backfill-hours <n>', 'hours of history to send at start', '24')
    .option('--seed <n>', 'seed of the simulated traffic', '1')
    .action(async (o: { backfillHours: string; seed: string }) => run({ backfillHours: Number(o.backfillHours), seed: Number(o.seed) }));
}

async function run(demo: { backfillHours: number; seed: number } | undefined): Promise<void> {
  let vaern: VaernHandle;
  try {
    const config = loadConfig();
    // Loaded on use: the whole platform is not needed to register the command (or to run `vaern parse`).
    const { startVaern } = await import('../../app/start.ts');
    vaern = await startVaern({ config, adminPassword: process.env['VAERN_ADMIN_PASSWORD'] || undefined, demo, logger: true });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`vaern: configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const ports = [...vaern.listenerPorts].map(([name, port]) => `${name} ${port}`).join(', ');
  const signIn = vaern.generatedAdminPassword !== undefined
    ? `  Sign in as admin with the generated password: ${vaern.generatedAdminPassword}\n  (shown once; set VAERN_ADMIN_PASSWORD before the first start to choose it)`
    : '  Sign in as admin (password from VAERN_ADMIN_PASSWORD at first start).';
  process.stderr.write(`\nVaern is running at ${vaern.url}\n${signIn}\n  Syslog listeners: ${ports}\n${demo ? '  Demo: simulated municipalities Nordby Kommune (DK) and Fjellvik kommune (NO) are sending traffic.\n' : ''}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    vaern.stop().then(() => process.exit(0), (err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
