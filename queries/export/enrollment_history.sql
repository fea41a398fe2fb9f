-- Every row of the enrollment_history table, for download.
-- One row per enrollment_history row, in key order.
select *
from enrollment_history
order by all
