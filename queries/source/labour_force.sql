-- Parquet source (CAKUPAN_SOURCE=parquet:DIR): the employed population as a view over DIR/labour_force.csv.
-- One row per survey_month.
create view labour_force as
select strptime(survey_month, '%Y-%m')::date as survey_month, employed_persons::bigint as employed_persons, source
from read_csv('labour_force.csv', header = true, all_varchar = true)
