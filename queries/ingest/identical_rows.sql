-- How many rows of the registered frame `incoming` are already loaded with exactly the same values.
-- One row: identical_rows.
select count(*)::bigint as identical_rows
from incoming
where exists (
    select 1 from enrollment
    where enrollment.snapshot_month = incoming.snapshot_month
      and enrollment.association_code = incoming.association_code
      and enrollment.segment = incoming.segment
      and enrollment.province_code = incoming.province_code
      and enrollment.active_participants = incoming.active_participants
      and enrollment.new_participants = incoming.new_participants
      and enrollment.lapsed_participants = incoming.lapsed_participants
      and enrollment.eligible_workers is not distinct from incoming.eligible_workers
)
