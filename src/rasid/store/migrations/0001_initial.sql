-- rasid store, schema version 1.
-- Applied by rasid.store.migrate inside one transaction; the version is
-- recorded in PRAGMA user_version. Never edit a released migration: add
-- the next numbered file instead.

-- One row per article. `doc` is the full rasid.document/1 object as JSON;
-- the other columns repeat what queries filter, sort or list on.
CREATE TABLE articles (
    pk           INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title        TEXT,
    source       TEXT,
    url          TEXT,
    published    TEXT,
    language     TEXT,
    text         TEXT NOT NULL,
    doc          TEXT NOT NULL,
    n_events     INTEGER NOT NULL DEFAULT 0,
    n_places     INTEGER NOT NULL DEFAULT 0,
    ingested_at  TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_source ON articles (source);

-- One row per event, flattened.
CREATE TABLE events (
    pk                   INTEGER PRIMARY KEY,
    article_id           TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event_id             TEXT NOT NULL,
    type                 TEXT NOT NULL,
    mode                 TEXT,
    acled_event_type     TEXT,
    acled_sub_event_type TEXT,
    actor_text           TEXT,
    actor_id             TEXT,
    target_text          TEXT,
    target_id            TEXT,
    place_name           TEXT,
    place_country        TEXT,
    place_lat            REAL,
    place_lon            REAL,
    place_precision      INTEGER,
    date                 TEXT,
    date_precision       TEXT,
    fatalities           INTEGER,
    injured              INTEGER,
    arrested             INTEGER,
    modality             TEXT,
    reported_by          TEXT,
    trigger_text         TEXT,
    trigger_start        INTEGER,
    trigger_end          INTEGER,
    sentence_start       INTEGER,
    sentence_end         INTEGER,
    confidence           REAL,
    UNIQUE (article_id, event_id)
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_actor ON events (actor_id);
CREATE INDEX events_place_country ON events (place_country);

-- One row per place mention.
CREATE TABLE places (
    pk          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    name        TEXT,
    country     TEXT,
    admin1      TEXT,
    lat         REAL,
    lon         REAL,
    feature     TEXT,
    geonames_id INTEGER,
    precision   INTEGER
);
CREATE INDEX places_article ON places (article_id);
CREATE INDEX places_country ON places (country);
CREATE INDEX places_geonames ON places (geonames_id);

-- One row per entity mention.
CREATE TABLE entities (
    pk         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    type       TEXT NOT NULL,
    actor_id   TEXT
);
CREATE INDEX entities_article ON entities (article_id);
CREATE INDEX entities_actor ON entities (actor_id);
CREATE INDEX entities_type ON entities (type);

-- Full-text index over the *normalised* title and body
-- (rasid.text.normalise.normalise); rowid = articles.pk.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title,
    body,
    tokenize = 'unicode61'
);
