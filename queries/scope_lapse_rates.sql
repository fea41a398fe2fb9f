-- Monthly lapse rates (lapsed ÷ active) of every projection scope from $from_month on: all participants,
-- the formal sector and the informal sector. The national series has no lapse figures, so 'national'
-- is estimated from all associations' snapshot rows together.
-- One row per scope.
-- $from_month: first month counted (inclusive)
with recent as (
    select rollup.association_code, segments.sector, rollup.active_participants, rollup.lapsed_participants
    from enrollment_by_association_segment as rollup  -- province-less rollup: the same sums, ~40x fewer rows
    join segments using (segment)
    where rollup.snapshot_month >= $from_month
),
per_scope as (
    select
        -- the grand total (every association together) is the 'national' scope
        if(grouping(association_code) = 1, 'national', association_code) as scope,
        sum(lapsed_participants) / nullif(sum(active_participants), 0) as lapse_rate,
        sum(lapsed_participants) filter (where sector = 'formal')
            / nullif(sum(active_participants) filter (where sector = 'formal'), 0) as formal_lapse_rate,
        sum(lapsed_participants) filter (where sector = 'informal')
            / nullif(sum(active_participants) filter (where sector = 'informal'), 0) as informal_lapse_rate
    from recent
    group by grouping sets ((association_code), ())
),
final as (
    select scope, coalesce(lapse_rate, 0)::double as lapse_rate,
           coalesce(formal_lapse_rate, 0)::double as formal_lapse_rate,
           coalesce(informal_lapse_rate, 0)::double as informal_lapse_rate
    from per_scope
)
select * from final
order by scope <> 'national', scope
