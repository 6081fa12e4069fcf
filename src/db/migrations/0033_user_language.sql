-- Issue 24: each account's language for the web app and portal ('en' or 'uk'); NULL = not chosen,
-- so the browser's remembered choice or its own languages decide. Kept on the account so that the
-- choice follows the investigator from one browser to the next.
ALTER TABLE users
  ADD COLUMN language text CHECK (language IN ('en', 'uk'));
