import { readFile } from 'node:fs/promises';
import { createServer } from 'node:tls';
import { createStreamListener, type StreamListenerOptions } from './stream-listener.ts';
import type { FrameSink, Listener } from './listener.ts';

export interface TlsListenerOptions extends StreamListenerOptions {
  /** PEM certificate (chain) file. */
  readonly cert: string;
  /** PEM private key file. */
  readonly key: string;
  /** PEM CA file; when given, clients must present a certificate it signed (RFC 5425 §5.2). */
  readonly ca?: string;
}

/**
 * Syslog over TLS (RFC 5425). The files are read on `start()`, so a missing or bad file fails the
 * start rather than the first connection. A failed handshake counts as a framing error.
 */
export function createTlsListener(options: TlsListenerOptions, sink: FrameSink): Listener {
  return createStreamListener('tls', options, sink, async (onSocket, stats) => {
    const [cert, key, ca] = await Promise.all([
      readFile(options.cert),
      readFile(options.key),
      options.ca === undefined ? undefined : readFile(options.ca),
    ]);
    const clientAuth = ca !== undefined;
    const server = createServer({ cert, key, ca, requestCert: clientAuth, rejectUnauthorized: clientAuth, minVersion: 'TLSv1.2' }, onSocket);
    server.on('tlsClientError', (_err, socket) => {
      stats.framingErrors++;
      socket.destroy();
    });
    return server;
  });
}
