-- Active participants per month of every projection scope: the national series ('national') and each
-- association's snapshot rows added up (its association_code). National first, then codes in order.
-- One row per (scope, snapshot_month).
with national as (
    select 'national' as scope, snapshot_month, sum(active_participants)::bigint as active_participants
    from national_participation
    group by snapshot_month
),
associations as (
    select association_code as scope, snapshot_month, sum(active_participants)::bigint as active_participants
    from enrollment_by_association_segment  -- the rollup: the same sums, ~40x fewer rows
    group by association_code, snapshot_month
),
final as (
    select * from national
    union all
    select * from associations
)
select * from final
order by scope <> 'national', scope, snapshot_month
