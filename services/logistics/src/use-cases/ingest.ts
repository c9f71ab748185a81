import { timingSafeEqual } from 'node:crypto';
import { createEvent, type OutgoingEvent } from '@ftt/contracts';
import { DomainError, eventSource, type Logger } from '@ftt/kit';
import type { Device } from '../domain/cold-chain/device';
import { hashSecret } from './devices';

/** The CloudEvents source of the readings the ingest publishes. */
export const INGEST_SOURCE = eventSource('logistics-ingest');

/** What the ingest process needs: the devices (read only), the producer, the clock and its limits. */
export interface IngestDeps {
  devices: { get(deviceId: string): Promise<Device | null> };
  publish: (events: OutgoingEvent[]) => Promise<void>;
  clock: () => Date;
  log: Logger;
  /** A reading may be at most this far in the device's future (clock drift), and at most this old. */
  maxFutureMs: number;
  maxAgeMs: number;
  /** How long a verified device's secret hash is kept in memory (no database read per request). */
  credentialCacheMs: number;
}

/** `Device <deviceId>:<secret>`: the logger's credentials, in the Authorization header. */
const CREDENTIALS = /^Device ([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_-]{16,128})$/;

const unauthenticated = () =>
  new DomainError(
    'device.unauthenticated',
    'send the device credentials: Authorization: Device <deviceId>:<secret>',
  );

/** Checks a device's credentials against its stored hash, remembering known devices for a short while. */
export const deviceAuthenticator = (deps: IngestDeps) => {
  const cache = new Map<string, { hash: string; until: number }>();
  return async (header: string | undefined): Promise<string> => {
    const m = CREDENTIALS.exec(header ?? '');
    if (!m) throw unauthenticated();
    const [, deviceId, secret] = m as unknown as [string, string, string];
    const now = Date.now();
    let known = cache.get(deviceId);
    if (!known || known.until < now) {
      const device = await deps.devices.get(deviceId);
      if (!device) throw unauthenticated();
      known = { hash: device.secretHash, until: now + deps.credentialCacheMs };
      if (cache.size > 50_000) cache.clear();
      cache.set(deviceId, known);
    }
    const given = Buffer.from(hashSecret(secret), 'hex');
    const stored = Buffer.from(known.hash, 'hex');
    if (given.length !== stored.length || !timingSafeEqual(given, stored)) throw unauthenticated();
    return deviceId;
  };
};

/**
 * A logger's batch: checked (times within the allowed drift and age) and published as one event keyed by the
 * device, nothing written to the database; logistics' consumer stores and judges the readings.
 */
export const ingestReadings = async (
  deps: IngestDeps,
  deviceId: string,
  readings: { t: string; c: number }[],
  traceparent?: string,
) => {
  const now = deps.clock();
  const issues = readings.flatMap((r, i) => {
    const t = Date.parse(r.t);
    if (t > now.getTime() + deps.maxFutureMs)
      return [
        {
          field: `body.readings.${i}.t`,
          message: 'must not be in the future (beyond the allowed clock drift)',
        },
      ];
    if (t < now.getTime() - deps.maxAgeMs) return [{ field: `body.readings.${i}.t`, message: 'too old' }];
    return [];
  });
  if (issues.length) throw new DomainError('readings.invalid', 'invalid readings', issues.slice(0, 20));
  const event = createEvent(
    'ftt.logistics.device.readings_recorded.v1',
    {
      deviceId,
      receivedAt: now.toISOString(),
      readings: readings.map((r) => ({ t: new Date(r.t).toISOString(), c: r.c })),
    },
    { source: INGEST_SOURCE, correlationid: deviceId, traceparent, now },
  );
  await deps.publish([event]);
  return { accepted: readings.length, eventId: event.envelope.id };
};
