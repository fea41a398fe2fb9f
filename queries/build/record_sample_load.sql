-- Record the sample enrollment load in the load history.
-- $load_id, $file_name, $sha256, $loaded_by: as in the loads table
insert into loads (load_id, loaded_at, file_name, sha256, rows, months, associations, loaded_by)
select $load_id, localtimestamp, $file_name, $sha256, count(*),
       strftime(min(snapshot_month), '%Y-%m') || '..' || strftime(max(snapshot_month), '%Y-%m'),
       string_agg(distinct association_code, ',' order by association_code),
       $loaded_by
from enrollment
where load_id = $load_id
