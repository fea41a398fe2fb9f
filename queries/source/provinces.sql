-- Parquet source (CAKUPAN_SOURCE=parquet:DIR): the provinces reference as a view over DIR/provinces.csv.
-- One row per province_code.
create view provinces as
select province_code, name
from read_csv('provinces.csv', header = true, all_varchar = true)
