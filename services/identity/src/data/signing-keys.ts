import type { Jwk } from 'better-auth/plugins/jwt';
import type { mongo } from 'mongoose';

/**
 * Keys worth reading: the one that signs and those still published after a rotation (one per rotation within the
 * token lifetime). better-auth's plugin would read the whole `jwks` collection, which keeps every key ever made.
 */
const KEYS_READ = 20;

/** The newest signing keys, by the createdAt index, in the shape better-auth's JWT plugin stores them. */
export const newestSigningKeys = (c: mongo.Collection<mongo.Document>) => async (): Promise<Jwk[]> => {
  const docs = await c.find({}).sort({ createdAt: -1 }).limit(KEYS_READ).toArray();
  return docs.map((d) => ({
    id: String(d._id),
    publicKey: String(d.publicKey),
    privateKey: String(d.privateKey),
    createdAt: new Date(d.createdAt as Date),
    ...(d.expiresAt ? { expiresAt: new Date(d.expiresAt as Date) } : {}),
    ...(d.alg ? { alg: d.alg as Jwk['alg'] } : {}),
    ...(d.crv ? { crv: d.crv as Jwk['crv'] } : {}),
  }));
};
