-- Parquet source (CAKUPAN_SOURCE=parquet:DIR): the associations reference as a view over DIR/associations.csv.
-- One row per association_code; same columns and types as the associations table.
create view associations as
select association_code, name, industry_id, industry_en, pks_signed_on::date as pks_signed_on
from read_csv('associations.csv', header = true, all_varchar = true)
