-- Schema step (safe on every connect): the labour-force reference table, the national coverage denominator.
-- One row per BPS Sakernas round: people working (employed population aged 15+) as published.
-- A database built before this step gains it empty, and db.connection fills it once from sample_data/.
create table if not exists labour_force (
    survey_month date primary key,
    employed_persons bigint not null,
    source varchar not null
)
