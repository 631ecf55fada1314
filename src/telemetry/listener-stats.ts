/**
 * Counters every listener keeps (syslog UDP/TCP/TLS, NetFlow), as plain numbers so telemetry
 * needs no metrics library; the server turns them into Prometheus series at scrape time.
 */
export interface ListenerStats {
  readonly name: string;
  readonly protocol: 'udp' | 'tcp' | 'tls' | 'netflow';
  /** Frames (syslog messages, NetFlow packets) received. */
  framesReceived: number;
  bytesReceived: number;
  /** Frames cut because they exceeded the maximum frame size. */
  framesOversized: number;
  /** Framing errors (bad octet count, broken TLS handshake). */
  framingErrors: number;
  /** Open TCP/TLS connections (0 for UDP). */
  connections: number;
  /** Datagrams the kernel dropped on this socket (UDP; read from /proc/net/udp{,6}). */
  socketDrops: number;
}

/** A listener's counters, all at zero. */
export function newListenerStats(name: string, protocol: ListenerStats['protocol']): ListenerStats {
  return { name, protocol, framesReceived: 0, bytesReceived: 0, framesOversized: 0, framingErrors: 0, connections: 0, socketDrops: 0 };
}
