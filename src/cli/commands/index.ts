import type { Command } from 'commander';

/** A subcommand adds itself to the program. One file per subcommand. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
