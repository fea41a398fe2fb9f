-- Schema step: saved association plans. Safe to run on every connect, also on databases built before it.
-- A plan is a name, projection settings, the levers of each association as JSON (code → levers), and the data's
-- latest month when it was saved (so a reader knows which data it was made on).
create sequence if not exists plan_ids start 1;
create table if not exists plans (
    plan_id integer primary key default nextval('plan_ids'),
    name varchar not null unique,
    method varchar not null,
    window_months integer not null,
    target_date date not null,
    levers varchar not null,
    data_last_month date not null,
    saved_at timestamp not null
);
