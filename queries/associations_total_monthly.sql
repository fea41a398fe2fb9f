-- Active participants per month added up over the chosen associations, with the formal part and its share.
-- One row per snapshot_month.
-- $associations: list of association codes to add up
with per_association as (
    select snapshot_month, active_participants, formal_participants
    from common.scope_formal_monthly($associations)
),
monthly as (
    select
        snapshot_month,
        sum(active_participants)::bigint as active_participants,
        sum(formal_participants)::bigint as formal_participants
    from per_association
    group by snapshot_month
),
final as (
    select *, round(100.0 * formal_participants / nullif(active_participants, 0), 2) as formal_share_pct
    from monthly
)
select * from final
order by snapshot_month
