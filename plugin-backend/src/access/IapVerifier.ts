import type { Request } from 'express';
import { OAuth2Client } from 'google-auth-library';
import { NotAllowedError } from '@gcp-serverless/common';

/** Header in which Identity-Aware Proxy passes its signed JWT (ES256). */
export const IAP_JWT_HEADER = 'x-goog-iap-jwt-assertion';
/** Issuer of IAP's signed headers. */
const IAP_ISSUER = 'https://cloud.google.com/iap';

/** IAP public keys by key id, PEM encoded. */
export type IapPublicKeys = Record<string, string>;

/**
 * Verifies Identity-Aware Proxy's signed header with google-auth-library: signature against IAP's
 * public keys, issuer, audience and expiry. Only the signed JWT is trusted — the unsigned
 * `x-goog-authenticated-user-email` header can be forged by anyone who reaches the backend directly.
 */
export class IapVerifier {
  private readonly client = new OAuth2Client();
  private keys?: { at: number; value: Promise<IapPublicKeys> };
  private readonly options: {
    /** Expected `aud`, e.g. `/projects/123/global/backendServices/456`. */
    audience: string;
    /** Source of the public keys; default fetches Google's published IAP keys. Tests pass their own. */
    publicKeys?: () => Promise<IapPublicKeys>;
    /** How long fetched keys are reused, ms (Google rotates them rarely). */
    keysTtlMs?: number;
    now?: () => number;
  };

  constructor(options: {
    /** Expected `aud`, e.g. `/projects/123/global/backendServices/456`. */
    audience: string;
    /** Source of the public keys; default fetches Google's published IAP keys. Tests pass their own. */
    publicKeys?: () => Promise<IapPublicKeys>;
    /** How long fetched keys are reused, ms (Google rotates them rarely). */
    keysTtlMs?: number;
    now?: () => number;
  }) {
    this.options = options;
  }

  /** The verified user email; throws NotAllowedError when the header is missing, forged, expired or for another audience. */
  async verify(req: Request): Promise<string> {
    const jwt = req.header(IAP_JWT_HEADER);
    if (!jwt)
      throw new NotAllowedError(
        `Missing ${IAP_JWT_HEADER}: this backend only accepts requests through Identity-Aware Proxy`,
      );
    let email: string | undefined;
    try {
      const ticket = await this.client.verifySignedJwtWithCertsAsync(
        jwt,
        await this.publicKeys(),
        this.options.audience,
        [IAP_ISSUER],
      );
      email = ticket.getPayload()?.email;
    } catch (err) {
      // google-auth-library's messages quote the token or its payload: say why in our words only.
      throw new NotAllowedError(
        `Invalid Identity-Aware Proxy header: ${iapRejectionReason(err)}`,
      );
    }
    if (!email)
      throw new NotAllowedError('Identity-Aware Proxy header has no email');
    return email;
  }

  private publicKeys(): Promise<IapPublicKeys> {
    const now = (this.options.now ?? Date.now)();
    const ttl = this.options.keysTtlMs ?? 3_600_000;
    if (!this.keys || now - this.keys.at > ttl) {
      const load =
        this.options.publicKeys ??
        (async () =>
          (await this.client.getIapPublicKeys()).pubkeys as IapPublicKeys);
      const value = load();
      // A failed fetch must not be cached, or one network blip would lock everybody out for an hour.
      value.catch(() => {
        if (this.keys?.value === value) this.keys = undefined;
      });
      this.keys = { at: now, value };
    }
    return this.keys.value;
  }
}

/** A fixed reason for a rejected IAP token, never echoing the token, its segments or its payload. */
export function iapRejectionReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/too late|expired/i.test(message)) return 'the token has expired';
  if (/too early|used before/i.test(message))
    return 'the token is not valid yet';
  if (/audience/i.test(message)) return 'the token is for another audience';
  if (/issuer/i.test(message)) return 'the token has the wrong issuer';
  if (/signature|pem|certificate|key/i.test(message))
    return 'the token signature does not verify';
  return 'the token is malformed';
}
