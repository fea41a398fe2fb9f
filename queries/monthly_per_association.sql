-- Active participants per month of each chosen association, kept apart, with the formal part and its share.
-- One row per (association_code, snapshot_month).
-- $associations: list of association codes to include
select scope as association_code, snapshot_month, active_participants, formal_participants, formal_share_pct
from common.scope_formal_monthly($associations, false)
order by association_code, snapshot_month
