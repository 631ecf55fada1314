import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { signIn, startTestVaern } from '../helpers/vaern.ts';

/** A NetFlow v5 packet (Cisco's published layout: 24-byte header, 48-byte records). */
function netflowV5(nowMs: number, flows: { src: string; dst: string; sport: number; dport: number; proto: number; bytes: number }[]): Buffer {
  const b = Buffer.alloc(24 + 48 * flows.length);
  const uptime = 3_600_000;
  b.writeUInt16BE(5, 0);
  b.writeUInt16BE(flows.length, 2);
  b.writeUInt32BE(uptime, 4);
  b.writeUInt32BE(Math.floor(nowMs / 1000), 8);
  b.writeUInt32BE((nowMs % 1000) * 1_000_000, 12);
  b.writeUInt32BE(1, 16);
  flows.forEach((f, i) => {
    const o = 24 + 48 * i;
    const ip = (s: string): number => s.split('.').reduce((a, x) => a * 256 + Number(x), 0);
    b.writeUInt32BE(ip(f.src), o);
    b.writeUInt32BE(ip(f.dst), o + 4);
    b.writeUInt32BE(3, o + 16);
    b.writeUInt32BE(f.bytes, o + 20);
    b.writeUInt32BE(uptime - 2000, o + 24);
    b.writeUInt32BE(uptime - 1000, o + 28);
    b.writeUInt16BE(f.sport, o + 32);
    b.writeUInt16BE(f.dport, o + 34);
    b.writeUInt8(0x12, o + 37);
    b.writeUInt8(f.proto, o + 38);
  });
  return b;
}

test('NetFlow v5 from a router reaches the store, assigned to its tenant by the exporter address and enriched', { timeout: 120_000 }, async () => {
  const t = await startTestVaern({
    listeners: [{ name: 'netflow', protocol: 'netflow', host: '127.0.0.1', port: 0 }],
    tenants: [{ id: 'nordby', name: 'Nordby Kommune', networks: ['10.20.0.0/16', '198.51.100.0/24'] }],
    sensors: [{ name: 'core-router', tenant: 'nordby', address: '127.0.0.5/32' }],
  });
  const { vaern, base } = t;
  const sock = createSocket('udp4');
  try {
    sock.bind(0, '127.0.0.5');
    await once(sock, 'listening');
    const now = Date.now();
    const packet = netflowV5(now, [
      { src: '77.88.8.8', dst: '198.51.100.7', sport: 40000, dport: 22, proto: 6, bytes: 180 },
      { src: '10.20.0.5', dst: '8.8.8.8', sport: 50000, dport: 443, proto: 6, bytes: 9000 },
    ]);
    await new Promise<void>((res, rej) => sock.send(packet, vaern.listenerPorts.get('netflow')!, '127.0.0.1', (err) => (err ? rej(err) : res())));

    for (let i = 0; i < 100 && vaern.pipeline.stats().stored < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await vaern.pipeline.flush();
    }
    assert.equal(vaern.pipeline.stats().stored, 2);

    const cookie = await signIn(base);
    const q = new URLSearchParams({ from: new Date(now - 3_600_000).toISOString(), to: new Date(now + 60_000).toISOString(), ip: '77.88.8.8' });
    const res = await fetch(`${base}/api/v1/events?${q}`, { headers: { cookie } });
    assert.equal(res.status, 200);
    const { events } = (await res.json()) as { events: { source: { ip: string; geo?: { country_iso_code: string } }; destination: { port: number }; network: { direction: string; transport: string }; vaern: { tenant: string; sensor: string } }[] };
    assert.equal(events.length, 1);
    const e = events[0]!;
    assert.equal(e.vaern.tenant, 'nordby');
    assert.equal(e.vaern.sensor, 'core-router');
    assert.equal(e.source.geo?.country_iso_code, 'RU');
    assert.equal(e.destination.port, 22);
    assert.equal(e.network.transport, 'tcp');
    assert.equal(e.network.direction, 'inbound');
  } finally {
    sock.close();
    await t.stop();
  }
});
