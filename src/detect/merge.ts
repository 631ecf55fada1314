import type { VaernEvent } from '../model/event.ts';

/**
 * Merge several streams of event batches into one stream in event-time order, as detectors need
 * (a port scan spread over two firewalls' files is one scan). Each source is assumed roughly in
 * time order (log files are); each of its batches is sorted on arrival, then the sources are
 * merged k-way, holding one batch per source, so memory stays bounded by batch size x sources.
 */
export async function* mergeByTime(sources: readonly AsyncIterable<VaernEvent[]>[], batchSize = 4096): AsyncGenerator<VaernEvent[]> {
  interface Head {
    it: AsyncIterator<VaernEvent[]>;
    batch: VaernEvent[];
    i: number;
  }
  const heads: Head[] = [];
  const refill = async (h: Head): Promise<boolean> => {
    for (;;) {
      const r = await h.it.next();
      if (r.done === true) return false;
      if (r.value.length === 0) continue;
      h.batch = r.value.sort((a, b) => a['@timestamp'] - b['@timestamp']);
      h.i = 0;
      return true;
    }
  };
  for (const s of sources) {
    const h: Head = { it: s[Symbol.asyncIterator](), batch: [], i: 0 };
    if (await refill(h)) heads.push(h);
  }
  let out: VaernEvent[] = [];
  while (heads.length > 0) {
    let min = 0;
    for (let k = 1; k < heads.length; k++) {
      if (heads[k]!.batch[heads[k]!.i]!['@timestamp'] < heads[min]!.batch[heads[min]!.i]!['@timestamp']) min = k;
    }
    const h = heads[min]!;
    out.push(h.batch[h.i++]!);
    if (h.i >= h.batch.length && !(await refill(h))) heads.splice(min, 1);
    if (out.length >= batchSize) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}
