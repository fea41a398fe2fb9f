-- Active participants of projection scopes as stored, with each segment's sector. Scope 'national' is the
-- published national series; any other scope is an association code (its rows in the province-less rollup).
-- One row per (scope, snapshot_month, segment) of the chosen scopes.
-- scopes: list of scopes to include ('national' and/or association codes)
create or replace macro common.scope_rows(scopes) as table
with scope_segments as (
    select 'national' as scope, snapshot_month, segment, active_participants
    from national_participation
    where list_contains(scopes, 'national')
    union all
    select association_code as scope, snapshot_month, segment, active_participants
    from enrollment_by_association_segment
    where list_contains(scopes, association_code)
)
select scope_segments.scope, scope_segments.snapshot_month, segments.sector, scope_segments.active_participants
from scope_segments
join segments using (segment)
