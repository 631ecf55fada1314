import type { VaernEvent } from '../../model/event.ts';
import { applyHeaderLine, defaultHeader } from './header.ts';
import { mapZeekRecord, type ZeekMapContext } from './map.ts';
import { TsvRecord } from './record.ts';

/**
 * Reads one Zeek TSV log, line by line, in order. Stateful: the `#` header says how to read the
 * lines after it, so one reader serves one file (a later header, as in concatenated logs,
 * replaces the earlier one).
 */
export class ZeekTsvReader {
  private readonly ctx: ZeekMapContext;
  private readonly header = defaultHeader();
  private record: TsvRecord | undefined;

  constructor(ctx: Omit<ZeekMapContext, 'format'>) {
    this.ctx = { tenant: ctx.tenant, sensor: ctx.sensor, format: 'zeek' };
  }

  /** The log type the header named, '' before `#path`. */
  get path(): string {
    return this.header.path;
  }

  /** An event, a reason to reject the line, or undefined for a header line. */
  line(line: string): VaernEvent | string | undefined {
    if (line.charCodeAt(0) === 35) {
      this.record = undefined;
      return applyHeaderLine(this.header, line);
    }
    const fields = this.header.fields.length;
    if (fields === 0) return 'zeek: data line before a #fields header';
    this.record ??= new TsvRecord(this.header);
    const n = this.record.load(line);
    if (n !== fields) return `zeek ${this.header.path || '?'}: ${n} columns for ${fields} fields`;
    return mapZeekRecord(this.record, this.ctx);
  }
}
