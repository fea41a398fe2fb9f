-- Mark a load as undone, with the time.
-- $load_id: the load being undone
update loads set status = 'undone', undone_at = localtimestamp
where load_id = $load_id
