-- Restricted components a signed-in reader may count as author or grantee are found row by row
-- (findings_item_summary cannot know who reads them). The partial index of 0026 gave their item
-- only, so deciding "may this reader count it" fetched every restricted row of the scope from the
-- heap: 50,000 rows and ~10% of a million-component case dashboard, for an analyst with no grant.
-- Candidates now come from the reader's side: the restricted components they wrote (this index) and
-- those granted to them (record_grants_user); the read rule then decides on those few rows.
DROP INDEX components_restricted_item;
CREATE INDEX components_restricted_author ON components (created_by, item_id) WHERE visibility = 'restricted';
