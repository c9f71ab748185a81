import { Api, currentTraceparent, type AuthSettings } from '@ftt/kit';
import { deviceAuthenticator, ingestReadings, type IngestDeps } from '../use-cases/ingest';
import { ReadingsAccepted, ReadingsBody } from './cold-chain-schemas';

/**
 * The ingest's HTTP API (its own process, src/ingest-main.ts, so it scales apart from logistics): loggers post
 * batches of readings; each batch is validated and published, never written to the database here.
 */
export const ingestApi = (auth: AuthSettings, deps: IngestDeps): Api => {
  const api = new Api(
    {
      title: 'FieldToTable logistics ingest',
      version: '1.0.0',
      description: 'Temperature loggers send their readings here, in batches, authenticated per device.',
    },
    auth,
  );
  const authenticate = deviceAuthenticator(deps);
  api.route({
    method: 'post',
    path: '/readings',
    summary:
      'A batch of 1..500 readings of one logger ({t: ISO 8601 with offset, c: °C}), in any order, repeats allowed. ' +
      'Published to the readings topic keyed by the device; 202 once the broker has it.',
    tags: ['ingest'],
    // the device's credentials, before its body is read: a stranger gets 401 whatever they send
    auth: (headers) => authenticate(headers.authorization),
    headers: {
      authorization: {
        required: true,
        description: 'Device <deviceId>:<secret> (from POST /devices on logistics)',
      },
    },
    body: ReadingsBody,
    status: 202,
    response: ReadingsAccepted,
    errors: [401],
    handler: async ({ principal: deviceId, body }) =>
      ingestReadings(deps, deviceId, body.readings, currentTraceparent()),
  });
  return api;
};
