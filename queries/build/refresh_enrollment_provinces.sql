-- Rebuild the list of province codes present in enrollment (run after every write to enrollment).
-- One row per province_code.
create or replace table enrollment_provinces as
select distinct province_code from enrollment
order by province_code
