-- Active participants of the filtered snapshots per month and sector, with each sector's share.
-- One row per (snapshot_month, sector) inside the period.
-- $from_month, $to_month: inclusive period
-- $associations, $segments, $provinces: lists of codes to include
-- $cells: the relation read, chosen by db.run: 'enrollment', or the province-less rollup when every province is chosen
with chosen as (
    select snapshot_month, segment, active_participants
    from common.chosen_cells($cells, $associations, $segments, $provinces)
    where snapshot_month between $from_month and $to_month
),
by_sector as (
    select chosen.snapshot_month, segments.sector, sum(chosen.active_participants)::bigint as active_participants
    from chosen
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
