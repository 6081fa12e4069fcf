-- What a claim says, in the ledger's own words. `quoted_text` holds only a speaker's exact words;
-- most claims need a paraphrase (a report's narration must never be copied), and statement topics
-- ("Russia's position on the cooperation") have no figure or date to carry their content.
ALTER TABLE claims ADD COLUMN statement text CHECK (statement IS NULL OR length(btrim(statement)) BETWEEN 1 AND 5000);
