-- Parquet source (CAKUPAN_SOURCE=parquet:DIR): the snapshots as a view over DIR/enrollment.parquet, the file
-- `sample_data/generate.py --format parquet` writes (snapshot_month as YYYY-MM text, counts as integers).
-- One row per (snapshot_month, association_code, segment, province_code); same columns as the enrollment table.
create view enrollment as
select strptime(snapshot_month, '%Y-%m')::date as snapshot_month, association_code, segment, province_code,
       active_participants::bigint as active_participants,
       new_participants::bigint as new_participants,
       lapsed_participants::bigint as lapsed_participants,
       eligible_workers::bigint as eligible_workers,
       1 as load_id
from read_parquet('enrollment.parquet')
