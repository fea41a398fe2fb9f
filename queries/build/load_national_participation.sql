-- Load the national active-participant series by segment from a CSV file.
-- $path: the CSV file; snapshot_month written as YYYY-MM
insert into national_participation by name
select strptime(snapshot_month, '%Y-%m')::date as snapshot_month, segment,
       active_participants::bigint as active_participants, source
from read_csv($path, header = true, all_varchar = true)
