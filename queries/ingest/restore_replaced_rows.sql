-- Put back the rows a load replaced, exactly as they were (with their own load ids).
-- $load_id: the load being undone
insert into enrollment by name
select snapshot_month, association_code, segment, province_code, active_participants, new_participants,
       lapsed_participants, eligible_workers, load_id
from enrollment_history
where replaced_by_load_id = $load_id
