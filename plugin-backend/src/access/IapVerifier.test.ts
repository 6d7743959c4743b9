import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { NotAllowedError } from '@gcp-serverless/common';
import { IAP_JWT_HEADER, IapVerifier } from './IapVerifier';

const AUDIENCE = '/projects/123456/global/backendServices/789';

function keyPair() {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

/** An ES256 JWT as IAP signs it (JOSE signature: r||s, not DER). */
function jwt(
  privateKey: KeyObject,
  kid: string,
  claims: Record<string, unknown>,
): string {
  const b64 = (v: unknown) =>
    Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64({ alg: 'ES256', typ: 'JWT', kid })}.${b64(claims)}`;
  const signature = sign('sha256', Buffer.from(input), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  }).toString('base64url');
  return `${input}.${signature}`;
}

function request(headers: Record<string, string>): Request {
  return {
    header: (name: string) => headers[name.toLowerCase()],
  } as unknown as Request;
}

describe('IapVerifier', () => {
  const iap = keyPair();
  const publicKeys = async () => ({
    k1: iap.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  const verifier = new IapVerifier({ audience: AUDIENCE, publicKeys });
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: 'https://cloud.google.com/iap',
    aud: AUDIENCE,
    email: 'lead@example.com',
    sub: 'accounts.google.com:1',
    iat: now - 10,
    exp: now + 600,
  };

  it('accepts a header signed with an IAP key and returns the email', async () => {
    await expect(
      verifier.verify(
        request({ [IAP_JWT_HEADER]: jwt(iap.privateKey, 'k1', claims) }),
      ),
    ).resolves.toBe('lead@example.com');
  });

  it("rejects a forged header signed with another key under IAP's key id", async () => {
    const forger = keyPair();
    const forged = jwt(forger.privateKey, 'k1', {
      ...claims,
      email: 'attacker@example.com',
    });
    await expect(
      verifier.verify(request({ [IAP_JWT_HEADER]: forged })),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('rejects a header whose payload was edited after signing', async () => {
    const [h, , s] = jwt(iap.privateKey, 'k1', claims).split('.');
    const edited = `${h}.${Buffer.from(
      JSON.stringify({ ...claims, email: 'attacker@example.com' }),
    ).toString('base64url')}.${s}`;
    await expect(
      verifier.verify(request({ [IAP_JWT_HEADER]: edited })),
    ).rejects.toThrow(/Invalid Identity-Aware Proxy header/);
  });

  // google-auth-library allows 300 s of clock skew, so the expired token is an hour old.
  it('rejects another audience, an expired token and a wrong issuer', async () => {
    for (const bad of [
      { aud: '/projects/1/global/backendServices/2' },
      { exp: now - 3600, iat: now - 4200 },
      { iss: 'https://accounts.google.com' },
    ]) {
      await expect(
        verifier.verify(
          request({
            [IAP_JWT_HEADER]: jwt(iap.privateKey, 'k1', { ...claims, ...bad }),
          }),
        ),
      ).rejects.toBeInstanceOf(NotAllowedError);
    }
  });

  it('rejects a request without the signed header even if the unsigned email header is set', async () => {
    await expect(
      verifier.verify(
        request({
          'x-goog-authenticated-user-email':
            'accounts.google.com:lead@example.com',
        }),
      ),
    ).rejects.toThrow(/Missing x-goog-iap-jwt-assertion/);
  });
});
