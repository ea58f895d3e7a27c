-- sitroom store, schema version 5: the fields that event queries filter and sort on, read from
-- each event's JSON record by SQLite itself (virtual generated columns), so that every writer stays
-- as it is and the columns can never disagree with the record. Indexed for the REST API's filters.

ALTER TABLE events ADD COLUMN date_start TEXT
    GENERATED ALWAYS AS (json_extract(record, '$.date.start')) VIRTUAL;
ALTER TABLE events ADD COLUMN date_end TEXT
    GENERATED ALWAYS AS (json_extract(record, '$.date.end')) VIRTUAL;
ALTER TABLE events ADD COLUMN lat REAL
    GENERATED ALWAYS AS (json_extract(record, '$.place.lat')) VIRTUAL;
ALTER TABLE events ADD COLUMN lon REAL
    GENERATED ALWAYS AS (json_extract(record, '$.place.lon')) VIRTUAL;
ALTER TABLE events ADD COLUMN plover_type TEXT
    GENERATED ALWAYS AS (json_extract(record, '$.type')) VIRTUAL;
ALTER TABLE events ADD COLUMN acled_type TEXT
    GENERATED ALWAYS AS (json_extract(record, '$.acled.event_type')) VIRTUAL;
ALTER TABLE events ADD COLUMN modality TEXT
    GENERATED ALWAYS AS (json_extract(record, '$.modality')) VIRTUAL;
ALTER TABLE events ADD COLUMN n_sources INTEGER
    GENERATED ALWAYS AS (coalesce(json_extract(record, '$.n_sources'), 1)) VIRTUAL;

CREATE INDEX events_date ON events (date_start);
CREATE INDEX events_type_date ON events (plover_type, date_start);
CREATE INDEX events_lat ON events (lat);
