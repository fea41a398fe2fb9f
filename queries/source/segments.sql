-- Parquet source (CAKUPAN_SOURCE=parquet:DIR): the segments reference as a view over DIR/segments.csv.
-- One row per segment.
create view segments as
select segment, sector, label_id, label_en
from read_csv('segments.csv', header = true, all_varchar = true)
