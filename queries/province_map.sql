-- Active participants of the chosen associations and segments in every province in one month, with the change
-- over the 12 months before it and each province's share of the month's total. All provinces of the reference
-- table appear (0 where the scope has nobody); the change is null where the month a year before has no data.
-- One row per province_code.
-- $month: the month shown (first day)
-- $associations, $segments: lists of codes to include
with chosen as (
    select snapshot_month, province_code, active_participants
    from enrollment
    where snapshot_month in ($month, $month - interval 12 month)
      and list_contains($associations, association_code)
      and list_contains($segments, segment)
),
per_province as (
    select province_code,
           sum(active_participants) filter (where snapshot_month = $month) as active_now,
           sum(active_participants) filter (where snapshot_month < $month) as active_year_before
    from chosen
    group by province_code
),
year_before_present as (
    select count(*) > 0 as present
    from chosen
    where snapshot_month < $month
),
final as (
    select provinces.province_code, provinces.name as province_name,
           coalesce(per_province.active_now, 0)::bigint as active_participants,
           case when year_before_present.present
                then coalesce(per_province.active_year_before, 0)::bigint end as active_year_before,
           round(100.0 * coalesce(per_province.active_now, 0) / nullif(sum(per_province.active_now) over (), 0), 2)
               as share_pct
    from provinces
    left join per_province using (province_code)
    cross join year_before_present
)
select province_code, province_name, active_participants, active_year_before,
       (active_participants - active_year_before)::bigint as change_12m,
       round(100.0 * (active_participants - active_year_before) / nullif(active_year_before, 0), 2) as change_12m_pct,
       share_pct
from final
order by province_code
