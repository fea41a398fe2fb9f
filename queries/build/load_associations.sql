-- Load the associations reference from a CSV file.
-- $path: the CSV file (columns as in sample_data/README.md)
insert into associations by name
select association_code, name, industry_id, industry_en, pks_signed_on::date as pks_signed_on
from read_csv($path, header = true, all_varchar = true)
