-- What is loaded now for each (month, association) a checked file covers: rows and active participants.
-- One row per (snapshot_month, association_code) of the registered frame `incoming`, also when nothing is loaded.
with covered as (
    select distinct snapshot_month, association_code from incoming
),
current as (
    select snapshot_month, association_code, count(*) as rows_before,
           sum(active_participants)::bigint as active_before
    from enrollment
    semi join covered using (snapshot_month, association_code)
    group by all
),
final as (
    select covered.snapshot_month, covered.association_code,
           coalesce(current.rows_before, 0)::bigint as rows_before,
           coalesce(current.active_before, 0)::bigint as active_before
    from covered
    left join current using (snapshot_month, association_code)
)
select * from final
order by snapshot_month, association_code
