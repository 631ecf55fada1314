import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import type { VaernEvent } from '../../../src/model/event.ts';
import { readLogFile } from '../../../src/telemetry/files/read-log-file.ts';
import { applyHeaderLine, defaultHeader } from '../../../src/telemetry/zeek/header.ts';
import { decodeZeekJson, guessPath, pathFromFileName } from '../../../src/telemetry/zeek/json.ts';
import { ZeekTsvReader } from '../../../src/telemetry/zeek/tsv.ts';
import { intervalNs, timeJson, timeText, unescapeZeek } from '../../../src/telemetry/zeek/values.ts';

const FIX = new URL('../../fixtures/zeek/', import.meta.url).pathname;
const ctx = { tenant: 't1', sensor: 'zeek1' };

async function read(name: string): Promise<{ events: VaernEvent[]; rejects: string[] }> {
  const events: VaernEvent[] = [];
  const rejects: string[] = [];
  for await (const b of readLogFile(FIX + name, ctx)) {
    events.push(...b.events);
    rejects.push(...b.rejects.map((r) => `${r.line}: ${r.reason}`));
  }
  return { events, rejects };
}

test('values: times in ms by digits, intervals in ns at microsecond precision, escapes', () => {
  assert.equal(timeText('1521911720.865716'), 1521911720865);
  assert.equal(timeText('1.001'), 1001);
  assert.equal(timeText('1521911720'), 1521911720000);
  assert.equal(timeText('XXXXXXXXXX.XXXXXX'), undefined);
  assert.equal(timeJson(1521911720.865716), 1521911720865);
  assert.equal(timeJson('2018-03-24T17:15:20.865716Z'), 1521911720865);
  assert.equal(intervalNs(0.0008699893951416016), 870000);
  assert.equal(intervalNs(0.00087), 870000);
  assert.equal(unescapeZeek('a\\x2cb\\x09c'), 'a,b\tc');
  assert.equal(unescapeZeek('\\\\\\\\host\\\\share'), '\\\\host\\share');
  assert.equal(unescapeZeek('\\xc3\\xa6'), 'æ');
  // Invalid UTF-8 stays escaped, as Zeek's JSON writer shows it.
  assert.equal(unescapeZeek('\\xff\\xfe'), '\\xff\\xfe');
});

test('header: #separator is escaped and space-separated; other lines use the separator', () => {
  const h = defaultHeader();
  for (const line of ['#separator \\x7c', '#set_separator|;', '#empty_field|EMPTY', '#unset_field|NONE', '#path|conn', '#fields|ts|uid', '#types|time|string']) {
    assert.equal(applyHeaderLine(h, line), undefined);
  }
  assert.deepEqual({ sep: h.separator, set: h.setSeparator, empty: h.emptyField, unset: h.unsetField, path: h.path, fields: h.fields }, { sep: '|', set: ';', empty: 'EMPTY', unset: 'NONE', path: 'conn', fields: ['ts', 'uid'] });
  assert.match(applyHeaderLine(h, '#types|time') ?? '', /1 entries for 2/);
  const r = new ZeekTsvReader(ctx);
  for (const line of ['#separator \\x7c', '#unset_field|NONE', '#path|conn', '#fields|ts|uid|service|tunnel_parents', '#types|time|string|string|set[string]']) r.line(line);
  const e = r.line('1.5|NONE|dns|NONE');
  assert.ok(typeof e === 'object');
  assert.equal(e['@timestamp'], 1500);
  assert.equal(e['event.id'], undefined);
  assert.equal(e['network.protocol'], 'dns');
});

test('conn: endpoints, bytes, duration, state, direction, community id; `-` vs `(empty)`', async () => {
  const { events, rejects } = await read('conn.log');
  assert.deepEqual(rejects, []);
  assert.equal(events.length, 3);
  const [a, b, c] = events as [VaernEvent, VaernEvent, VaernEvent];
  assert.deepEqual(
    { ts: a['@timestamp'], id: a['event.id'], ds: a['event.dataset'], src: a['source.ip'], sp: a['source.port'], dst: a['destination.ip'], dp: a['destination.port'], tr: a['network.transport'], proto: a['network.protocol'], dur: a['event.duration'], sb: a['source.bytes'], db: a['destination.bytes'], sp2: a['source.packets'], nb: a['network.bytes'], st: a['vaern.conn_state'], hist: a['vaern.conn_history'], dir: a['network.direction'], cid: a['network.community_id'], vendor: a['observer.vendor'] },
    { ts: 1772445600123, id: 'CAbc1', ds: 'zeek.conn', src: '10.20.1.5', sp: 51234, dst: '93.184.216.34', dp: 443, tr: 'tcp', proto: 'ssl', dur: 1_500_001_000, sb: 517, db: 4312, sp2: 12, nb: 4829, st: 'SF', hist: 'ShADadFf', dir: 'outbound', cid: '1:abc=', vendor: 'Zeek' },
  );
  assert.equal(a['log.offset'] !== undefined && a['log.file.path']?.endsWith('conn.log'), true);
  // Unset (`-`) fields are absent, not zero.
  assert.equal(b['event.duration'], undefined);
  assert.equal(b['source.bytes'], undefined);
  assert.equal(b['network.protocol'], undefined);
  assert.equal(b['source.ip'], '2001:db8::10');
  assert.equal(b['network.direction'], 'internal');
  assert.equal(c['network.direction'], 'inbound');
  assert.equal(c['event.duration'], 100_000);
});

test('TSV and JSON of the same conn records give the same events', async () => {
  const tsv = (await read('conn.log')).events;
  const json = (await read('conn.json')).events;
  assert.equal(json.length, tsv.length);
  const strip = (e: VaernEvent): Partial<VaernEvent> => {
    const { 'vaern.format': _f, 'log.file.path': _p, 'log.offset': _o, ...rest } = e;
    return rest;
  };
  for (let i = 0; i < tsv.length; i++) assert.deepEqual(strip(json[i]!), strip(tsv[i]!), `record ${i}`);
});

test('dns: question, answers, resolved IPs, escaped separator in a name, empty vs unset', async () => {
  const { events, rejects } = await read('dns.log');
  assert.deepEqual(rejects, []);
  const [a, b, c] = events as [VaernEvent, VaernEvent, VaernEvent];
  assert.equal(a['dns.question.name'], 'kommune.example');
  assert.equal(a['dns.question.type'], 'A');
  assert.equal(a['dns.response_code'], 'NOERROR');
  assert.equal(a['dns.id'], '4711');
  assert.equal(a['event.duration'], 1_200_000);
  assert.deepEqual(a['dns.answers.data'], ['www.kommune.example', '192.0.2.80']);
  assert.deepEqual(a['dns.resolved_ip'], ['192.0.2.80']);
  assert.equal(b['dns.question.name'], 'odd,name\ttab.example');
  assert.equal(b['dns.type'], 'query');
  assert.equal(b['dns.answers.data'], undefined);
  // `(empty)` is an empty string / set: no name, no answers, but still a NXDOMAIN answer.
  assert.equal(c['dns.question.name'], undefined);
  assert.equal(c['dns.response_code'], 'NXDOMAIN');
  assert.equal(c['dns.answers.data'], undefined);
});

test('http, ssl, ssh, notice, weird', async () => {
  const [http] = (await read('http.log')).events as [VaernEvent];
  assert.deepEqual(
    [http['url.domain'], http['url.path'], http['url.query'], http['http.request.method'], http['http.response.status_code'], http['user_agent.original'], http['http.response.body.bytes'], http['http.response.mime_type'], http['event.outcome']],
    ['updates.example', '/download/setup.exe', 'x=1&y=æ', 'GET', 200, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 123456, 'application/x-dosexec', 'success'],
  );
  const [tls, failed] = (await read('ssl.log')).events as [VaernEvent, VaernEvent];
  assert.deepEqual([tls['tls.server.name'], tls['tls.version'], tls['tls.version_protocol'], tls['tls.cipher'], tls['tls.client.ja3'], tls['event.outcome']], ['www.example.org', '1.3', 'tls', 'TLS_AES_128_GCM_SHA256', 'e7d705a3286e19ea42f587b344ee6865', 'success']);
  assert.equal(failed['event.outcome'], 'failure');
  assert.equal(failed['tls.version'], undefined);
  const [brute, unknown] = (await read('ssh.log')).events as [VaernEvent, VaernEvent];
  assert.deepEqual([brute['event.outcome'], brute['event.action'], brute['vaern.ssh.auth_attempts'], brute['vaern.ssh.client'], brute['network.direction']], ['failure', 'login-failed', 6, 'SSH-2.0-libssh2_1.9.0', 'inbound']);
  assert.ok(brute['event.category']?.includes('authentication'));
  assert.equal(unknown['event.outcome'], undefined);
  const [scan, cert] = (await read('notice.log')).events as [VaernEvent, VaernEvent];
  assert.deepEqual([scan['event.kind'], scan['rule.id'], scan['rule.name'], scan['source.ip'], scan['destination.ip'], scan['event.id']], ['alert', 'Scan::Port_Scan', 'Scan::Port_Scan', '198.51.100.7', '10.20.1.9', undefined]);
  assert.match(scan.message ?? '', /scanned at least 15/);
  assert.equal(cert['vaern.vendor_action'], 'Notice::ACTION_LOG,Notice::ACTION_EMAIL');
  const [weird, bare] = (await read('weird.log')).events as [VaernEvent, VaernEvent];
  assert.deepEqual([weird['event.reason'], weird['event.dataset'], weird['source.ip']], ['bad_HTTP_request', 'zeek.weird', '10.20.1.5']);
  assert.equal(bare['message'], undefined);
});

test('rejects: data before the header, wrong column count, bad ts, bad JSON', () => {
  const r = new ZeekTsvReader(ctx);
  assert.match(String(r.line('1.0\tC1')), /before a #fields header/);
  r.line('#separator \\x09');
  r.line('#path\tconn');
  r.line('#fields\tts\tuid');
  r.line('#types\ttime\tstring');
  assert.match(String(r.line('1.0\tC1\textra')), /3 columns for 2 fields/);
  assert.match(String(r.line('XXXXXXXXXX.XXXXXX\tC1')), /ts is unset or not a time/);
  assert.match(String(decodeZeekJson('{"ts":', ctx)), /not JSON/);
  assert.match(String(decodeZeekJson('[1]', ctx)), /not a JSON object/);
});

test('JSON log type from _path, the file name, or the fields', () => {
  assert.equal(pathFromFileName('/var/log/zeek/conn.2026-03-02-10-00-00.log.gz'), 'conn');
  assert.equal(pathFromFileName('dns.json'), 'dns');
  assert.equal(guessPath({ ts: 1, conn_state: 'SF' }), 'conn');
  assert.equal(guessPath({ ts: 1, note: 'X' }), 'notice');
  const e = decodeZeekJson('{"ts":1,"uid":"C1","qtype_name":"A","query":"x.example"}', ctx);
  assert.ok(typeof e === 'object');
  assert.equal(e['event.dataset'], 'zeek.dns');
  assert.equal(e['dns.question.name'], 'x.example');
});

const BASELINE = new URL('../../../../shared/corpora/zeek/testing/btest/Baseline/', import.meta.url).pathname;
test('Zeek btest baselines: no decoder crash', { skip: existsSync(BASELINE) ? false : `corpus absent: ${BASELINE}` }, async () => {
  let events = 0;
  for (const dir of readdirSync(BASELINE).slice(0, 120)) {
    for (const name of readdirSync(BASELINE + dir)) {
      if (!name.endsWith('.log')) continue;
      for await (const b of readLogFile(`${BASELINE}${dir}/${name}`, { ...ctx, format: 'zeek' })) {
        events += b.events.length;
        for (const r of b.rejects) assert.doesNotMatch(r.reason, /decoder failed/, `${dir}/${name}:${r.line}`);
      }
    }
  }
  assert.ok(events > 0);
});
