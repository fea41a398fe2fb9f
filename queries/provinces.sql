-- Provinces with their BPS codes, for filters and labels.
-- One row per province_code.
select province_code, name
from provinces
order by province_code
