-- The id the next load gets: one more than any load recorded (active or undone).
-- One row: load_id.
select (coalesce(max(load_id), 0) + 1)::integer as load_id
from loads
