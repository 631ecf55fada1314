import beaconing from './beaconing.ts';
import breachAttempts from './breach-attempts.ts';
import bruteForce from './brute-force.ts';
import type { RegisteredDetector } from './detector.ts';
import dnsTunnelling from './dns-tunnelling.ts';
import exfiltration from './exfiltration.ts';
import intelHit from './intel-hit.ts';
import lateralMovement from './lateral-movement.ts';
import longConnections from './long-connections.ts';
import newDestination from './new-destination.ts';
import portScan from './port-scan.ts';
import suricataAlert from './suricata-alert.ts';

/** Every detector Vaern ships. Adding one: write its file, list it here, give it a section in defaults.yaml. */
export const DETECTORS: readonly RegisteredDetector[] = [
  breachAttempts,
  portScan,
  bruteForce,
  beaconing,
  longConnections,
  exfiltration,
  lateralMovement,
  dnsTunnelling,
  intelHit,
  suricataAlert,
  newDestination,
];
