#!/usr/bin/env node
// Entry point for `vaern` / `npx vaern`. Vaern runs its TypeScript sources directly, which needs
// Node >= 24 (type stripping). Where the system Node is older, re-run on the Node 24 binary that
// the `node` devDependency installs, so users never have to manage Node versions themselves.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  await import(join(root, 'src', 'cli', 'main.ts'));
} else {
  const pinned = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(pinned)) {
    console.error(`vaern needs Node >= 24 (found ${process.version}); run \`npm install\` in ${root} to fetch it.`);
    process.exit(1);
  }
  const child = spawn(pinned, [join(root, 'src', 'cli', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  // Pass stop requests on, so `vaern start` and `vaern collect` flush and exit cleanly.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128)));
}
