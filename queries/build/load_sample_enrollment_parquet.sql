-- Load the sample enrollment snapshots from a Parquet file (as the generator writes it) as one load.
-- $path: the Parquet file; snapshot_month written as YYYY-MM text, counts as integers
-- $load_id: the load these rows belong to
insert into enrollment by name
select strptime(snapshot_month, '%Y-%m')::date as snapshot_month, association_code, segment, province_code,
       active_participants::bigint as active_participants,
       new_participants::bigint as new_participants,
       lapsed_participants::bigint as lapsed_participants,
       eligible_workers::bigint as eligible_workers,
       $load_id as load_id
from read_parquet($path)
