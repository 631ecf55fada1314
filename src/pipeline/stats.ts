/**
 * Counters the ingest path keeps, read by the server's `/metrics` and the console's sensor page.
 * Plain numbers, so the lower layers need no metrics library; the server turns them into
 * Prometheus series at scrape time.
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

export interface SensorStats {
  readonly tenant: string;
  readonly sensor: string;
  events: number;
  rejects: number;
  /** Epoch ms of the last line seen from this sensor. */
  lastSeen: number;
}

export interface IngestStats {
  readonly listeners: readonly ListenerStats[];
  readonly sensors: readonly SensorStats[];
  /** Events decoded, rejected (kept with reason), and durably stored. */
  readonly decoded: number;
  readonly rejected: number;
  readonly stored: number;
  /** Events waiting between decode and store. */
  readonly queueDepth: number;
  /** Events lost: the queue was full (UDP input faster than the store) or the store refused a batch. */
  readonly dropped: number;
}
