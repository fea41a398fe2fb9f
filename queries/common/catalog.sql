-- The in-memory catalog `common` that holds the definitions many queries share (the other files in this folder).
-- Attached to every connection, also to a database file opened read-only (hence `read_only false`): the
-- definitions come with the code, so a file built before them, or the Parquet source, has them too.
attach if not exists ':memory:' as common (read_only false)
