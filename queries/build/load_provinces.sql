-- Load the provinces reference (BPS codes kept as text) from a CSV file.
-- $path: the CSV file
insert into provinces by name
select province_code, name
from read_csv($path, header = true, all_varchar = true)
