import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';

/**
 * Sends syslog lines to Vaern's listeners the way a firewall does: UDP datagrams, or a TCP
 * stream with RFC 6587 octet-counting framing. Each simulated device binds its own loopback
 * address (127.0.0.2, 127.0.0.3, ...) so Vaern maps it to its sensor by source address, exactly
 * as it maps real firewalls.
 */
export class SyslogSender {
  private udp: UdpSocket | undefined;
  private tcp: Socket | undefined;
  private readonly localAddress: string;
  private readonly host: string;

  constructor(opts: { localAddress: string; host: string }) {
    this.localAddress = opts.localAddress;
    this.host = opts.host;
  }

  async sendUdp(port: number, lines: readonly string[]): Promise<void> {
    if (this.udp === undefined) {
      const s = createSocket('udp4');
      s.on('error', () => undefined);
      s.bind(0, this.localAddress);
      await once(s, 'listening');
      this.udp = s;
    }
    const s = this.udp;
    // Await every 256th send so a burst cannot overrun the kernel's send queue.
    for (let i = 0; i < lines.length; i++) {
      if (i % 256 === 255) await new Promise<void>((r) => s.send(lines[i]!, port, this.host, () => r()));
      else s.send(lines[i]!, port, this.host);
    }
  }

  async sendTcp(port: number, lines: readonly string[]): Promise<void> {
    if (this.tcp === undefined || this.tcp.destroyed) {
      const s = connect({ port, host: this.host, localAddress: this.localAddress });
      s.on('error', () => undefined);
      await once(s, 'connect');
      this.tcp = s;
    }
    const s = this.tcp;
    const chunk: string[] = [];
    for (const line of lines) chunk.push(`${Buffer.byteLength(line)} ${line}`);
    if (!s.write(chunk.join(''))) await once(s, 'drain');
  }

  close(): void {
    this.udp?.close();
    this.tcp?.end();
    this.udp = undefined;
    this.tcp = undefined;
  }
}
