-- Derived state only: Camera and Recording resources are the truth. The mirror fills these
-- tables from the API server and the recorders; reconciliation never reads them.

-- One row per Camera resource, keyed by its uid (the camera id of the REST API).
CREATE TABLE cameras (
    id               TEXT PRIMARY KEY,
    namespace        TEXT        NOT NULL,
    name             TEXT        NOT NULL,
    protocol         TEXT        NOT NULL,
    location         TEXT,
    source_url       TEXT,
    device_path      TEXT,
    node_name        TEXT,
    deployment_name  TEXT        NOT NULL,
    service_name     TEXT        NOT NULL,
    stream_port      INTEGER     NOT NULL,
    status           TEXT        NOT NULL,
    ready            BOOLEAN     NOT NULL DEFAULT FALSE,
    enabled          BOOLEAN     NOT NULL DEFAULT TRUE,
    resolution       TEXT,
    framerate        INTEGER,
    recording_mode   TEXT,
    metadata         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    error_message    TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- metadata.resourceVersion of the last applied state; older events are ignored
    resource_version BIGINT      NOT NULL,
    UNIQUE (namespace, name)
);
CREATE INDEX cameras_status ON cameras (status);
CREATE INDEX cameras_node ON cameras (node_name);
CREATE INDEX cameras_protocol ON cameras (protocol);

-- One row per Recording resource (a session, start to stop).
CREATE TABLE recording_sessions (
    id               TEXT PRIMARY KEY,
    namespace        TEXT        NOT NULL,
    name             TEXT        NOT NULL,
    camera_name      TEXT        NOT NULL,
    camera_id        TEXT,
    phase            TEXT        NOT NULL,
    node_name        TEXT,
    started_at       TIMESTAMPTZ,
    ended_at         TIMESTAMPTZ,
    segments         BIGINT,
    bytes            BIGINT,
    current_file     TEXT,
    message          TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    resource_version BIGINT      NOT NULL
);
CREATE INDEX recording_sessions_camera ON recording_sessions (namespace, camera_name);

-- One row per recorded file, keyed by its path on the node.
CREATE TABLE recordings (
    id               TEXT PRIMARY KEY,
    file_path        TEXT        NOT NULL UNIQUE,
    file_name        TEXT        NOT NULL,
    camera_id        TEXT        NOT NULL,
    camera_name      TEXT,
    session_id       TEXT,
    node_name        TEXT,
    start_time       TIMESTAMPTZ,
    end_time         TIMESTAMPTZ,
    duration_seconds DOUBLE PRECISION,
    file_size_bytes  BIGINT,
    status           TEXT        NOT NULL,
    error_message    TEXT,
    camera_deleted   BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX recordings_camera ON recordings (camera_id, start_time DESC);
CREATE INDEX recordings_status ON recordings (status);

CREATE TABLE chat_sessions (
    id         TEXT PRIMARY KEY,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE chat_messages (
    id         BIGSERIAL PRIMARY KEY,
    session_id TEXT        NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
    role       TEXT        NOT NULL CHECK (role IN ('user', 'assistant')),
    content    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX chat_messages_session ON chat_messages (session_id, id);
