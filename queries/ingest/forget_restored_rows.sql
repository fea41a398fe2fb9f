-- Drop from the history the rows an undo has put back in enrollment (they are current again).
-- $load_id: the load being undone
delete from enrollment_history
where replaced_by_load_id = $load_id
