-- National active participants per month and sector (formal, informal, ...), with each sector's share.
-- One row per (snapshot_month, sector) inside the period.
-- $from_month, $to_month: inclusive period
select
    snapshot_month, sector, active_participants,
    round(100.0 * active_participants / sum(active_participants) over (partition by snapshot_month), 2) as share_pct
from common.scope_sectors_monthly(['national'])
where snapshot_month between $from_month and $to_month
order by snapshot_month, sector
