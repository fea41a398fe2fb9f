-- The data version: bumped by every load and undo, so cached answers know when to recompute.
-- One row: version.
select version from data_version
