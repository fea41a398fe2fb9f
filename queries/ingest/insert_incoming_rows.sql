-- Add the validated rows of the registered frame `incoming` as the rows of a new load.
-- $load_id: the new load
insert into enrollment by name
select snapshot_month, association_code, segment, province_code, active_participants, new_participants,
       lapsed_participants, eligible_workers, $load_id as load_id
from incoming
