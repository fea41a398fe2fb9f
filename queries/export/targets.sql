-- Every row of the targets table, for download.
-- One row per targets row, in key order.
select *
from targets
order by all
