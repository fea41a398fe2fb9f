-- Saved what-if scenarios, newest first.
-- One row per scenario.
select scenario_id, name, scope, method, window_months, target_date, levers, data_last_month, saved_at
from scenarios
order by saved_at desc, scenario_id desc
