-- Fill the province-less rollup again for the months a write changed: one row per (snapshot_month,
-- association_code, segment) of those months, added up over provinces as the full fill does.
-- $months: the months the write changed (a list of dates)
insert into enrollment_by_association_segment
select
    snapshot_month, association_code, segment,
    sum(active_participants)::bigint as active_participants,
    sum(new_participants)::bigint as new_participants,
    sum(lapsed_participants)::bigint as lapsed_participants
from enrollment
where list_contains($months, snapshot_month)
group by all
order by all
