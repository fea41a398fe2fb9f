-- Active loads that replaced rows of a given load since: that load cannot be undone before them.
-- One row per replacing load_id.
-- $load_id: the load to undo
select distinct history.replaced_by_load_id as load_id
from enrollment_history as history
join loads on loads.load_id = history.replaced_by_load_id
where history.load_id = $load_id
  and loads.status = 'active'
order by load_id
