-- Record a load in the load history.
-- $load_id, $file_name, $sha256, $rows, $months, $associations, $loaded_by, $replaced_rows: as in the loads table
insert into loads (load_id, loaded_at, file_name, sha256, rows, months, associations, loaded_by, replaced_rows)
values ($load_id, localtimestamp, $file_name, $sha256, $rows, $months, $associations, $loaded_by, $replaced_rows)
