-- Active participants per month of projection scopes (as in common.scope_rows), with the formal part and its share.
-- One row per (scope, snapshot_month); with added_up, one row per snapshot_month of the chosen scopes together
-- (scope 'added up').
-- scopes: list of scopes to include ('national' and/or association codes)
-- added_up: true to add the chosen scopes up month by month, false to keep each apart
create or replace macro common.scope_formal_monthly(scopes, added_up) as table
with monthly as (
    select
        if(added_up, 'added up', scope) as scope, snapshot_month,
        sum(active_participants)::bigint as active_participants,
        coalesce(sum(active_participants) filter (where sector = 'formal'), 0)::bigint as formal_participants
    from common.scope_rows(scopes)
    group by all
)
select *, round(100.0 * formal_participants / nullif(active_participants, 0), 2) as formal_share_pct
from monthly
