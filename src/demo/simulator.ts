import { SyslogSender } from './sender.ts';
import { formatLine } from './format.ts';
import type { Scenario, SimConnection } from './scenario.ts';

export interface SimulatorTarget {
  readonly host: string;
  readonly udpPort: number;
  readonly tcpPort: number;
}

export interface SimulatorHandle {
  /** Lines sent so far. */
  readonly sent: () => number;
  /** Resolves when the backfill has been handed to the sockets. */
  readonly backfilled: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a scenario against Vaern's listeners: first `backfillHours` of history (over TCP, which
 * does not drop, so the picture is complete), then live traffic every `tickMs`, each device on
 * its own transport.
 */
export function startSimulator(opts: {
  scenario: Scenario;
  target: SimulatorTarget;
  backfillHours: number;
  tickMs?: number;
  now?: () => number;
}): SimulatorHandle {
  const now = opts.now ?? Date.now;
  const senders = new Map<string, SyslogSender>();
  const senderFor = (address: string): SyslogSender => {
    const local = address.split('/')[0]!;
    let s = senders.get(local);
    if (s === undefined) senders.set(local, (s = new SyslogSender({ localAddress: local, host: opts.target.host })));
    return s;
  };
  let sent = 0;
  let stopped = false;
  let cursor = now() - opts.backfillHours * 3_600_000;

  const send = async (conns: SimConnection[], forceTcp: boolean): Promise<void> => {
    const groups = new Map<string, { conn: SimConnection; lines: string[] }>();
    for (const c of conns) {
      const key = c.sensor.address;
      let g = groups.get(key);
      if (g === undefined) groups.set(key, (g = { conn: c, lines: [] }));
      g.lines.push(formatLine(c));
    }
    for (const [address, g] of groups) {
      const s = senderFor(address);
      if (forceTcp || g.conn.sensor.transport === 'tcp') await s.sendTcp(opts.target.tcpPort, g.lines);
      else await s.sendUdp(opts.target.udpPort, g.lines);
      sent += g.lines.length;
    }
  };

  const backfilled = (async () => {
    const end = now();
    // An hour at a time keeps memory flat however long the backfill.
    while (!stopped && cursor < end) {
      const next = Math.min(end, cursor + 3_600_000);
      await send(opts.scenario.between(cursor, next), true);
      cursor = next;
    }
  })();

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = backfilled;
  const tick = (): void => {
    running = running.then(async () => {
      if (stopped) return;
      const t = now();
      await send(opts.scenario.between(cursor, t), false);
      cursor = t;
    }).catch(() => undefined);
  };
  void backfilled.then(() => {
    if (!stopped) timer = setInterval(tick, opts.tickMs ?? 1000);
  });

  return {
    sent: () => sent,
    backfilled,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      await running.catch(() => undefined);
      for (const s of senders.values()) s.close();
    },
  };
}
