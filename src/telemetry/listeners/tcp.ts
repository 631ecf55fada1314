import { createServer } from 'node:net';
import { createStreamListener, type StreamListenerOptions } from './stream-listener.ts';
import type { FrameSink, Listener } from './listener.ts';

export type TcpListenerOptions = StreamListenerOptions;

/** Syslog over TCP (RFC 6587): octet counting or newline framing, detected per connection. */
export function createTcpListener(options: TcpListenerOptions, sink: FrameSink): Listener {
  return createStreamListener('tcp', options, sink, async (onSocket) => createServer({ noDelay: true }, onSocket));
}
