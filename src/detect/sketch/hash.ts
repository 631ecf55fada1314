/**
 * 32-bit string and integer hashes for the sketches.
 *
 * FNV-1a is cheap on short strings (IP addresses, ports, domain labels) but its high bits mix
 * poorly, and HyperLogLog takes its register index from the high bits; the murmur3 finaliser
 * (fmix32) spreads every input bit over the whole word. Hand-written because this runs once per
 * event per sketch on the detection hot path, where `node:crypto` would allocate a Buffer.
 */
export function hashString(value: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Hash of a non-negative integer (a port, an AS number). */
export function hashInt(value: number, seed = 0): number {
  return fmix32((value ^ Math.imul(seed, 0x9e3779b1)) >>> 0);
}

function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
