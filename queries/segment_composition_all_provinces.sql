-- The answer of segment_composition.sql when every province is chosen, read from the province-less rollup
-- enrollment_by_association_segment (db.run picks this file then; results are identical).
-- Composition of each association's active participants by segment in one month.
-- One row per (association_code, segment).
-- $month: the month to show (first day)
-- $associations, $segments: lists of codes to include
with chosen as (
    select association_code, segment, active_participants
    from enrollment_by_association_segment
    where snapshot_month = $month
      and list_contains($associations, association_code)
      and list_contains($segments, segment)
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
