-- The tables and columns of the open database's main schema: a file built by earlier code lacks some of the
-- current schema's (compared with a database built in memory), and is then upgraded by one write.
-- One row per (table_name, column_name).
select table_name, column_name
from duckdb_columns()
where database_name = current_database() and schema_name = 'main'
