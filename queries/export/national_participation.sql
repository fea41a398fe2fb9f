-- Every row of the national_participation table, for download.
-- One row per national_participation row, in key order.
select *
from national_participation
order by all
