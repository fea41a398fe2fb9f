-- Load the coverage targets (national and per association) from a CSV file.
-- $path: the CSV file
insert into targets by name
select scope, target_date::date as target_date, target_participants::bigint as target_participants, source
from read_csv($path, header = true, all_varchar = true)
