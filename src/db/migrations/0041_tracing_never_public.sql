-- Trace requests and the correspondence filed with them are never published: a letter to a
-- manufacturer or distributor, or its answer, made public could burn a source or a cooperating
-- company (docs/access.md). Transfers (trace_hops) may be published on their own merits.
ALTER TABLE trace_requests ADD CONSTRAINT trace_requests_not_public CHECK (visibility <> 'public');
ALTER TABLE evidence_files ADD CONSTRAINT evidence_files_correspondence_not_public
  CHECK (trace_request_id IS NULL OR visibility <> 'public');
