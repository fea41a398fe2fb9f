-- Participant growth per month for the filtered snapshots, broken down by one dimension.
-- One row per (snapshot_month, group_key) inside the period.
-- $breakdown: 'association', 'segment', 'province' or 'total' (the dimension group_key holds)
-- $from_month, $to_month: inclusive period (first days of months)
-- $associations, $segments, $provinces: lists of codes to include
-- $cells: the relation read, chosen by db.run: 'enrollment', or the province-less rollup when every province is chosen
with filtered as (
    select
        snapshot_month,
        case $breakdown
            when 'association' then association_code
            when 'segment' then segment
            when 'province' then province_code
            else 'total'
        end as group_key,
        active_participants, new_participants, lapsed_participants
    from common.chosen_cells($cells, $associations, $segments, $provinces)
    -- a year before the period too: year-on-year growth of the period's first months needs it
    where snapshot_month between ($from_month::date - interval 12 month) and $to_month
),
monthly as (
    select
        snapshot_month, group_key,
        sum(active_participants)::bigint as active_participants,
        sum(new_participants)::bigint as new_participants,
        sum(lapsed_participants)::bigint as lapsed_participants
    from filtered
    group by all
),
with_changes as (
    select
        current.*,
        current.active_participants - previous.active_participants as net_additions,
        round(100.0 * (current.active_participants / nullif(year_before.active_participants, 0) - 1), 2)
            as yoy_growth_pct
    from monthly as current
    left join monthly as previous
        on previous.group_key = current.group_key
       and previous.snapshot_month = (current.snapshot_month - interval 1 month)::date
    left join monthly as year_before
        on year_before.group_key = current.group_key
       and year_before.snapshot_month = (current.snapshot_month - interval 12 month)::date
),
final as (
    select * from with_changes
    where snapshot_month between $from_month and $to_month
)
select * from final
order by snapshot_month, group_key
