import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { toEcs } from '../../../src/model/event.ts';
import { decodeBatch } from '../../../src/telemetry/decode-batch.ts';
import { detectDecoder } from '../../../src/telemetry/decoders/registry.ts';
import { parseSyslog } from '../../../src/telemetry/syslog/header.ts';

/**
 * Hand-written lines of the firewall / VPN / auth formats (Cisco ASA and FTD, Check Point,
 * Sophos, SonicWall, Juniper SRX, OpenSSH, CEF, LEEF) with the ECS JSON or reject reason each
 * must give, and the format auto-detection must pick for it.
 */
interface Case {
  name: string;
  line: string;
  expected?: unknown;
  reject?: string;
}

const RECEIVED = Date.UTC(2026, 10, 23, 12);
const VENDOR_FORMATS = ['cisco-asa', 'openssh', 'checkpoint', 'cef', 'leef', 'sophos', 'sonicwall', 'juniper-srx'];

for (const format of VENDOR_FORMATS) {
  const cases = JSON.parse(readFileSync(new URL(`../../fixtures/decoders/${format}.json`, import.meta.url), 'utf8')) as Case[];
  for (const c of cases) {
    test(`${format}: ${c.name}`, () => {
      const r = decodeBatch([c.line], { tenant: 'nordby', sensor: 'fw1', format, origin: 'test', receivedAt: RECEIVED });
      if (c.reject !== undefined) {
        assert.equal(r.events.length, 0);
        assert.equal(r.rejects[0]?.reason, c.reject);
        return;
      }
      assert.equal(r.rejects.length, 0, r.rejects[0]?.reason);
      assert.deepEqual(toEcs(r.events[0]!), c.expected);
    });
    if (c.expected !== undefined) {
      test(`${format}: ${c.name} is auto-detected`, () => {
        const { header, payload } = parseSyslog(c.line, { now: RECEIVED });
        assert.equal(detectDecoder(payload, header)?.format, format);
      });
    }
  }
}
