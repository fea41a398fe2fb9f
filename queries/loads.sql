-- The load history, newest first.
-- One row per load.
select load_id, loaded_at, file_name, sha256, rows, months, associations, loaded_by, status, undone_at, replaced_rows
from loads
order by load_id desc
