-- Saved association plans, newest first.
-- One row per plan.
select plan_id, name, method, window_months, target_date, levers, data_last_month, saved_at
from plans
order by saved_at desc, plan_id desc
