-- Whether the labour-force table is still empty (a database built before it existed): one row, one boolean.
select count(*) = 0 as missing
from labour_force
