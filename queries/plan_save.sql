-- Save an association plan under a name; saving again under the same name replaces it.
-- One row: the plan_id.
-- $plan_name: the plan's name, as the user typed it
-- $method, $window_months, $target_date: projection settings
-- $levers: each association's levers as a JSON object, code → levers (see cakupan/planner/plans.py)
-- $data_last_month: the latest month of the national data when saved
insert into plans (name, method, window_months, target_date, levers, data_last_month, saved_at)
values ($plan_name, $method, $window_months, $target_date, $levers, $data_last_month, current_localtimestamp())
on conflict (name) do update set
    method = excluded.method, window_months = excluded.window_months, target_date = excluded.target_date,
    levers = excluded.levers, data_last_month = excluded.data_last_month, saved_at = excluded.saved_at
returning plan_id
