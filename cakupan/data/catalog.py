"""What the database holds, by name: reference tables, schema steps, rollups, shared definitions and the views over
a Parquet folder. Plain constants, read by `db` (which re-exports them) and by tests; no connection here."""

# Reference tables in load order; each has queries/build/load_<table>.sql reading sample_data/<table>.csv.
# A table with rules of its own (reference_checks.CHECKS) is checked first, and a file that breaks them builds nothing.
REFERENCE_TABLES = ("associations", "provinces", "segments", "targets", "national_participation", "labour_force")

# Schema steps added after the first schema: `create … if not exists` scripts in queries/schema_steps/, run on
# every connect and build, so a database built before a step gains its tables the next time it is opened.
SCHEMA_STEPS = ("scenarios", "loads_replaced_rows", "rollups", "plans", "labour_force")

# The sample snapshots may come as CSV or Parquet (the generator writes either); the first one present is loaded.
SAMPLE_ENROLLMENT_LOADS = {"enrollment.csv": "build/load_sample_enrollment",
                           "enrollment.parquet": "build/load_sample_enrollment_parquet"}

# Rollups derived from enrollment, rebuilt in this order by `refresh_rollups` (queries/build/clear_<table>.sql,
# then fill_<table>.sql).
ROLLUP_TABLES = ("enrollment_by_association_segment", "enrollment_provinces")

# Rollups with one row per month that a write can refresh month by month (queries/build/*_<table>_months.sql).
MONTHLY_ROLLUPS = frozenset({"enrollment_by_association_segment"})

# Queries that read their snapshot rows from the relation named by $cells (through common.chosen_cells). When the
# chosen provinces include every province present in enrollment, the province filter removes nothing, and the view
# over the province-less rollup (~40x fewer rows) gives identical answers; `run` reads it then.
# A fixed mapping: which relation a query reads is decided here, never taken from input or built into SQL text.
CELL_QUERIES = frozenset({"growth", "sector_split", "formal_share_by_association", "segment_composition"})
CELLS = {"per_province": "enrollment", "all_provinces": "common.enrollment_all_provinces"}

# Definitions many queries share (queries/common/<name>.sql: views and macros), created in this order on every
# connection in the in-memory catalog `common` (queries/common/catalog.sql), never stored in a database file.
COMMON_DEFINITIONS = ("enrollment_all_provinces", "chosen_cells", "scope_rows", "scope_formal_monthly")

# The views over a Parquet folder (CAKUPAN_SOURCE, see db.parquet_source), created in this order from
# queries/source/<view>.sql.
PARQUET_VIEWS = ("associations", "provinces", "segments", "targets", "national_participation", "labour_force",
                 "enrollment", "enrollment_by_association_segment", "enrollment_provinces", "loads", "data_version",
                 "enrollment_history")
