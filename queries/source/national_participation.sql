-- Parquet source (CAKUPAN_SOURCE=parquet:DIR): the national series as a view over DIR/national_participation.csv.
-- One row per (snapshot_month, segment).
create view national_participation as
select strptime(snapshot_month, '%Y-%m')::date as snapshot_month, segment,
       active_participants::bigint as active_participants, source
from read_csv('national_participation.csv', header = true, all_varchar = true)
