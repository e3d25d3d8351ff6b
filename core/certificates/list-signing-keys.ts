import type { CoreDeps } from '../deps';
import { publicKeyOf } from './certificate-signing';

/** The public keys anyone may use to verify a certificate's QR payload offline, by key id. */
export async function listSigningKeys(options: { deps: CoreDeps }) {
  const { signingKey, retiredPublicKeys } = options.deps.config.certificates;
  return [
    {
      kid: signingKey.keyId,
      alg: 'Ed25519' as const,
      publicKey: await publicKeyOf(signingKey.seed),
      current: true,
    },
    ...retiredPublicKeys.map((k) => ({
      kid: k.keyId,
      alg: 'Ed25519' as const,
      publicKey: k.publicKey,
      current: false,
    })),
  ];
}
