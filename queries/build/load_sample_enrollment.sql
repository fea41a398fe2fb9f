-- Load the sample enrollment snapshots as one load.
-- $path: the CSV file; $load_id: the load these rows belong to
insert into enrollment by name
select strptime(snapshot_month, '%Y-%m')::date as snapshot_month, association_code, segment, province_code,
       active_participants::bigint as active_participants,
       new_participants::bigint as new_participants,
       lapsed_participants::bigint as lapsed_participants,
       nullif(eligible_workers, '')::bigint as eligible_workers,
       $load_id as load_id
from read_csv($path, header = true, all_varchar = true)
