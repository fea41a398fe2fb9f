-- Active participants per month of projection scopes, with the formal part and its share. Scope 'national' is the
-- published national series; any other scope is an association code, added up over provinces (the rollup).
-- One row per (scope, snapshot_month) of the chosen scopes.
-- scopes: list of scopes to include ('national' and/or association codes)
create or replace macro common.scope_formal_monthly(scopes) as table
with scope_rows as (
    select 'national' as scope, snapshot_month, segment, active_participants
    from national_participation
    where list_contains(scopes, 'national')
    union all
    select association_code as scope, snapshot_month, segment, active_participants
    from enrollment_by_association_segment
    where list_contains(scopes, association_code)
),
monthly as (
    select
        scope_rows.scope, scope_rows.snapshot_month,
        sum(scope_rows.active_participants)::bigint as active_participants,
        coalesce(sum(scope_rows.active_participants) filter (where segments.sector = 'formal'), 0)::bigint
            as formal_participants
    from scope_rows
    join segments using (segment)
    group by all
)
select *, round(100.0 * formal_participants / nullif(active_participants, 0), 2) as formal_share_pct
from monthly
