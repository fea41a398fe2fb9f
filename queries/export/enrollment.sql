-- Every row of the enrollment table, for download.
-- One row per enrollment row, in key order.
select *
from enrollment
order by all
