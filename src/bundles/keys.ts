import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The instance's Ed25519 signing key (Node's built-in crypto). It lives in a file, never in the
 * database, so that a database backup or a bundle can never carry it: by default
 * `<data dir>/keys/bundle-ed25519.pem`; `REMNANT_BUNDLE_KEY` names another file (an instance on
 * `DATABASE_URL` with several app servers points them all at one key file).
 */
export interface InstanceKey {
  privateKey: KeyObject;
  publicKey: string;
  fingerprint: string;
  file: string;
}

export function keyFile(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.REMNANT_BUNDLE_KEY || path.join(dataDir, 'keys', 'bundle-ed25519.pem'));
}

/** The raw 32-byte public key as base64url: short enough to paste into `remnant bundle trust`. */
export function publicKeyText(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' }) as { x?: string };
  if (!jwk.x) throw new Error('not an Ed25519 key');
  return jwk.x;
}

/** SHA-256 of the raw public key, hex in groups of four: what people compare over the phone. */
export function fingerprintOf(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex');
  return hex.slice(0, 32).match(/.{4}/g)!.join(':');
}

export function publicKeyObject(publicKey: string): KeyObject {
  if (!/^[A-Za-z0-9_-]{43}$/.test(publicKey)) throw new Error('a public key is 43 base64url characters (raw Ed25519)');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
}

/** Loads the key, creating it (readable by the owner only) on first use. */
export function loadOrCreateKey(file: string): InstanceKey {
  let privateKey: KeyObject;
  if (fs.existsSync(file)) {
    privateKey = createPrivateKey(fs.readFileSync(file));
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync('ed25519');
    privateKey = pair.privateKey;
    // 'wx': two processes starting together must not overwrite each other's new key.
    try {
      fs.writeFileSync(file, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      privateKey = createPrivateKey(fs.readFileSync(file));
    }
  }
  const publicKey = publicKeyText(createPublicKey(privateKey));
  return { privateKey, publicKey, fingerprint: fingerprintOf(publicKey), file };
}

export function signBytes(key: InstanceKey, data: Buffer): string {
  return sign(null, data, key.privateKey).toString('base64');
}

export function verifyBytes(publicKey: string, data: Buffer, signature: string): boolean {
  try {
    return verify(null, data, publicKeyObject(publicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
