-- Parquet source: no load ever replaced rows here (the folder is published whole), so the history is empty,
-- with the enrollment_history table's columns.
create view enrollment_history as
select *, null::integer as replaced_by_load_id
from enrollment
where false
