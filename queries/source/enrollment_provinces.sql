-- Parquet source: the province codes present in the snapshots, as a view.
-- One row per province_code.
create view enrollment_provinces as
select distinct province_code from enrollment
