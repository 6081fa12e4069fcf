import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { BUNDLE_FORMAT, BUNDLE_SCHEMA_VERSION, MANIFEST, SIGNATURE, manifestSchema, signatureSchema, type BundleManifest, type BundleSignature } from './format.js';
import { fingerprintOf, verifyBytes } from './keys.js';

/**
 * Checks a bundle offline: the signature over the manifest, then every member's SHA-256 and size
 * against it, and that the archive holds exactly the members the manifest lists. Every problem
 * found is reported, each with its exact reason; a bundle with any problem is not imported.
 */
export interface Verification {
  ok: boolean;
  problems: string[];
  manifest: BundleManifest | null;
  manifestSha256: string | null;
  signer: { publicKey: string; fingerprint: string } | null;
  members: number;
  bytes: number;
}

/** Called with each member's bytes as it is read (already hashed); files come one at a time. */
export type MemberSink = (name: string, body: Buffer) => Promise<void> | void;

interface Scan {
  hashes: Map<string, { sha256: string; bytes: number }>;
  manifestBytes: Buffer | null;
  signatureBytes: Buffer | null;
  duplicates: string[];
}

async function scan(file: string, sink?: MemberSink): Promise<Scan> {
  const s: Scan = { hashes: new Map(), manifestBytes: null, signatureBytes: null, duplicates: [] };
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    let bytes = 0;
    // Only bodies someone reads are kept: verifying a 1 GB bundle holds one chunk at a time.
    const keep = header.name === MANIFEST || header.name === SIGNATURE || !!sink;
    stream.on('data', (c: unknown) => {
      const b = c as Buffer;
      hash.update(b);
      bytes += b.length;
      if (keep) chunks.push(b);
    });
    stream.on('error', next);
    stream.on('end', () => {
      const body = Buffer.concat(chunks);
      if (header.name === MANIFEST) s.manifestBytes = body;
      else if (header.name === SIGNATURE) s.signatureBytes = body;
      else {
        if (s.hashes.has(header.name)) s.duplicates.push(header.name);
        s.hashes.set(header.name, { sha256: hash.digest('hex'), bytes });
      }
      Promise.resolve(sink && header.name !== MANIFEST && header.name !== SIGNATURE ? sink(header.name, body) : undefined).then(() => next(), next);
    });
  });
  await pipeline(fs.createReadStream(file), extract);
  return s;
}

function parseJson(bytes: Buffer, what: string, problems: string[]): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    problems.push(`${what} is not valid JSON: ${(e as Error).message}`);
    return null;
  }
}

/** The manifest and signature alone, checked: what `scan` needs before trusting any member. */
function checkHeader(s: Scan, problems: string[]): { manifest: BundleManifest | null; signature: BundleSignature | null } {
  if (!s.manifestBytes) problems.push(`${MANIFEST} is missing`);
  if (!s.signatureBytes) problems.push(`${SIGNATURE} is missing`);
  if (!s.manifestBytes) return { manifest: null, signature: null };
  const raw = parseJson(s.manifestBytes, MANIFEST, problems) as { format?: unknown; schemaVersion?: unknown } | null;
  if (raw && raw.format === BUNDLE_FORMAT && typeof raw.schemaVersion === 'number' && raw.schemaVersion > BUNDLE_SCHEMA_VERSION) {
    problems.push(`bundle schema version ${raw.schemaVersion} is newer than this instance reads (${BUNDLE_SCHEMA_VERSION}): upgrade Remnant to import it`);
    return { manifest: null, signature: null };
  }
  let manifest: BundleManifest | null = null;
  if (raw) {
    const m = manifestSchema.safeParse(raw);
    if (m.success) manifest = m.data;
    else problems.push(`${MANIFEST} is not a Remnant bundle manifest: ${m.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  }
  let signature: BundleSignature | null = null;
  if (s.signatureBytes) {
    const raw2 = parseJson(s.signatureBytes, SIGNATURE, problems);
    const p = signatureSchema.safeParse(raw2);
    if (raw2 && !p.success) problems.push(`${SIGNATURE} is not an Ed25519 signature record`);
    if (p.success) {
      signature = p.data;
      if (!verifyBytes(signature.publicKey, s.manifestBytes, signature.signature)) {
        problems.push(`the signature does not match ${MANIFEST} for key ${fingerprintOfSafe(signature.publicKey)}: the manifest was changed after signing, or signed by another key`);
      }
    }
  }
  return { manifest, signature };
}

function fingerprintOfSafe(publicKey: string): string {
  try {
    return fingerprintOf(publicKey);
  } catch {
    return '(unreadable key)';
  }
}

export async function verifyBundle(file: string, sink?: MemberSink): Promise<Verification> {
  const problems: string[] = [];
  let s: Scan;
  try {
    s = await scan(file, sink);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    problems.push(code === 'ENOENT' ? `${file} does not exist` : `not a readable bundle archive: ${(e as Error).message}`);
    return { ok: false, problems, manifest: null, manifestSha256: null, signer: null, members: 0, bytes: 0 };
  }
  const { manifest, signature } = checkHeader(s, problems);
  for (const d of s.duplicates) problems.push(`${d} appears twice in the archive`);
  if (manifest) {
    const listed = new Set<string>();
    for (const m of manifest.members) {
      listed.add(m.path);
      const got = s.hashes.get(m.path);
      if (!got) problems.push(`${m.path} is listed in the manifest but missing from the bundle`);
      else if (got.sha256 !== m.sha256) problems.push(`${m.path} has SHA-256 ${got.sha256}, the manifest says ${m.sha256}: its content was changed`);
      else if (got.bytes !== m.bytes) problems.push(`${m.path} has ${got.bytes} bytes, the manifest says ${m.bytes}`);
    }
    for (const name of s.hashes.keys()) if (!listed.has(name)) problems.push(`${name} is in the bundle but not in the manifest`);
  }
  let bytes = 0;
  for (const h of s.hashes.values()) bytes += h.bytes;
  return {
    ok: problems.length === 0,
    problems,
    manifest,
    manifestSha256: s.manifestBytes ? createHash('sha256').update(s.manifestBytes).digest('hex') : null,
    signer: signature ? { publicKey: signature.publicKey, fingerprint: fingerprintOfSafe(signature.publicKey) } : null,
    members: s.hashes.size,
    bytes,
  };
}
