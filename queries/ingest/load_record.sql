-- One load of the history, to check it before undoing it.
-- One row (or none): load_id, status, rows.
-- $load_id: the load
select load_id, status, rows
from loads
where load_id = $load_id
