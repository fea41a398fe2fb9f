-- First and last month of the association snapshots and of the national series.
-- One row.
select
    (select min(snapshot_month) from enrollment) as first_enrollment_month,
    (select max(snapshot_month) from enrollment) as last_enrollment_month,
    (select min(snapshot_month) from national_participation) as first_national_month,
    (select max(snapshot_month) from national_participation) as last_national_month
