-- Every row of the associations table, for download.
-- One row per associations row, in key order.
select *
from associations
order by all
