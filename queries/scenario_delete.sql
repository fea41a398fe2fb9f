-- Delete one saved scenario.
-- No rows.
-- $scenario_id: the scenario to delete
delete from scenarios
where scenario_id = $scenario_id
