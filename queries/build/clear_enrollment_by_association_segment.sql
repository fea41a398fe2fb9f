-- Empty the province-less rollup before it is filled again (db.refresh_rollups, inside the write's transaction;
-- plain DML rather than `create or replace`, so concurrent readers keep one consistent snapshot).
delete from enrollment_by_association_segment
