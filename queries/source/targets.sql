-- Parquet source (CAKUPAN_SOURCE=parquet:DIR): the coverage targets as a view over DIR/targets.csv.
-- One row per (scope, target_date).
create view targets as
select scope, target_date::date as target_date, target_participants::bigint as target_participants, source
from read_csv('targets.csv', header = true, all_varchar = true)
