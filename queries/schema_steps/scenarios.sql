-- Schema step: saved what-if scenarios. Safe to run on every connect, also on databases built before it.
-- A scenario is a name, the scope and projection settings, the levers as JSON, and the data's latest month
-- when it was saved (so a reader knows which data it was made on).
create sequence if not exists scenario_ids start 1;
create table if not exists scenarios (
    scenario_id integer primary key default nextval('scenario_ids'),
    name varchar not null unique,
    scope varchar not null,
    method varchar not null,
    window_months integer not null,
    target_date date not null,
    levers varchar not null,
    data_last_month date not null,
    saved_at timestamp not null
);
