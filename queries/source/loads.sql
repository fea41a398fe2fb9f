-- Parquet source: the load history is the one published file, described as one load.
-- One row, with the loads table's columns.
create view loads as
select
    1 as load_id, localtimestamp as loaded_at, 'enrollment.parquet' as file_name, '' as sha256,
    count(*) as rows,
    strftime(min(snapshot_month), '%Y-%m') || '..' || strftime(max(snapshot_month), '%Y-%m') as months,
    string_agg(distinct association_code, ',' order by association_code) as associations,
    'parquet source' as loaded_by, 'active' as status, null::timestamp as undone_at, 0::bigint as replaced_rows
from enrollment
