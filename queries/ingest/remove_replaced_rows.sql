-- Remove the loaded rows of every (month, association) in the registered frame `incoming` (already archived).
delete from enrollment
where exists (
    select 1 from incoming
    where incoming.snapshot_month = enrollment.snapshot_month
      and incoming.association_code = enrollment.association_code
)
