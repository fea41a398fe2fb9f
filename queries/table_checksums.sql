-- A fingerprint of every table's content, independent of row order: equal fingerprints mean equal content.
-- One row per table: table_name, rows, content_md5.
select 'associations' as table_name, count(*) as rows, md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) as content_md5 from associations as t
union all select 'provinces', count(*), md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) from provinces as t
union all select 'segments', count(*), md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) from segments as t
union all select 'targets', count(*), md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) from targets as t
union all select 'national_participation', count(*), md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) from national_participation as t
union all select 'loads', count(*), md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) from loads as t
union all select 'enrollment', count(*), md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) from enrollment as t
union all select 'enrollment_history', count(*), md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) from enrollment_history as t
union all select 'data_version', count(*), md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) from data_version as t
union all select 'enrollment_by_association_segment', count(*), md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) from enrollment_by_association_segment as t
union all select 'enrollment_provinces', count(*), md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) from enrollment_provinces as t
union all select 'scenarios', count(*), md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) from scenarios as t
union all select 'plans', count(*), md5(coalesce(string_agg(t::varchar, '|' order by t::varchar), '')) from plans as t
order by table_name
