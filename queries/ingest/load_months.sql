-- The months a load changed: of the rows it added that are still loaded, and of the rows it replaced.
-- One row per snapshot_month.
-- $load_id: the load
select distinct snapshot_month from enrollment where load_id = $load_id
union
select distinct snapshot_month from enrollment_history where replaced_by_load_id = $load_id
order by snapshot_month
