import exifr from 'exifr/dist/mini.esm.mjs';

/**
 * What an investigator checks about a photo before it becomes evidence: its SHA-256 (compared with the
 * hash the server computes on upload) and the EXIF capture time and position. Read in the browser so
 * they show the moment a file is dropped.
 */
export interface PhotoFacts {
  sha256: string | null;
  takenAt: string | null;
  lat: number | null;
  lon: number | null;
  camera: string | null;
}

export async function sha256Hex(file: Blob): Promise<string | null> {
  // crypto.subtle exists only in secure contexts (https or localhost); elsewhere the server's hash is shown alone.
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function readPhotoFacts(file: File): Promise<PhotoFacts> {
  const [sha256, exif] = await Promise.all([
    sha256Hex(file),
    file.type.startsWith('image/')
      ? (exifr.parse(file, { gps: true, pick: ['DateTimeOriginal', 'CreateDate', 'Make', 'Model', 'latitude', 'longitude'] }) as Promise<Record<string, unknown> | undefined>).catch(() => undefined)
      : Promise.resolve(undefined),
  ]);
  const taken = (exif?.DateTimeOriginal ?? exif?.CreateDate) as Date | undefined;
  return {
    sha256,
    takenAt: taken instanceof Date && !Number.isNaN(taken.getTime()) ? taken.toISOString() : null,
    lat: typeof exif?.latitude === 'number' ? exif.latitude : null,
    lon: typeof exif?.longitude === 'number' ? exif.longitude : null,
    camera: [exif?.Make, exif?.Model].filter(Boolean).join(' ') || null,
  };
}
