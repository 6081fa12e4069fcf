-- Photos that check themselves (issue 23): a perceptual hash per image for near-duplicate search,
-- the software that last saved it (EXIF Software), and a cache of thumbnails.

ALTER TABLE evidence_files
  ADD COLUMN phash bit(64),
  ADD COLUMN exif_software text CHECK (length(exif_software) <= 500);

-- Near duplicates are found by Hamming distance, bit_count(phash # $1) (PostgreSQL 14+). No index
-- can answer "within distance d" directly; this one holds every hashed file's hash and id, so the
-- search reads it alone (an index-only scan) rather than the table's rows. Measured by
-- `npm run bench -- --only photos`: see docs/photos.md.
CREATE INDEX evidence_files_phash ON evidence_files (phash) INCLUDE (id) WHERE phash IS NOT NULL;

-- Thumbnails, made once per content hash and size from the stored original (never evidence
-- themselves: they can be made again, and are not linked to blobs so that backup/restore order
-- does not matter; deleting a file's last description deletes them with its blob).
CREATE TABLE image_thumbnails (
  sha256 text NOT NULL,
  size integer NOT NULL CHECK (size IN (160, 480, 1280)),
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sha256, size)
);
ALTER TABLE image_thumbnails ALTER COLUMN content SET STORAGE EXTERNAL;
