-- How many snapshot rows would be loaded after undoing a load: its own rows go, the rows it replaced return.
-- One row: rows_left.
-- $load_id: the load to undo
select ((select count(*) from enrollment where load_id <> $load_id)
        + (select count(*) from enrollment_history where replaced_by_load_id = $load_id))::bigint as rows_left
