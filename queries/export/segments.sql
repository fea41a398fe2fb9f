-- Every row of the segments table, for download.
-- One row per segments row, in key order.
select *
from segments
order by all
