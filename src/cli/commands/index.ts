import type { Command } from 'commander';
import { registerStart } from './start.ts';
import { registerParse } from './parse.ts';

/** A subcommand adds itself to the program. One file per subcommand. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerStart, registerParse];
