import { registerAdminRoutes, type AdminDeps } from './admin-routes';
import type { Api } from './api';

/**
 * A stand-in for what a service's handlers use at request time (repositories, Kafka, the JWT secret) while its API is
 * only declared, to write its OpenAPI document without servers: declaring a route calls no handler, so any use of it
 * is a bug and throws, naming what was used.
 */
export const notRunning = <T extends object>(what: string): T =>
  new Proxy({} as T, {
    get: (_target, key) => {
      throw new Error(`${what}.${String(key)} was used, but the service is not running (its API is only being documented)`);
    },
  });

/**
 * The OpenAPI document a service serves at /openapi.json, from its Api alone: runService adds the operator
 * routes to every service's Api, and so does this, with stand-ins for what their handlers use.
 */
export const serviceDocument = (api: Api): Record<string, unknown> => {
  registerAdminRoutes(api, notRunning<AdminDeps>('admin'));
  return api.openapi();
};
