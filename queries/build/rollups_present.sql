-- Whether this database file has every rollup table (files built before the rollups existed do not).
-- One row: present (true when all of $tables exist).
-- $tables: the rollup table names
select count(*) = len($tables) as present
from information_schema.tables
where list_contains($tables, table_name)
