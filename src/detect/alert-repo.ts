import type { TenantScope } from '../model/tenant.ts';
import type { Alert, AlertStatus } from './alert.ts';

/**
 * Where alert updates go. The engine returns `AlertUpdate`s; the caller hands the alerts to a
 * sink (the CLI prints them, the server persists them). Upsert by `Alert.id`: the latest version
 * of an alert replaces the stored one, except its status, which the analyst owns.
 */
export interface AlertSink {
  upsert(alerts: readonly Alert[]): Promise<void>;
}

/**
 * What the detection side needs from the state store's alerts table (for the lead to implement in
 * src/store/state/): persist updates, reload open alerts at start so deduplication carries on
 * across restarts (`Deduplicator.seed`), and record analyst status changes.
 */
export interface AlertRepo extends AlertSink {
  /** Open and acknowledged alerts last seen at or after `since`, within the scope. */
  listActive(scope: TenantScope, since: number): Promise<Alert[]>;
  get(scope: TenantScope, id: string): Promise<Alert | undefined>;
  setStatus(scope: TenantScope, id: string, status: AlertStatus, by: string): Promise<void>;
}
