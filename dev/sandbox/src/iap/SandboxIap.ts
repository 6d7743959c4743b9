import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** Header in which Identity-Aware Proxy passes its signed JWT. */
const IAP_JWT_HEADER = 'x-goog-iap-jwt-assertion';
const KEY_ID = 'k1';

/**
 * Identity-Aware Proxy in front of the portal, for tests with several users: it signs the header
 * IAP adds to each request it lets through (an ES256 JWT from issuer `https://cloud.google.com/iap`
 * for the configured audience, docs/backstage.md) with a key of its own, and hands that key out as
 * IAP's public keys, so the portal's real verifier checks every request.
 */
export class SandboxIap {
  /** The `aud` of the signed headers: the backend service behind IAP. */
  readonly audience: string;
  private readonly privateKey: KeyObject;
  private readonly publicKeyPem: string;

  constructor(audience = '/projects/123456/global/backendServices/789') {
    this.audience = audience;
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKeyPem = pair.publicKey
      .export({ type: 'spki', format: 'pem' })
      .toString();
  }

  /** IAP's public keys by key id (PEM), for the portal's `iapPublicKeys` option. */
  readonly publicKeys = async (): Promise<Record<string, string>> => ({
    [KEY_ID]: this.publicKeyPem,
  });

  /** The signed JWT for `email`, valid for an hour from now. */
  jwt(email: string): string {
    const now = Math.floor(Date.now() / 1000);
    const b64 = (v: unknown) =>
      Buffer.from(JSON.stringify(v)).toString('base64url');
    const input = `${b64({ alg: 'ES256', typ: 'JWT', kid: KEY_ID })}.${b64({
      iss: 'https://cloud.google.com/iap',
      aud: this.audience,
      email,
      sub: `accounts.google.com:${email}`,
      iat: now - 10,
      exp: now + 3600,
    })}`;
    // JOSE signatures are r||s, not DER.
    const signature = sign('sha256', Buffer.from(input), {
      key: this.privateKey,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
    return `${input}.${signature}`;
  }

  /** The header IAP adds to a request of `email`. */
  headers(email: string): Record<string, string> {
    return { [IAP_JWT_HEADER]: this.jwt(email) };
  }
}
