import { Random, Weighted } from './random.ts';

/**
 * Internet sources for the demo: real public IPv4 addresses, sampled at random and kept by the
 * country the GeoIP database gives them, so the demo's map shows what Vaern's own enrichment
 * finds rather than a label the simulator made up. A Zipf-like popularity makes a few scanners
 * loud and the rest a long tail, as in real background noise.
 */
export class AttackerPool {
  private readonly byCountry: Map<string, string[]>;
  private readonly countries: Weighted<string>;
  private readonly rank: Weighted<number>;

  private constructor(byCountry: Map<string, string[]>, weights: Record<string, number>, perCountry: number) {
    this.byCountry = byCountry;
    const present = Object.keys(weights).filter((c) => (byCountry.get(c)?.length ?? 0) > 0);
    this.countries = new Weighted(present, present.map((c) => weights[c]!));
    const ranks = Array.from({ length: perCountry }, (_, i) => i);
    this.rank = new Weighted(ranks, ranks.map((i) => 1 / (i + 1) ** 1.1));
  }

  /**
   * Sample random addresses until every weighted country has `perCountry` of them (or the
   * sampling budget runs out: small countries may end up with fewer).
   */
  static build(opts: {
    countryOf: (ip: string) => string | undefined;
    weights: Record<string, number>;
    perCountry: number;
    seed: number;
    maxSamples?: number;
  }): AttackerPool {
    const rng = new Random(opts.seed);
    const wanted = new Set(Object.keys(opts.weights));
    const byCountry = new Map<string, string[]>([...wanted].map((c) => [c, []]));
    let missing = wanted.size;
    const budget = opts.maxSamples ?? 2_000_000;
    for (let i = 0; i < budget && missing > 0; i++) {
      const a = 1 + rng.int(223);
      if (a === 10 || a === 127 || a === 100) continue;
      const ip = `${a}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
      const cc = opts.countryOf(ip);
      const list = cc === undefined ? undefined : byCountry.get(cc);
      if (list === undefined || list.length >= opts.perCountry) continue;
      list.push(ip);
      if (list.length === opts.perCountry) missing--;
    }
    return new AttackerPool(byCountry, opts.weights, opts.perCountry);
  }

  pick(rng: Random): string {
    return this.pickFrom(this.countries.pick(rng), rng)!;
  }

  pickFrom(country: string, rng: Random): string | undefined {
    const list = this.byCountry.get(country);
    if (list === undefined || list.length === 0) return undefined;
    const r = this.rank.pick(rng);
    return list[r % list.length];
  }

  countriesPresent(): string[] {
    return [...this.byCountry].filter(([, l]) => l.length > 0).map(([c]) => c);
  }
}
