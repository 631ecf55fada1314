import type { Cidr, IpAddr } from './ip.ts';
import { packRanges4, packRanges6, type Ranges4, type Ranges6, type Segment } from './range-table.ts';

/**
 * CIDR -> value lookup (tenant networks, asset zones, intel ranges) for IPv4 and IPv6.
 *
 * Nested CIDRs are flattened once, at build time, into disjoint ranges; each range carries the
 * value `pick` derives from the CIDRs that cover it (innermost last). Longest-prefix match is
 * `pick = innermost`; intel keeps every covering entry. A lookup is then one binary search, which
 * holds ~1M+ lookups/s for thousands of CIDRs without a per-node trie in the heap.
 */
export class PrefixMap<V> {
  private readonly v4: Ranges4;
  private readonly v6: Ranges6;
  private readonly values: readonly V[];

  private constructor(v4: Ranges4, v6: Ranges6, values: readonly V[]) {
    this.v4 = v4;
    this.v6 = v6;
    this.values = values;
  }

  static build<T, V>(items: Iterable<{ readonly cidr: Cidr; readonly item: T }>, pick: (covering: readonly T[]) => V): PrefixMap<V> {
    const values: V[] = [];
    const four: { cidr: Cidr; item: T }[] = [];
    const six: { cidr: Cidr; item: T }[] = [];
    for (const it of items) (it.cidr.version === 4 ? four : six).push(it);
    return new PrefixMap(packRanges4(flatten(four, pick, values)), packRanges6(flatten(six, pick, values)), values);
  }

  /** The value for the ranges holding `addr`, or undefined when no CIDR covers it. */
  get(addr: IpAddr): V | undefined {
    const i = addr.version === 4 ? this.v4.find(addr.v4) : addr.version === 6 ? this.v6.find(addr.v6) : -1;
    return i < 0 ? undefined : this.values[i];
  }

  /** Number of disjoint ranges after flattening (a size measure for tests and benchmarks). */
  get rangeCount(): number {
    return this.v4.length + this.v6.length;
  }
}

/** Longest-prefix match: the innermost covering CIDR wins. */
export function innermost<T>(covering: readonly T[]): T {
  return covering[covering.length - 1]!;
}

/**
 * Sweep CIDRs sorted by start (outer before inner) with a stack of open blocks, emitting a segment
 * whenever the covering set changes. CIDRs never partly overlap, so the stack is always a chain
 * of nested blocks.
 */
function flatten<T, V>(items: { cidr: Cidr; item: T }[], pick: (covering: readonly T[]) => V, values: V[]): Segment[] {
  items.sort((a, b) => (a.cidr.start < b.cidr.start ? -1 : a.cidr.start > b.cidr.start ? 1 : a.cidr.prefix - b.cidr.prefix));
  const segments: Segment[] = [];
  const stack: { cidr: Cidr; item: T }[] = [];
  let current = -1;
  let cursor = 0n;
  const emit = (from: bigint, to: bigint): void => {
    if (from > to) return;
    if (current < 0) {
      current = values.length;
      values.push(pick(stack.map((s) => s.item)));
    }
    segments.push({ start: from, end: to, value: current });
  };
  const close = (): void => {
    const top = stack[stack.length - 1]!;
    emit(cursor, top.cidr.end);
    stack.pop();
    cursor = top.cidr.end + 1n;
    current = -1;
  };
  for (const it of items) {
    while (stack.length > 0 && stack[stack.length - 1]!.cidr.end < it.cidr.start) close();
    if (stack.length > 0) emit(cursor, it.cidr.start - 1n);
    stack.push(it);
    current = -1;
    cursor = it.cidr.start;
  }
  while (stack.length > 0) close();
  return segments;
}
