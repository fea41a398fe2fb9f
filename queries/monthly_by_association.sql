-- Active participants per month for each chosen association, with the formal part and its share.
-- One row per (association_code, snapshot_month).
-- $associations: list of association codes to include
with chosen as (
    select association_code, snapshot_month, segment, active_participants
    from enrollment_by_association_segment  -- the province-less rollup: every province counts here
    where list_contains($associations, association_code)
),
sectors as (
    select segment, sector from segments
),
monthly as (
    select
        chosen.association_code,
        chosen.snapshot_month,
        sum(chosen.active_participants)::bigint as active_participants,
        coalesce(sum(chosen.active_participants) filter (where sectors.sector = 'formal'), 0)::bigint
            as formal_participants
    from chosen
    join sectors using (segment)
    group by chosen.association_code, chosen.snapshot_month
),
final as (
    select *, round(100.0 * formal_participants / nullif(active_participants, 0), 2) as formal_share_pct
    from monthly
)
select * from final
order by association_code, snapshot_month
