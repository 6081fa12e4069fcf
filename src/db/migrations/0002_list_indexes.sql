-- List pages read "the newest 50 records this actor may see" and count them. On the components
-- table (millions of wide rows) both were full scans per request: 1.4 s for one public page over
-- 1M components. (visibility, created_at, id) lets the public's count run as an index-only scan and
-- its page walk the index in order; (created_at, id) does the same for signed-in readers.
CREATE INDEX components_visibility_created ON components (visibility, created_at, id);
CREATE INDEX components_created ON components (created_at, id);
