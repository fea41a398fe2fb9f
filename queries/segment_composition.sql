-- Composition of each association's active participants by segment in one month.
-- One row per (association_code, segment).
-- $month: the month to show (first day)
-- $associations, $segments, $provinces: lists of codes to include
-- $cells: the relation read, chosen by db.run: 'enrollment', or the province-less rollup when every province is chosen
with chosen as (
    select association_code, segment, active_participants
    from common.chosen_cells($cells, $associations, $segments, $provinces)
    where snapshot_month = $month
),
per_segment as (
    select association_code, segment, sum(active_participants)::bigint as active_participants
    from chosen
    group by all
),
final as (
    select *,
        round(100.0 * active_participants / sum(active_participants) over (partition by association_code), 2)
            as share_pct
    from per_segment
)
select * from final
order by association_code, segment
