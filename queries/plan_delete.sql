-- Delete one saved association plan.
-- No rows.
-- $plan_id: the plan to delete
delete from plans
where plan_id = $plan_id
