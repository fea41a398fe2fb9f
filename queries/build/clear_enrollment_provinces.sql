-- Empty the list of province codes present in enrollment before it is filled again (db.refresh_rollups).
delete from enrollment_provinces
