-- Participant segments with their sector (formal, informal, ...) and labels in both languages.
-- One row per segment.
select segment, sector, label_id, label_en
from segments
order by segment
