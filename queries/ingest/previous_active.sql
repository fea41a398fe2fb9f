-- Active participants already loaded for the months before a file's months, to reconcile the file against.
-- One row per (snapshot_month, association_code, segment, province_code).
-- $months: list of months (first days) whose rows are wanted
-- $associations: list of association codes whose rows are wanted
select snapshot_month, association_code, segment, province_code, active_participants
from enrollment
where list_contains($months, snapshot_month)
  and list_contains($associations, association_code)
