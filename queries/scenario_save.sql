-- Save a what-if scenario under a name; saving again under the same name replaces it.
-- One row: the scenario_id.
-- $scenario_name: the scenario's name, as the user typed it
-- $scope: 'national' or an association code
-- $method, $window_months, $target_date: projection settings
-- $levers: the levers as a JSON object (see cakupan/scenarios.py)
-- $data_last_month: the latest month of the scope's data when saved
insert into scenarios (name, scope, method, window_months, target_date, levers, data_last_month, saved_at)
values ($scenario_name, $scope, $method, $window_months, $target_date, $levers, $data_last_month, current_localtimestamp())
on conflict (name) do update set
    scope = excluded.scope, method = excluded.method, window_months = excluded.window_months,
    target_date = excluded.target_date, levers = excluded.levers, data_last_month = excluded.data_last_month,
    saved_at = excluded.saved_at
returning scenario_id
