import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VaernEvent } from '../../../src/model/event.ts';
import { readLogFile } from '../../../src/telemetry/files/read-log-file.ts';
import { decodeEve, suricata } from '../../../src/telemetry/suricata/eve.ts';

const FIX = new URL('../../fixtures/suricata/eve.json', import.meta.url).pathname;
const ctx = { tenant: 't1', sensor: 'ids1' };

async function read(): Promise<{ events: VaernEvent[]; rejects: string[] }> {
  const events: VaernEvent[] = [];
  const rejects: string[] = [];
  for await (const b of readLogFile(FIX, ctx)) {
    events.push(...b.events);
    rejects.push(...b.rejects.map((r) => `${r.line}: ${r.reason}`));
  }
  return { events, rejects };
}

test('EVE file: every type maps, bad lines are rejects with reasons', async () => {
  const { events, rejects } = await read();
  assert.deepEqual(events.map((e) => e['event.dataset']), ['suricata.alert', 'suricata.alert', 'suricata.flow', 'suricata.dns', 'suricata.dns', 'suricata.http', 'suricata.tls', 'suricata.anomaly', 'suricata.stats']);
  assert.equal(rejects.length, 3);
  assert.match(rejects[0]!, /^10: suricata alert: alert\.signature_id/);
  assert.match(rejects[1]!, /^11: suricata: timestamp "not a time"/);
  assert.match(rejects[2]!, /^12: suricata: not JSON/);
  for (const e of events) assert.equal(e['observer.vendor'], 'OISF');
});

test('alert follows the IDS-alert detector contract', async () => {
  const [allowed, blocked] = (await read()).events as [VaernEvent, VaernEvent];
  assert.deepEqual(
    [allowed['event.kind'], allowed['rule.id'], allowed['rule.name'], allowed['rule.ruleset'], allowed['event.severity'], allowed['event.action'], allowed['@timestamp'], allowed['source.ip'], allowed['destination.port'], allowed['network.transport'], allowed['network.protocol'], allowed['event.id'], allowed['network.community_id'], allowed['observer.hostname']],
    ['alert', '2024897', 'ET USER_AGENTS Go HTTP Client User-Agent', 'Potentially Bad Traffic', 2, 'allowed', Date.UTC(2026, 2, 2, 10, 0, 0, 123), '10.20.1.5', 80, 'tcp', 'http', '1234567890123456', '1:LQU9qZlK+B5F3KDmev6m5PMibrg=', 'suricata-kommune'],
  );
  assert.deepEqual([blocked['event.action'], blocked['vaern.vendor_action'], blocked['event.severity']], ['denied', 'blocked', 1]);
});

test('flow, dns (v2 and v3), http, tls, anomaly', async () => {
  const events = (await read()).events;
  const flow = events[2]!;
  assert.deepEqual([flow['source.bytes'], flow['destination.bytes'], flow['network.packets'], flow['event.duration'], flow['vaern.conn_state'], flow['event.reason']], [700, 5200, 11, 2_250_000_000, 'closed', 'timeout']);
  const [v2, v3] = [events[3]!, events[4]!];
  assert.deepEqual([v2['dns.question.name'], v2['dns.type'], v2['dns.response_code'], v2['dns.resolved_ip']], ['kommune.example', 'answer', 'NOERROR', ['192.0.2.80']]);
  assert.deepEqual([v3['dns.question.name'], v3['dns.question.type'], v3['dns.type'], v3['network.transport']], ['evil.example', 'TXT', 'query', 'udp']);
  const http = events[5]!;
  assert.deepEqual([http['url.domain'], http['url.path'], http['url.query'], http['http.version'], http['user_agent.original'], http['http.response.status_code']], ['updates.example', '/download/setup.exe', 'x=1', '1.1', 'Go-http-client/1.1', 200]);
  const tls = events[6]!;
  assert.deepEqual([tls['tls.server.name'], tls['tls.version'], tls['tls.version_protocol'], tls['tls.client.ja3'], tls['tls.server.issuer']], ['www.example.org', '1.2', 'tls', 'e7d705a3286e19ea42f587b344ee6865', "CN=R3, O=Let's Encrypt, C=US"]);
  assert.deepEqual([events[7]!['event.reason'], events[7]!['event.code']], ['stream.pkt_invalid_timestamp', 'stream']);
});

test('decoder sniffs EVE lines for syslog-forwarded input', () => {
  const line = '{"timestamp":"2026-03-02T11:00:00+0100","event_type":"alert","alert":{"signature_id":1}}';
  assert.equal(suricata.sniff(line, undefined), true);
  assert.equal(suricata.sniff('<134>Mar  2 11:00:00 fw filterlog: 1,2,3', undefined), false);
  assert.equal(typeof decodeEve(line, ctx), 'object');
});
