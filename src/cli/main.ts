import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { commands } from './commands/index.ts';

/**
 * The `vaern` command. Each subcommand lives in its own file under ./commands and is listed in
 * ./commands/index.ts.
 */
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const program = new Command('vaern')
  .description('Vaern: cyber-defence for municipalities and the centres that watch over them')
  .version(pkg.version)
  .showHelpAfterError();
for (const register of commands) register(program);
await program.parseAsync(process.argv);
