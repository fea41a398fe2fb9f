-- Empty the province-less rollup for the months a write changed, before they are filled again (a load or undo
-- changes a few months; rebuilding the other months of 10 million rows would only cost time).
-- $months: the months the write changed (a list of dates)
delete from enrollment_by_association_segment
where list_contains($months, snapshot_month)
