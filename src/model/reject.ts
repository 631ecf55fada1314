import { z } from 'zod';

/**
 * Input that could not be decoded, kept with its reason so nothing is silently lost.
 *
 * Rejects are stored beside events (per tenant) and can be listed through the API and the CLI.
 */
export interface Reject {
  /** When Vaern received the input, epoch ms. */
  receivedAt: number;
  tenant: string;
  sensor: string;
  /** Where the input came from: `udp:5514`, `tcp:5514`, or a file path. */
  origin: string;
  /** The decoder that was tried, or `syslog` when the header itself was malformed. */
  format: string;
  /** Human-readable reason, e.g. `filterlog: expected 9 fields for IPv4 tcp, got 7`. */
  reason: string;
  /** The raw line, truncated to a bounded length by the producer. */
  raw: string;
  /** 1-based line number in a file, when read from one. */
  line?: number;
  /** Byte offset of the line in its file, when read from one. */
  offset?: number;
}

/** Rejected raw input is cut to this many characters so one bad sender cannot fill the store. */
export const REJECT_RAW_MAX = 4096;

/** The outside form of a reject (API responses, `vaern rejects`); the same fields as `Reject`. */
export const RejectSchema = z.object({
  receivedAt: z.number().int(),
  tenant: z.string(),
  sensor: z.string(),
  origin: z.string(),
  format: z.string(),
  reason: z.string(),
  raw: z.string(),
  line: z.number().int().optional(),
  offset: z.number().int().optional(),
}) satisfies z.ZodType<Reject>;
