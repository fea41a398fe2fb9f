-- Remove the rows a load added.
-- $load_id: the load being undone
delete from enrollment
where load_id = $load_id
