-- The province-less rollup read as enrollment is: province_code null stands for every province added up.
-- One row per (snapshot_month, association_code, segment), ~40x fewer rows than enrollment. Read instead of
-- enrollment (db.CELLS) when every province present is chosen: then the province filter removes nothing.
create or replace view common.enrollment_all_provinces as
select snapshot_month, association_code, segment, null::varchar as province_code,
       active_participants, new_participants, lapsed_participants
from enrollment_by_association_segment
