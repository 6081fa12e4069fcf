-- Photos that check themselves (issue 23): a perceptual hash per image for near-duplicate search,
-- the software that last saved it (EXIF Software), and a cache of thumbnails.

ALTER TABLE evidence_files
  ADD COLUMN phash bit(64),
  ADD COLUMN exif_software text CHECK (length(exif_software) <= 500);

-- Near duplicates are found by Hamming distance, bit_count(phash # $1) (PostgreSQL 14+). No index
-- answers "within distance d": the search reads every hashed row (about 1.1 µs a row here: 100,000
-- photos in ~115-130 ms, `bench/photos.ts`). This index keeps each hash with its id, so that a
-- planner may scan it instead of the wider table, and finds exact repeats of a hash at once.
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
