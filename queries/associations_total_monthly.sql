-- Active participants per month added up over the chosen associations, with the formal part and its share.
-- One row per snapshot_month.
-- $associations: list of association codes to add up
select snapshot_month, active_participants, formal_participants, formal_share_pct
from common.scope_formal_monthly($associations, true)
order by snapshot_month
