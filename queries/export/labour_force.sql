-- Every row of the labour_force table, for download.
-- One row per survey_month, oldest first.
select *
from labour_force
order by survey_month
