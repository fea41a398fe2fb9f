-- Rebuild the province-less rollup from enrollment (db.refresh_rollups runs it after every write).
-- One row per (snapshot_month, association_code, segment); stored in month order so month ranges skip blocks.
create or replace table enrollment_by_association_segment as
select
    snapshot_month, association_code, segment,
    sum(active_participants)::bigint as active_participants,
    sum(new_participants)::bigint as new_participants,
    sum(lapsed_participants)::bigint as lapsed_participants
from enrollment
group by all
order by all
