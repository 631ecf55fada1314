import { Worker } from 'node:worker_threads';

/** What the receiver thread (receiver.ts) posts. */
interface ReceiverMessage {
  block?: ArrayBuffer;
  lengths: number[];
  addresses: string[];
  bound?: number;
  closed?: boolean;
  error?: string;
}

export interface ReceiverOptions {
  /** For error messages. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** SO_RCVBUF in bytes; the kernel default when absent (the kernel doubles what is asked). */
  readonly recvBufferSize?: number;
  readonly v6: boolean;
}

export interface ReceiverThread {
  /** The bound port (port 0 resolves to the kernel's choice). */
  readonly port: number;
  /** Stop reading, deliver the datagrams already read, end the thread. */
  close(): Promise<void>;
}

/**
 * Start the UDP reader thread (receiver.ts) and deliver its datagrams on this thread, in arrival
 * order, each as a view into the block it came in (valid during the call only). Both NetFlow
 * collectors read this way: a thread that only drains the socket keeps draining it while this one
 * decodes, writes or collects garbage, which is what keeps a busy host from overflowing the
 * socket buffer. Rejects when the port cannot be bound; later socket errors go to `onError`.
 */
export async function startReceiver(
  opts: ReceiverOptions,
  onDatagram: (msg: Buffer, exporter: string, now: number) => void,
  onError: (message: string) => void,
): Promise<ReceiverThread> {
  const worker = new Worker(new URL('./receiver.ts', import.meta.url), {
    workerData: { host: opts.host, port: opts.port, recvBufferSize: opts.recvBufferSize, v6: opts.v6 },
  });
  let closed: (() => void) | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    worker.on('message', (m: ReceiverMessage) => {
      if (m.block !== undefined) {
        const now = Date.now();
        let off = 0;
        for (let i = 0; i < m.lengths.length; i++) {
          const len = m.lengths[i]!;
          onDatagram(Buffer.from(m.block, off, len), m.addresses[i]!, now);
          off += len;
        }
      } else if (m.bound !== undefined) resolve(m.bound);
      else if (m.closed) closed?.();
      else if (m.error !== undefined) {
        // Before binding this is fatal (port in use); after it, reported and reading goes on.
        onError(m.error);
        reject(new Error(`netflow collector ${opts.name}: ${m.error}`));
      }
    });
    worker.once('error', reject);
  }).catch(async (err: unknown) => {
    await worker.terminate();
    throw err;
  });
  return {
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        closed = resolve;
        worker.postMessage({ close: true });
      });
      await worker.terminate();
    },
  };
}
