-- Mark the data as changed, so cached page answers are recomputed.
update data_version set version = version + 1
