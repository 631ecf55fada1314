import type { Command } from 'commander';
import { toEcs } from '../../model/event.ts';
import { countFlows, readFlows } from '../../telemetry/netflow/flow-log.ts';

/** `vaern flows count|read --store DIR`: the flow records `vaern collect` stored under DIR. */
export function registerFlows(program: Command): void {
  const flows = program.command('flows').description('inspect flows stored by `vaern collect`');
  flows
    .command('count')
    .description('print the number of stored flow records')
    .requiredOption('--store <dir>', 'directory given to `vaern collect --store`')
    .action((o: { store: string }) => {
      process.stdout.write(`${countFlows(o.store)}\n`);
    });
  flows
    .command('read')
    .description('print the stored flow records as ECS JSON, one per line, in the order they were stored')
    .requiredOption('--store <dir>', 'directory given to `vaern collect --store`')
    .action(async (o: { store: string }) => {
      for (const chunk of readFlows(o.store)) {
        let text = '';
        for (const e of chunk) text += `${JSON.stringify(toEcs(e))}\n`;
        // Wait for each chunk's write, so a large store piped to a slow reader is not held in memory.
        await new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
      }
    });
}
