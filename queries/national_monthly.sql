-- National active participants per month (published series), with the formal part and its share.
-- One row per snapshot_month.
select snapshot_month, active_participants, formal_participants, formal_share_pct
from common.scope_formal_monthly(['national'], false)
order by snapshot_month
