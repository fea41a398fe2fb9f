-- Active participants per month and sector of projection scopes. Scope 'national' is the published national
-- series; any other scope is an association code, added up over provinces (the rollup).
-- One row per (scope, snapshot_month, sector) of the chosen scopes.
-- scopes: list of scopes to include ('national' and/or association codes)
create or replace macro common.scope_sectors_monthly(scopes) as table
with scope_rows as (
    select 'national' as scope, snapshot_month, segment, active_participants
    from national_participation
    where list_contains(scopes, 'national')
    union all
    select association_code as scope, snapshot_month, segment, active_participants
    from enrollment_by_association_segment
    where list_contains(scopes, association_code)
)
select scope_rows.scope, scope_rows.snapshot_month, segments.sector,
       sum(scope_rows.active_participants)::bigint as active_participants
from scope_rows
join segments using (segment)
group by all
