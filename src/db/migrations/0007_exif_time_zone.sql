-- EXIF capture times keep the zone they were found with (issue 18).
--
-- DateTimeOriginal is the camera's wall clock without a zone. Until now it was read as if it were
-- UTC and stored in exif_taken_at, which then showed a precise instant that the photo never said.
-- Now the wall clock is kept as written (exif_taken_local), beside how its zone is known:
--   offset  EXIF OffsetTimeOriginal ("+03:00")
--   gps     derived from the GPS date and time stamps (UTC)
--   none    local camera time, time zone unknown
-- and exif_taken_at holds the instant only when the zone is known.
ALTER TABLE evidence_files
  -- Text, not timestamp: the wall clock must come back as written, never as an instant in some zone.
  ADD COLUMN exif_taken_local text CHECK (exif_taken_local ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$'),
  ADD COLUMN exif_zone_source text CHECK (exif_zone_source IN ('offset', 'gps', 'none')),
  ADD COLUMN exif_utc_offset text CHECK (exif_utc_offset ~ '^[+-][0-9]{2}:[0-9]{2}$');

-- Existing rows: the old reader took the wall clock in the server process's zone (UTC for every
-- way Remnant ships) and never looked at an offset or GPS time, so the wall clock is recovered
-- and the zone is honestly unknown. Not an edit by anyone: updated_at is left alone.
ALTER TABLE evidence_files DISABLE TRIGGER evidence_files_touch;
UPDATE evidence_files
   SET exif_taken_local = to_char(exif_taken_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'), exif_zone_source = 'none', exif_taken_at = NULL
 WHERE exif_taken_at IS NOT NULL;
ALTER TABLE evidence_files ENABLE TRIGGER evidence_files_touch;

ALTER TABLE evidence_files
  ADD CONSTRAINT evidence_files_exif_zone_check CHECK ((exif_taken_local IS NULL) = (exif_zone_source IS NULL)),
  ADD CONSTRAINT evidence_files_exif_instant_check CHECK (
    CASE exif_zone_source WHEN 'none' THEN exif_taken_at IS NULL AND exif_utc_offset IS NULL
                          WHEN 'offset' THEN exif_taken_at IS NOT NULL AND exif_utc_offset IS NOT NULL
                          WHEN 'gps' THEN exif_taken_at IS NOT NULL AND exif_utc_offset IS NOT NULL
                          ELSE exif_taken_at IS NULL END);

COMMENT ON COLUMN evidence_files.exif_taken_at IS 'capture instant, only when the time zone is known (exif_zone_source offset or gps)';
COMMENT ON COLUMN evidence_files.exif_taken_local IS 'EXIF DateTimeOriginal as written: the camera''s wall clock, no zone';
