import { readdir, readFile, readlink } from 'node:fs/promises';

/**
 * Datagrams the kernel dropped on one of this process's UDP sockets, from the `drops` column of
 * /proc/net/udp and /proc/net/udp6 (Linux). The socket is found by its local port and by being
 * one of our own file descriptors, so another process on the same port is not counted.
 * Returns undefined where /proc is not available.
 */
export async function readUdpSocketDrops(port: number, procRoot = '/proc'): Promise<number | undefined> {
  const tables = await Promise.all(['udp', 'udp6'].map((f) => readFile(`${procRoot}/net/${f}`, 'utf8').catch(() => '')));
  const rows = tables.flatMap((t) => parseUdpTable(t)).filter((r) => r.port === port);
  if (rows.length === 0) return tables.every((t) => t === '') ? undefined : 0;
  const ours = await ownSocketInodes(procRoot);
  let drops = 0;
  for (const r of rows) if (ours.has(r.inode)) drops += r.drops;
  return drops;
}

export interface UdpTableRow {
  readonly port: number;
  readonly inode: string;
  readonly drops: number;
}

/** Rows of /proc/net/udp{,6}: `sl local_address rem_address st queues tr tm retrnsmt uid timeout inode ref pointer drops`. */
export function parseUdpTable(text: string): UdpTableRow[] {
  const rows: UdpTableRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 13) continue;
    const local = cols[1]!;
    const port = Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
    const drops = Number(cols[cols.length - 1]);
    if (Number.isNaN(port) || Number.isNaN(drops)) continue;
    rows.push({ port, inode: cols[9]!, drops });
  }
  return rows;
}

async function ownSocketInodes(procRoot: string): Promise<Set<string>> {
  const inodes = new Set<string>();
  const fds = await readdir(`${procRoot}/self/fd`).catch(() => [] as string[]);
  await Promise.all(
    fds.map(async (fd) => {
      const target = await readlink(`${procRoot}/self/fd/${fd}`).catch(() => '');
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m !== null) inodes.add(m[1]!);
    }),
  );
  return inodes;
}
