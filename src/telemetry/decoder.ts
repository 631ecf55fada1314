import type { VaernEvent } from '../model/event.ts';

/**
 * The header of a syslog message (RFC 3164 or RFC 5424), parsed by src/telemetry/syslog/.
 * A decoder sees it beside the payload so it can fall back on the header's time and host.
 */
export interface SyslogHeader {
  /** `3164`, `5424`, or `none` when the line had only a priority or no header at all. */
  readonly rfc: '3164' | '5424' | 'none';
  readonly priority?: number;
  /** Epoch ms; absent when the header carried no usable time. */
  readonly timestamp?: number;
  readonly hostname?: string;
  readonly appname?: string;
  readonly procid?: string;
  readonly msgid?: string;
  /** RFC 5424 structured data, as the raw `[id k="v"]...` text, when present. */
  readonly structuredData?: string;
}

/** What a decoder is told about where a line came from. */
export interface DecodeContext {
  readonly tenant: string;
  readonly sensor: string;
  /** When Vaern received the line: the time of last resort. */
  readonly receivedAt: number;
}

/**
 * A decoder's answer for one payload: the event, or a string saying why the payload was rejected.
 * A string rather than an object so the hot path allocates nothing on success.
 */
export type DecodeResult = VaernEvent | string;

/**
 * One log format. Each decoder lives in its own file under src/telemetry/decoders/ and is listed
 * in the registry there; adding a format touches no other file.
 */
export interface Decoder {
  /** Stable name used by `--format`, sensor configuration and `vaern.format`. */
  readonly format: string;
  /** One line for `vaern parse --help` and the docs. */
  readonly description: string;
  /**
   * Cheap test used by format auto-detection: true when the payload looks like this format.
   * Must not throw and must not be expensive: it runs on each line until a decoder claims it.
   */
  sniff(payload: string, header: SyslogHeader | undefined): boolean;
  /** Decode one payload (the syslog message body, or a whole line when there is no header). */
  decode(payload: string, header: SyslogHeader | undefined, ctx: DecodeContext): DecodeResult;
}
