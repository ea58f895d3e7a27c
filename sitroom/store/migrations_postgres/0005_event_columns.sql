-- sitroom store on PostgreSQL, schema version 5: as migrations/0005_event_columns.sql, except that
-- PostgreSQL 15 computes generated columns when a row is written (STORED), not when read.
-- `record` stays text (not jsonb), so that records come back with their keys in their own order.

ALTER TABLE events
    ADD COLUMN date_start text GENERATED ALWAYS AS (record::jsonb #>> '{date,start}') STORED,
    ADD COLUMN date_end text GENERATED ALWAYS AS (record::jsonb #>> '{date,end}') STORED,
    ADD COLUMN lat double precision
        GENERATED ALWAYS AS ((record::jsonb #>> '{place,lat}')::double precision) STORED,
    ADD COLUMN lon double precision
        GENERATED ALWAYS AS ((record::jsonb #>> '{place,lon}')::double precision) STORED,
    ADD COLUMN plover_type text GENERATED ALWAYS AS (record::jsonb #>> '{type}') STORED,
    ADD COLUMN acled_type text
        GENERATED ALWAYS AS (record::jsonb #>> '{acled,event_type}') STORED,
    ADD COLUMN modality text GENERATED ALWAYS AS (record::jsonb #>> '{modality}') STORED,
    ADD COLUMN n_sources integer
        GENERATED ALWAYS AS (coalesce((record::jsonb #>> '{n_sources}')::integer, 1)) STORED;

CREATE INDEX events_date ON events (date_start);
CREATE INDEX events_type_date ON events (plover_type, date_start);
CREATE INDEX events_lat ON events (lat);
