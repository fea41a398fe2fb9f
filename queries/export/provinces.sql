-- Every row of the provinces table, for download.
-- One row per provinces row, in key order.
select *
from provinces
order by all
