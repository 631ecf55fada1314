/**
 * Which information elements (IANA IPFIX registry ids; NetFlow v9 field types share the numbers
 * below 128 and the NSEL ones) Vaern keeps, and how.
 *
 * A template field is compiled to a slot (where the value lands in the per-record scratch array)
 * and a conversion. Everything not listed here is skipped by its length, so unknown and vendor
 * fields cost one addition.
 */

/** Slots of the per-record scratch array (`Float64Array`, NaN = absent). */
export const S_SRC4 = 0;
export const S_DST4 = 1;
/** For IPv6 addresses and MACs the slot holds the byte offset of the value in the packet. */
export const S_SRC6 = 2;
export const S_DST6 = 3;
export const S_SPORT = 4;
export const S_DPORT = 5;
export const S_PROTO = 6;
export const S_FLAGS = 7;
export const S_BYTES = 8;
export const S_PKTS = 9;
export const S_RBYTES = 10;
export const S_RPKTS = 11;
export const S_TBYTES = 12;
export const S_TPKTS = 13;
export const S_IN = 14;
export const S_OUT = 15;
export const S_FIRST_UP = 16;
export const S_LAST_UP = 17;
/** Absolute start and end, epoch ms, whatever the exporter's resolution. */
export const S_START = 18;
export const S_END = 19;
export const S_START_DUS = 20;
export const S_END_DUS = 21;
export const S_SYSINIT = 22;
export const S_SAMPLING = 23;
export const S_PKT_INTERVAL = 24;
export const S_PKT_SPACE = 25;
export const S_NAT_SRC4 = 26;
export const S_NAT_DST4 = 27;
export const S_NAT_SRC6 = 28;
export const S_NAT_DST6 = 29;
export const S_NAT_SPORT = 30;
export const S_NAT_DPORT = 31;
export const S_SRC_AS = 32;
export const S_DST_AS = 33;
export const S_SRC_MAC = 34;
export const S_DST_MAC = 35;
export const S_DIR = 36;
export const S_OBS = 37;
export const S_DURATION = 38;
export const SLOT_COUNT = 39;

/** Conversions. */
export const C_SKIP = 0;
/** Unsigned big-endian integer of 1 to 8 bytes (RFC 7011 reduced-size encoding included). */
export const C_UINT = 1;
/** Remember the offset; the value is formatted only if the event is built. */
export const C_OFFSET = 2;
/** Seconds to ms. */
export const C_SEC = 3;
/** 64-bit NTP timestamp (dateTimeMicroseconds/Nanoseconds) to epoch ms. */
export const C_NTP = 4;

/** Private enterprise number of RFC 5103 reverse information elements. */
export const REVERSE_PEN = 29305;

/** [slot, conversion, required length (0 = any integer length 1..8)]. */
type Mapping = readonly [slot: number, conv: number, len: number];

const IANA = new Map<number, Mapping>([
  [1, [S_BYTES, C_UINT, 0]], // octetDeltaCount / IN_BYTES
  [2, [S_PKTS, C_UINT, 0]], // packetDeltaCount / IN_PKTS
  [4, [S_PROTO, C_UINT, 1]],
  [6, [S_FLAGS, C_UINT, 0]],
  [7, [S_SPORT, C_UINT, 2]],
  [8, [S_SRC4, C_UINT, 4]],
  [10, [S_IN, C_UINT, 0]],
  [11, [S_DPORT, C_UINT, 2]],
  [12, [S_DST4, C_UINT, 4]],
  [14, [S_OUT, C_UINT, 0]],
  [16, [S_SRC_AS, C_UINT, 0]],
  [17, [S_DST_AS, C_UINT, 0]],
  [21, [S_LAST_UP, C_UINT, 4]],
  [22, [S_FIRST_UP, C_UINT, 4]],
  [27, [S_SRC6, C_OFFSET, 16]],
  [28, [S_DST6, C_OFFSET, 16]],
  [34, [S_SAMPLING, C_UINT, 0]], // samplingInterval
  [50, [S_SAMPLING, C_UINT, 0]], // samplerRandomInterval
  [56, [S_SRC_MAC, C_OFFSET, 6]],
  [61, [S_DIR, C_UINT, 1]],
  [80, [S_DST_MAC, C_OFFSET, 6]],
  [85, [S_TBYTES, C_UINT, 0]], // octetTotalCount
  [86, [S_TPKTS, C_UINT, 0]], // packetTotalCount
  [150, [S_START, C_SEC, 4]],
  [151, [S_END, C_SEC, 4]],
  [152, [S_START, C_UINT, 8]],
  [153, [S_END, C_UINT, 8]],
  [154, [S_START, C_NTP, 8]],
  [155, [S_END, C_NTP, 8]],
  [156, [S_START, C_NTP, 8]],
  [157, [S_END, C_NTP, 8]],
  [158, [S_START_DUS, C_UINT, 4]],
  [159, [S_END_DUS, C_UINT, 4]],
  [160, [S_SYSINIT, C_UINT, 8]],
  [161, [S_DURATION, C_UINT, 4]],
  [225, [S_NAT_SRC4, C_UINT, 4]],
  [226, [S_NAT_DST4, C_UINT, 4]],
  [227, [S_NAT_SPORT, C_UINT, 2]],
  [228, [S_NAT_DPORT, C_UINT, 2]],
  [231, [S_BYTES, C_UINT, 0]], // initiatorOctets (Cisco NSEL fwd_flow_delta_bytes)
  [232, [S_RBYTES, C_UINT, 0]], // responderOctets
  [281, [S_NAT_SRC6, C_OFFSET, 16]],
  [282, [S_NAT_DST6, C_OFFSET, 16]],
  [298, [S_PKTS, C_UINT, 0]], // initiatorPackets
  [299, [S_RPKTS, C_UINT, 0]], // responderPackets
  [305, [S_PKT_INTERVAL, C_UINT, 0]],
  [306, [S_PKT_SPACE, C_UINT, 0]],
  [322, [S_OBS, C_SEC, 4]],
  [323, [S_OBS, C_UINT, 8]],
]);

/** RFC 5103: the reverse direction of a biflow, under PEN 29305 with the forward IE's id. */
const REVERSE = new Map<number, Mapping>([
  [1, [S_RBYTES, C_UINT, 0]],
  [2, [S_RPKTS, C_UINT, 0]],
  [85, [S_RBYTES, C_UINT, 0]],
  [86, [S_RPKTS, C_UINT, 0]],
]);

const SKIP: Mapping = [0, C_SKIP, 0];

/**
 * How to decode field `id` of enterprise `pen` (0 = IANA) with length `len` (65535 = variable).
 * A field whose length does not fit the mapping is skipped rather than misread.
 */
export function mappingOf(id: number, pen: number, len: number): Mapping {
  const m = pen === 0 ? IANA.get(id) : pen === REVERSE_PEN ? REVERSE.get(id) : undefined;
  if (m === undefined) return SKIP;
  const want = m[2];
  if (want === 0 ? len < 1 || len > 8 : len !== want) return SKIP;
  return m;
}
