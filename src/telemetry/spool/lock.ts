import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const LOCK_FILE = 'LOCK';
/** Lock files this process holds, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

export class SpoolLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(`${dir} is in use by process ${pid}; two writers would interleave records and acknowledge each other's`);
    this.name = 'SpoolLockedError';
  }
}

/**
 * Take the spool directory for this process, or throw SpoolLockedError when a live process holds it.
 * Returns the release function.
 *
 * A pid file rather than an mtime-refreshed lock (proper-lockfile and the like): after a `kill -9`
 * the next start must take over at once, and a dead pid says so immediately where a staleness
 * timeout would make the restarted collector wait or fail while senders' data piles up.
 */
export function lockSpool(dir: string): () => void {
  const path = resolve(dir, LOCK_FILE);
  for (;;) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      heldHere.add(path);
      return () => {
        heldHere.delete(path);
        unlinkSync(path);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    if (heldHere.has(path)) throw new SpoolLockedError(dir, process.pid);
    // Our own pid in a lock we did not take is a previous life's (a container's pid 1 comes back as 1).
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) throw new SpoolLockedError(dir, holder);
    // The holder died without releasing (or wrote nothing): take the lock over and try again.
    unlinkSync(path);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else, which still means the directory is taken.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
