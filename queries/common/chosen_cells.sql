-- The snapshot rows the sidebar filters choose, read from the relation `cells`, all months (callers pick theirs).
-- One row per row of `cells` whose codes are chosen.
-- cells: 'enrollment' or 'common.enrollment_all_provinces' (db.CELLS: a fixed mapping, never user input)
-- associations, segments, provinces: lists of codes to keep; a row of every province (province_code null) is kept
create or replace macro common.chosen_cells(cells, associations, segments, provinces) as table
select snapshot_month, association_code, segment, province_code,
       active_participants, new_participants, lapsed_participants
from query_table(cells)
where list_contains(associations, association_code)
  and list_contains(segments, segment)
  and (province_code is null or list_contains(provinces, province_code))
