-- The province codes present in enrollment: a province filter covering all of them filters nothing.
insert into enrollment_provinces
select distinct province_code from enrollment
order by province_code
