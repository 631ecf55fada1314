import type { Command } from 'commander';
import { countFlows } from '../../telemetry/netflow/flow-log.ts';

/** `vaern flows count --store DIR`: the number of flow records `vaern collect` stored under DIR. */
export function registerFlows(program: Command): void {
  const flows = program.command('flows').description('inspect flows stored by `vaern collect`');
  flows
    .command('count')
    .description('print the number of stored flow records')
    .requiredOption('--store <dir>', 'directory given to `vaern collect --store`')
    .action((o: { store: string }) => {
      process.stdout.write(`${countFlows(o.store)}\n`);
    });
}
