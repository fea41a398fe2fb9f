-- Coverage targets, national and per association.
-- One row per (scope, target_date).
select scope, target_date, target_participants, coalesce(source, '') as source
from targets
order by scope, target_date
