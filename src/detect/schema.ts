import { z } from 'zod';

/**
 * Zod building blocks for detector configs. Values come from ./defaults.yaml; these only check
 * types and ranges, so every default has exactly one home.
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration in ms, written as a number (ms) or `90s`, `10m`, `6h`, `7d`, within [min, max] ms. */
export function duration(minMs: number, maxMs: number): z.ZodType<number> {
  return z
    .union([
      z.number(),
      z.string().transform((s, ctx) => {
        const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(s.trim());
        if (m === null) {
          ctx.addIssue({ code: 'custom', message: `not a duration: ${JSON.stringify(s)} (use e.g. 90s, 10m, 6h, 7d)` });
          return z.NEVER;
        }
        return Number(m[1]) * UNIT_MS[m[2]!]!;
      }),
    ])
    .pipe(z.number().min(minMs).max(maxMs));
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function int(min: number, max: number): z.ZodNumber {
  return z.number().int().min(min).max(max);
}

export function num(min: number, max: number): z.ZodNumber {
  return z.number().min(min).max(max);
}

export const severity = z.enum(['info', 'low', 'medium', 'high', 'critical']);

/** ISO 3166-1 alpha-2 codes, upper case. */
export const countries = z.array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case'));

export const ports = z.array(int(0, 65535));

/** Check `a < b < c ...` for named fields, as RITA checks base < low < medium < high. */
export function ascending<T extends Record<string, unknown>>(keys: (keyof T & string)[]) {
  return (cfg: T, ctx: z.RefinementCtx): void => {
    for (let i = 1; i < keys.length; i++) {
      const a = cfg[keys[i - 1]!] as number;
      const b = cfg[keys[i]!] as number;
      if (!(a < b)) ctx.addIssue({ code: 'custom', path: [keys[i]!], message: `${keys[i]} (${b}) must be greater than ${keys[i - 1]} (${a})` });
    }
  };
}
