-- Postings for the similar-items search (issue 19): the items holding a part key, read off the
-- maintained per-item part rows (migration 0026) — one entry per item, visibility and illustrative
-- flag — instead of off every component carrying the key. The per-item part rows are the item's
-- precomputed signature, kept by the same triggers as every other figure.
CREATE INDEX findings_item_summary_part ON findings_item_summary (key, item_id) INCLUDE (visibility, illustrative) WHERE dim = 'part';
