import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import { createTlsListener } from '../../../src/telemetry/listeners/tls.ts';
import { closed, collector, waitFor } from './helpers.ts';

let dir = '';
let openssl = true;

/** A throwaway self-signed P-256 certificate; a self-signed certificate is also its own CA. */
function selfSigned(name: string): void {
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${name}`,
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`)],
    { stdio: 'ignore' },
  );
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaern-tls-'));
  try {
    selfSigned('server');
    selfSigned('client');
  } catch {
    openssl = false;
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

function tlsConnect(port: number, withClientCert: boolean): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = connect({
      host: '127.0.0.1',
      port,
      ca: readFileSync(join(dir, 'server.crt')),
      ...(withClientCert ? { cert: readFileSync(join(dir, 'client.crt')), key: readFileSync(join(dir, 'client.key')) } : {}),
    });
    s.once('secureConnect', () => resolve(s));
    s.once('error', reject);
  });
}

test('TLS: octet-counted frames over RFC 5425 arrive; stop() closes the client', async (t) => {
  if (!openssl) return t.skip('openssl CLI not available to make a test certificate');
  const c = collector();
  const l = createTlsListener({ name: 'tls-test', host: '127.0.0.1', port: 0, cert: join(dir, 'server.crt'), key: join(dir, 'server.key') }, c.sink);
  const { port } = await l.start();
  try {
    const s = await tlsConnect(port, false);
    const msgs = ['<13>over tls', '<14>ÆØÅ'];
    s.write(msgs.map((m) => `${Buffer.byteLength(m)} ${m}`).join(''));
    await waitFor(() => c.frames().length === 2, 'two frames');
    assert.deepEqual(c.frames(), msgs);
    assert.equal(c.batches[0]!.peer, '127.0.0.1');
    assert.equal(l.stats.protocol, 'tls');
    assert.equal(l.stats.connections, 1);
    s.on('error', () => {});
    await l.stop();
    await closed(s);
    assert.equal(l.stats.connections, 0);
  } finally {
    await l.stop();
  }
});

test('TLS with a CA: a client without a certificate is refused and counted, one with a certificate gets through', async (t) => {
  if (!openssl) return t.skip('openssl CLI not available to make a test certificate');
  const c = collector();
  const l = createTlsListener(
    { name: 'tls-mtls', host: '127.0.0.1', port: 0, cert: join(dir, 'server.crt'), key: join(dir, 'server.key'), ca: join(dir, 'client.crt') },
    c.sink,
  );
  const { port } = await l.start();
  try {
    // TLS 1.3 reports a refused client certificate after the handshake, so the client may see it only on read.
    const anon = await tlsConnect(port, false).catch(() => undefined);
    if (anon !== undefined) {
      anon.on('error', () => {});
      anon.write('<13>should not arrive\n');
      await closed(anon);
    }
    await waitFor(() => l.stats.framingErrors === 1, 'handshake failure counted');
    const s = await tlsConnect(port, true);
    s.write('<13>authenticated\n');
    await waitFor(() => c.frames().length === 1, 'frame');
    assert.deepEqual(c.frames(), ['<13>authenticated']);
    s.destroy();
  } finally {
    await l.stop();
  }
});

test('TLS: a missing certificate file fails start()', async () => {
  const l = createTlsListener({ name: 'x', host: '127.0.0.1', port: 0, cert: '/nonexistent/c.pem', key: '/nonexistent/k.pem' }, () => {});
  await assert.rejects(l.start(), /ENOENT/);
});
