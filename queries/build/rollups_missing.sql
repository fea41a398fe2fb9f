-- Whether the rollups still need filling: enrollment has rows but the rollups have none (a database built
-- before the rollups existed, whose tables a schema step has just created).
-- One row: missing.
select (select count(*) from enrollment) > 0 and (select count(*) from enrollment_provinces) = 0 as missing
