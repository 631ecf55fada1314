import type { Command } from 'commander';
import { registerStart } from './start.ts';
import { registerIngest } from './ingest.ts';
import { registerRejects } from './rejects.ts';
import { registerParse } from './parse.ts';
import { registerConformance } from './conformance.ts';
import { registerCollect } from './collect.ts';
import { registerFlows } from './flows.ts';
import { registerDetect } from './detect.ts';

/** A subcommand adds itself to the program. One file per subcommand. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerStart, registerIngest, registerRejects, registerParse, registerConformance, registerCollect, registerFlows, registerDetect];
