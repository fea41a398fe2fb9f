-- Active participants per month of projection scopes, with the formal part and its share (scope as in
-- common.scope_sectors_monthly: 'national' for the published series, else an association code).
-- One row per (scope, snapshot_month) of the chosen scopes.
-- scopes: list of scopes to include ('national' and/or association codes)
create or replace macro common.scope_formal_monthly(scopes) as table
with monthly as (
    select
        scope, snapshot_month,
        sum(active_participants)::bigint as active_participants,
        coalesce(sum(active_participants) filter (where sector = 'formal'), 0)::bigint as formal_participants
    from common.scope_sectors_monthly(scopes)
    group by all
)
select *, round(100.0 * formal_participants / nullif(active_participants, 0), 2) as formal_share_pct
from monthly
