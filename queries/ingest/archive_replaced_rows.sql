-- Copy the loaded rows of every (month, association) in the registered frame `incoming` into the history,
-- marked as replaced by the new load, so the load can be undone exactly.
-- $load_id: the new load
insert into enrollment_history by name
select enrollment.*, $load_id as replaced_by_load_id
from enrollment
semi join (select distinct snapshot_month, association_code from incoming) as covered
    using (snapshot_month, association_code)
