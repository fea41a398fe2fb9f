-- Fill the province-less rollup from enrollment: one row per (snapshot_month, association_code, segment),
-- inserted in month order so month ranges skip whole blocks.
insert into enrollment_by_association_segment
select
    snapshot_month, association_code, segment,
    sum(active_participants)::bigint as active_participants,
    sum(new_participants)::bigint as new_participants,
    sum(lapsed_participants)::bigint as lapsed_participants
from enrollment
group by all
order by all
