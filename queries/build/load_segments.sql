-- Load the segments reference (segment → sector, labels in both languages) from a CSV file.
-- $path: the CSV file
insert into segments by name
select segment, sector, label_id, label_en
from read_csv($path, header = true, all_varchar = true)
