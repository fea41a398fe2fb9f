-- Parquet source: the data version is the newest modification time of the folder's files (milliseconds),
-- so publishing a new file refreshes every cached answer. read_blob reads no file content here.
-- One row: version.
create view data_version as
select epoch_ms(max(last_modified)::timestamp)::bigint as version
from read_blob('*')
