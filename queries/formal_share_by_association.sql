-- Formal share of each association's active participants in one month, ranked from highest.
-- One row per association_code.
-- $month: the month to compare (first day)
-- $associations, $segments, $provinces: lists of codes to include
-- $cells: the relation read, chosen by db.run: 'enrollment', or the province-less rollup when every province is chosen
with chosen as (
    select association_code, segment, active_participants
    from common.chosen_cells($cells, $associations, $segments, $provinces)
    where snapshot_month = $month
),
per_association as (
    select
        chosen.association_code,
        sum(chosen.active_participants)::bigint as active_participants,
        coalesce(sum(chosen.active_participants) filter (where segments.sector = 'formal'), 0)::bigint
            as formal_participants
    from chosen
    join segments using (segment)
    group by chosen.association_code
),
final as (
    select
        association_code, formal_participants, active_participants,
        round(100.0 * formal_participants / nullif(active_participants, 0), 2) as formal_share_pct,
        rank() over (order by formal_participants / nullif(active_participants, 0) desc) as formal_share_rank
    from per_association
)
select * from final
order by formal_share_rank, association_code
