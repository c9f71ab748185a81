import { symmetricDecrypt } from 'better-auth/crypto';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { MongoClient } from 'mongodb';

export interface IdentitySigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  /** The public half, as identity publishes it at /.well-known/jwks.json. */
  publicJwk: JWK;
}

/**
 * identity's newest signing key, read from its database and decrypted with its BETTER_AUTH_SECRET, as better-auth's
 * JWT plugin does before it signs. Hostile tests sign with it what identity itself never would (an expired token,
 * another issuer or audience), to show that the refusal comes from the claim and not from an unknown key.
 */
export const identitySigningKey = async (mongoUrl: string, secret: string): Promise<IdentitySigningKey> => {
  const client = await MongoClient.connect(mongoUrl);
  try {
    const [doc] = await client.db().collection('jwks').find({}).sort({ createdAt: -1 }).limit(1).toArray();
    if (!doc) throw new Error('identity has no signing key yet (ask it for a token first)');
    const alg = String(doc.alg ?? 'EdDSA');
    const privateJwk = JSON.parse(
      await symmetricDecrypt({ key: secret, data: JSON.parse(String(doc.privateKey)) as string }),
    ) as JWK;
    return {
      kid: String(doc._id),
      alg,
      privateKey: (await importJWK(privateJwk, alg)) as CryptoKey,
      publicJwk: JSON.parse(String(doc.publicKey)) as JWK,
    };
  } finally {
    await client.close();
  }
};
