/**
 * Spool throughput: appending frame batches (about one 64 KiB TCP read each) with group commit,
 * then reading them back and acknowledging. Runs in a temporary directory on the default tmpdir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSpool } from '../src/telemetry/spool/spool.ts';
import type { FrameBatch } from '../src/telemetry/listeners/listener.ts';

const LINE =
  '<189>date=2026-11-23 time=08:00:00 devname="fw-town-hall" devid="FG100F" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=203.0.113.7 srcport=51234 dstip=10.1.2.3 dstport=443 proto=6 action="deny" policyid=0';
const FRAMES_PER_BATCH = 250;
const BATCHES = 4000;

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

async function run(syncIntervalMs: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vaern-spool-bench-'));
  try {
    const spool = await openSpool(dir, { syncIntervalMs });
    const batches: FrameBatch[] = Array.from({ length: 16 }, (_, i) => ({
      listener: 'syslog-tcp',
      peer: `192.0.2.${i}`,
      receivedAt: Date.now(),
      frames: Array.from({ length: FRAMES_PER_BATCH }, (_, j) => `${LINE} seq=${i * FRAMES_PER_BATCH + j}`),
    }));
    let t = process.hrtime.bigint();
    for (let i = 0; i < BATCHES; i++) {
      spool.append(batches[i % batches.length]!);
      // Yield now and then, as a listener does between socket reads, so group commits can run.
      if (i % 64 === 63) await new Promise((r) => setImmediate(r));
    }
    await spool.sync();
    let secs = Number(process.hrtime.bigint() - t) / 1e9;
    const bytes = spool.stats.writePosition;
    const frames = BATCHES * FRAMES_PER_BATCH;
    emit(`spool.append.sync${syncIntervalMs}ms.mb_per_s`, bytes / secs / 1e6, 'MB/s');
    emit(`spool.append.sync${syncIntervalMs}ms.frames_per_s`, frames / secs, 'frames/s');

    t = process.hrtime.bigint();
    let read = 0;
    for (;;) {
      const r = await spool.read(10_000);
      if (r.batches.length === 0) break;
      for (const b of r.batches) read += b.frames.length;
      await spool.ack(r.position);
    }
    secs = Number(process.hrtime.bigint() - t) / 1e9;
    if (read !== frames) throw new Error(`read ${read} of ${frames} frames`);
    emit(`spool.read_ack.sync${syncIntervalMs}ms.frames_per_s`, frames / secs, 'frames/s');
    emit(`spool.read_ack.sync${syncIntervalMs}ms.mb_per_s`, bytes / secs / 1e6, 'MB/s');
    await spool.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await run(50);
await run(0);
