-- The province codes present in the enrollment snapshots (kept by db.refresh_rollups).
-- One row per province_code.
select province_code from enrollment_provinces
order by province_code
