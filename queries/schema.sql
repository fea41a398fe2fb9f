-- The embedded database's tables. Run once, as a script, when a database file is created.
-- Reference tables are small and editable by a steward; enrollment holds the current snapshot rows;
-- enrollment_history keeps every row a later load replaced, so any load can be undone exactly.
create table associations (
    association_code varchar primary key,
    name varchar not null,
    industry_id varchar not null,
    industry_en varchar not null,
    pks_signed_on date
);

create table provinces (
    province_code varchar primary key,
    name varchar not null
);

create table segments (
    segment varchar primary key,
    sector varchar not null,
    label_id varchar not null,
    label_en varchar not null
);

create table targets (
    scope varchar not null,
    target_date date not null,
    target_participants bigint not null,
    source varchar,
    primary key (scope, target_date)
);

create table national_participation (
    snapshot_month date not null,
    segment varchar not null,
    active_participants bigint not null,
    source varchar,
    primary key (snapshot_month, segment)
);

create table loads (
    load_id integer primary key,
    loaded_at timestamp not null,
    file_name varchar not null,
    sha256 varchar not null,
    rows bigint not null,
    months varchar not null,
    associations varchar not null,
    loaded_by varchar not null,
    status varchar not null default 'active',
    undone_at timestamp
);

create table enrollment (
    snapshot_month date not null,
    association_code varchar not null,
    segment varchar not null,
    province_code varchar not null,
    active_participants bigint not null,
    new_participants bigint not null,
    lapsed_participants bigint not null,
    eligible_workers bigint,
    load_id integer not null
);

create table enrollment_history (
    snapshot_month date not null,
    association_code varchar not null,
    segment varchar not null,
    province_code varchar not null,
    active_participants bigint not null,
    new_participants bigint not null,
    lapsed_participants bigint not null,
    eligible_workers bigint,
    load_id integer not null,
    replaced_by_load_id integer not null
);

-- Bumped by every write, so cached page answers know when to recompute.
create table data_version (version bigint not null);
insert into data_version values (1);

-- Rollups: derived from enrollment, rebuilt by every write (db.refresh_rollups; queries/build/refresh_*.sql).
-- Active, new and lapsed participants added up over provinces: one row per (month, association, segment),
-- ~40x fewer rows than enrollment; read by the *_all_provinces queries when every province is chosen.
create table enrollment_by_association_segment (
    snapshot_month date not null,
    association_code varchar not null,
    segment varchar not null,
    active_participants bigint not null,
    new_participants bigint not null,
    lapsed_participants bigint not null
);

-- The province codes present in enrollment: a province filter covering all of them filters nothing.
create table enrollment_provinces (province_code varchar not null);
