-- Schema step (safe on every connect): the rollup tables. A database built before them gains them empty,
-- and db.connection fills them once.
-- Rollups: derived from enrollment, rebuilt by every write (db.refresh_rollups; queries/build/refresh_*.sql).
-- Active, new and lapsed participants added up over provinces: one row per (month, association, segment),
-- ~40x fewer rows than enrollment; read through common.enrollment_all_provinces when every province is chosen.
create table if not exists enrollment_by_association_segment (
    snapshot_month date not null,
    association_code varchar not null,
    segment varchar not null,
    active_participants bigint not null,
    new_participants bigint not null,
    lapsed_participants bigint not null
);

-- The province codes present in enrollment: a province filter covering all of them filters nothing.
create table if not exists enrollment_provinces (province_code varchar not null);
