import type { VaernEvent } from '../../model/event.ts';
import type { DecodeContext, SyslogHeader } from '../decoder.ts';

export interface Observer {
  readonly format: string;
  readonly vendor: string;
  readonly product: string;
}

/**
 * The fields every network-log decoder starts from: tenant, sensor, format, observer, a network
 * connection classification, and the time of last resort (the syslog header's, else receipt).
 * The decoder overwrites `@timestamp` when the log carries its own time and `observer.hostname`
 * when the log names the device.
 */
export function networkEvent(observer: Observer, header: SyslogHeader | undefined, ctx: DecodeContext): VaernEvent {
  const e: VaernEvent = {
    '@timestamp': header?.timestamp ?? ctx.receivedAt,
    'vaern.tenant': ctx.tenant,
    'vaern.sensor': ctx.sensor,
    'vaern.format': observer.format,
    'event.kind': 'event',
    'event.category': ['network'],
    'event.type': ['connection'],
    'observer.vendor': observer.vendor,
    'observer.product': observer.product,
    'observer.type': 'firewall',
  };
  if (header?.hostname !== undefined) e['observer.hostname'] = header.hostname;
  return e;
}

/** ECS MAC form (`AA-BB-CC-DD-EE-FF`) of `aa:bb:cc:dd:ee:ff` or `aabb.ccdd.eeff`, or undefined. */
export function ecsMac(text: string): string | undefined {
  const hex = text.replace(/[:.-]/g, '');
  if (hex.length !== 12 || !/^[0-9a-fA-F]{12}$/.test(hex)) return undefined;
  const up = hex.toUpperCase();
  return `${up.slice(0, 2)}-${up.slice(2, 4)}-${up.slice(4, 6)}-${up.slice(6, 8)}-${up.slice(8, 10)}-${up.slice(10, 12)}`;
}

/** Seconds (as text) to ECS `event.duration` nanoseconds. */
export function secondsToNs(text: string): number | undefined {
  const n = Number(text);
  return text !== '' && Number.isFinite(n) && n >= 0 ? Math.round(n * 1e9) : undefined;
}
