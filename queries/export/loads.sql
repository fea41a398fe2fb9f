-- Every row of the loads table, for download.
-- One row per loads row, in key order.
select *
from loads
order by all
