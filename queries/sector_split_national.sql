-- National active participants per month and sector (formal, informal, ...), with each sector's share.
-- One row per (snapshot_month, sector) inside the period.
-- $from_month, $to_month: inclusive period
with national as (
    select snapshot_month, sector, sum(active_participants)::bigint as active_participants
    from common.scope_rows(['national'])
    where snapshot_month between $from_month and $to_month
    group by all
)
select *, round(100.0 * active_participants / sum(active_participants) over (partition by snapshot_month), 2) as share_pct
from national
order by snapshot_month, sector
