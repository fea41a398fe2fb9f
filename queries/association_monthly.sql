-- Active participants per month summed over the chosen associations, with the formal part and its share.
-- One row per snapshot_month.
-- $associations: list of association codes to add up
with chosen as (
    select snapshot_month, segment, active_participants
    from enrollment_by_association_segment  -- the province-less rollup: every province counts here
    where list_contains($associations, association_code)
),
sectors as (
    select segment, sector from segments
),
monthly as (
    select
        chosen.snapshot_month,
        sum(chosen.active_participants)::bigint as active_participants,
        coalesce(sum(chosen.active_participants) filter (where sectors.sector = 'formal'), 0)::bigint
            as formal_participants
    from chosen
    join sectors using (segment)
    group by chosen.snapshot_month
),
final as (
    select *, round(100.0 * formal_participants / nullif(active_participants, 0), 2) as formal_share_pct
    from monthly
)
select * from final
order by snapshot_month
