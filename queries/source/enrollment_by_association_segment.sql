-- Parquet source: the province-less rollup as a view (computed per query; nothing is materialised here).
-- One row per (snapshot_month, association_code, segment), as queries/build/refresh_enrollment_by_association_segment.sql.
create view enrollment_by_association_segment as
select
    snapshot_month, association_code, segment,
    sum(active_participants)::bigint as active_participants,
    sum(new_participants)::bigint as new_participants,
    sum(lapsed_participants)::bigint as lapsed_participants
from enrollment
group by all
