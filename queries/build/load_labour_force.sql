-- Load the employed population per BPS Sakernas round from a CSV file (checked first by data.reference_checks).
-- $path: the CSV file; survey_month written as YYYY-MM
insert into labour_force by name
select strptime(survey_month, '%Y-%m')::date as survey_month, employed_persons::bigint as employed_persons, source
from read_csv($path, header = true, all_varchar = true)
