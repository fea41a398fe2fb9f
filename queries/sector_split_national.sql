-- National active participants per month and sector (formal, informal, ...), with each sector's share.
-- One row per (snapshot_month, sector) inside the period.
-- $from_month, $to_month: inclusive period
with national as (
    select snapshot_month, segment, active_participants
    from national_participation
    where snapshot_month between $from_month and $to_month
),
by_sector as (
    select national.snapshot_month, segments.sector, sum(national.active_participants)::bigint as active_participants
    from national
    join segments using (segment)
    group by all
),
final as (
    select *,
        round(100.0 * active_participants / sum(active_participants) over (partition by snapshot_month), 2)
            as share_pct
    from by_sector
)
select * from final
order by snapshot_month, sector
