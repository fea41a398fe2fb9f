-- How much is loaded: snapshot rows, rows kept in history, and the rows the active loads say they added,
-- read in one statement (one consistent view of the data).
-- One row: enrollment_rows, history_rows, active_loads, rows_recorded.
select
    (select count(*) from enrollment)::bigint as enrollment_rows,
    (select count(*) from enrollment_history)::bigint as history_rows,
    (select count(*) from loads where status = 'active')::bigint as active_loads,
    (select coalesce(sum(rows), 0) from loads where status = 'active')::bigint as rows_recorded
