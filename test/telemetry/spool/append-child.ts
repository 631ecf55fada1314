/**
 * Child process for the kill -9 test: appends numbered batches to a spool forever and reports on
 * stdout `appended <i>` after each append returns and `synced <i>` after each sync.
 */
import { openSpool } from '../../../src/telemetry/spool/spool.ts';

const dir = process.argv[2]!;
const spool = await openSpool(dir, { segmentBytes: 64 * 1024, syncIntervalMs: 5 });
for (let i = 0; ; i++) {
  spool.append({ listener: 'kill', peer: '127.0.0.1', receivedAt: i, frames: [`<13>batch ${i} a`, `<13>batch ${i} b ${'x'.repeat(i % 300)}`] });
  process.stdout.write(`appended ${i}\n`);
  if (i % 10 === 9) {
    await spool.sync();
    process.stdout.write(`synced ${i}\n`);
  }
}
