-- Schema step: how many rows each load replaced (recorded in the load history). Safe to run on every
-- connect; a database built before this column existed gains it, with 0 for its earlier loads.
alter table loads add column if not exists replaced_rows bigint default 0
