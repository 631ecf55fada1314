/**
 * A Map with a time-to-live and a maximum size: the one way detectors keep per-key state, so
 * every detector's memory is bounded by configuration whatever the traffic does.
 *
 * Entries sit in insertion order (JavaScript Maps keep it). Touching an entry updates its time but
 * only moves it to the tail when its position is older than a slack of ttl/8, which keeps the hot
 * path to one Map lookup for busy keys. The head therefore holds the least recently moved entries:
 * `evict` walks from the head, dropping expired entries and re-queueing fresh-but-misplaced ones,
 * and stops at the first entry placed within the TTL. When full, the oldest sixteenth at the head
 * (the least recently used, give or take the slack) is dropped to make room.
 */
interface Slot<V> {
  value: V;
  touched: number;
  placed: number;
}

export class BoundedMap<K, V> {
  readonly maxSize: number;
  readonly ttlMs: number;
  private readonly map = new Map<K, Slot<V>>();
  private readonly slack: number;
  /** Entries dropped because the map was full (not because they expired). */
  overflowed = 0;

  constructor(maxSize: number, ttlMs: number) {
    if (!(maxSize >= 1)) throw new RangeError(`maxSize must be >= 1, got ${maxSize}`);
    if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be > 0, got ${ttlMs}`);
    this.maxSize = maxSize;
    this.ttlMs = ttlMs;
    this.slack = ttlMs / 8;
  }

  get size(): number {
    return this.map.size;
  }

  /** The value without touching it. */
  peek(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  /** The value, marking it used at `now`. */
  get(key: K, now: number): V | undefined {
    const slot = this.map.get(key);
    if (slot === undefined) return undefined;
    this.touch(key, slot, now);
    return slot.value;
  }

  /** The value for `key`, created by `create` when absent; marks it used at `now`. */
  upsert(key: K, now: number, create: () => V): V {
    const slot = this.map.get(key);
    if (slot !== undefined) {
      this.touch(key, slot, now);
      return slot.value;
    }
    return this.add(key, now, create());
  }

  /**
   * Store `value` under a key the caller found absent (with `get`), making room if full. With
   * `get`, this is `upsert` for hot paths: no closure is allocated per call for a key that exists.
   */
  add(key: K, now: number, value: V): V {
    if (this.map.size >= this.maxSize) this.dropOldest();
    this.map.set(key, { value, touched: now, placed: now });
    return value;
  }

  /**
   * Drop the oldest sixteenth at once (also for owners that bound something other than entries). One at a time would restart a Map iterator per insert, and
   * V8 walks over the holes earlier deletions left at the head: quadratic when the map is full.
   */
  dropOldest(): void {
    let n = Math.max(1, this.maxSize >> 4);
    for (const key of this.map.keys()) {
      this.map.delete(key);
      this.overflowed++;
      if (--n === 0) break;
    }
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  /** Drop entries not used for longer than the TTL. Returns how many were dropped. */
  evict(now: number): number {
    const cutoff = now - this.ttlMs;
    let dropped = 0;
    for (const [key, slot] of this.map) {
      if (slot.placed >= cutoff) break;
      this.map.delete(key);
      if (slot.touched < cutoff) {
        dropped++;
      } else {
        slot.placed = slot.touched;
        this.map.set(key, slot);
      }
    }
    return dropped;
  }

  *entries(): IterableIterator<[K, V]> {
    for (const [key, slot] of this.map) yield [key, slot.value];
  }

  /** Every value, oldest placed first; cheaper than `entries` (no pair per entry) for periodic sweeps. */
  forEachValue(fn: (value: V) => void): void {
    for (const slot of this.map.values()) fn(slot.value);
  }

  private touch(key: K, slot: Slot<V>, now: number): void {
    if (now > slot.touched) slot.touched = now;
    if (now - slot.placed > this.slack) {
      slot.placed = now;
      this.map.delete(key);
      this.map.set(key, slot);
    }
  }
}
