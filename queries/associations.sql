-- The PKS associations, for filters and labels.
-- One row per association_code.
select association_code, name, industry_id, industry_en, pks_signed_on
from associations
order by association_code
