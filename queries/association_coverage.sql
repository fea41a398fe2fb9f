-- Coverage of each association's ecosystem per month: active participants ÷ eligible workers, over the snapshot
-- rows that give eligible_workers (rows without it count in neither part, so the share compares like with like).
-- One row per (snapshot_month, association_code).
-- $from_month, $to_month: inclusive month range (first days)
-- $associations, $segments, $provinces: lists of codes to include
with chosen as (
    select snapshot_month, association_code, active_participants, eligible_workers
    from enrollment
    where snapshot_month between $from_month and $to_month
      and list_contains($associations, association_code)
      and list_contains($segments, segment)
      and list_contains($provinces, province_code)
      and eligible_workers is not null
),
per_association as (
    select snapshot_month, association_code,
           sum(active_participants)::bigint as active_participants,
           sum(eligible_workers)::bigint as eligible_workers
    from chosen
    group by snapshot_month, association_code
),
final as (
    select snapshot_month, association_code, active_participants, eligible_workers,
           round(100.0 * active_participants / nullif(eligible_workers, 0), 2) as coverage_pct
    from per_association
)
select * from final
order by snapshot_month, association_code
