-- National active participants per month (published series), with the formal part and its share.
-- One row per snapshot_month.
with national as (
    select snapshot_month, segment, active_participants from national_participation
),
sectors as (
    select segment, sector from segments
),
monthly as (
    select
        national.snapshot_month,
        sum(national.active_participants)::bigint as active_participants,
        coalesce(sum(national.active_participants) filter (where sectors.sector = 'formal'), 0)::bigint
            as formal_participants
    from national
    join sectors using (segment)
    group by national.snapshot_month
),
final as (
    select *, round(100.0 * formal_participants / nullif(active_participants, 0), 2) as formal_share_pct
    from monthly
)
select * from final
order by snapshot_month
