import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords and bearer secrets. Passwords are hashed with argon2id (the library's default
 * algorithm) at OWASP's minimum parameters; session cookies and API tokens are 256-bit random
 * values stored only as their SHA-256, which is enough for a secret nobody chose (no dictionary to
 * try) and lets every request be checked without an argon2 computation.
 */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN = 10;
/** argon2 has no length limit of its own; a megabyte password would be a cheap denial of service. */
export const PASSWORD_MAX = 200;

export function passwordProblem(pw: string): string | null {
  if (pw.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (pw.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (/^\s|\s$/.test(pw)) return 'must not start or end with a space';
  return null;
}

export function hashPassword(pw: string): Promise<string> {
  return hash(pw, ARGON2);
}

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw);
  } catch {
    // A malformed stored hash is not a match, and not a reason to tell the caller anything.
    return false;
  }
}

// A hash of a password nobody has: verifying against it when the username is unknown makes a
// wrong username cost as long as a wrong password, so response times do not reveal who has an account.
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstNothing(pw: string): Promise<false> {
  dummyHash ??= hash(randomBytes(16).toString('hex'), ARGON2);
  await verifyPassword(await dummyHash, pw);
  return false;
}

/** No 0/O, 1/l/I: a printed password gets typed by hand. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password: 4 groups of 5 from a 31-letter alphabet, ~99 bits. */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 5; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

export const TOKEN_PREFIX = 'rmt_';

/** A personal API token: recognisable prefix (secret scanners, logs) and 256 random bits. */
export function newApiToken(): { token: string; sha256: string; prefix: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, sha256: sha256Hex(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

export function newSessionSecret(): { token: string; sha256: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, sha256: sha256Hex(token) };
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
