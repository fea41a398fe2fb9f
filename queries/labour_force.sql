-- The employed population per BPS Sakernas round: the national coverage denominator.
-- One row per survey_month (first day of the survey month), oldest first.
select survey_month, employed_persons, source
from labour_force
order by survey_month
