-- Parameter Store: listing by hierarchy, the 100-version window and the label
-- rules as database invariants, parameter policies run by a job queue, and the
-- events the policies emit.

-- Byte order makes "names under /a/" one index range ('/a/' <= name < '/a0').
ALTER TABLE paramsafe.items ALTER COLUMN lookup_name TYPE text COLLATE "C";

-- The hierarchy level an item sits in: '/a/b/c' -> '/a/b', '/a' and 'a' -> '/'.
-- One-level listings read it through items_parent_path_idx, so their cost grows
-- with the page, not with the size of the level above. parent_path leads the
-- index so that it can never serve a lookup by name: with lookup_name last
-- behind (account_id, region, kind), a planner without statistics priced it
-- like the unique key and scanned a whole region's entries for one name.
ALTER TABLE paramsafe.items ADD COLUMN parent_path text COLLATE "C" NOT NULL
    GENERATED ALWAYS AS (
        CASE WHEN strpos(lookup_name, '/') = 0 THEN '/'
             ELSE COALESCE(NULLIF(substring(lookup_name FROM '^(.*)/[^/]*$'), ''), '/')
        END) STORED;
CREATE INDEX items_parent_path_idx
    ON paramsafe.items (parent_path, account_id, region, kind, lookup_name);

-- A parameter keeps at most 100 versions; the writer deletes the oldest first.
CREATE FUNCTION paramsafe.parameter_version_window() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT kind FROM paramsafe.items WHERE item_id = NEW.item_id) = 'parameter'
       AND (SELECT count(*) FROM paramsafe.versions WHERE item_id = NEW.item_id) > 100 THEN
        RAISE EXCEPTION 'a parameter keeps at most 100 versions'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'parameter_version_window';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER parameter_version_window AFTER INSERT ON paramsafe.versions
    FOR EACH ROW EXECUTE FUNCTION paramsafe.parameter_version_window();

-- Parameter labels: letters, digits, '.', '-', '_', at most 100 characters, not
-- starting with a digit, 'aws' or 'ssm'; at most 10 on one version.
CREATE FUNCTION paramsafe.parameter_label_rules() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT kind FROM paramsafe.items WHERE item_id = NEW.item_id) <> 'parameter' THEN
        RETURN NULL;
    END IF;
    IF NEW.label !~ '^[a-zA-Z._-][a-zA-Z0-9._-]{0,99}$' OR NEW.label ~* '^(aws|ssm)' THEN
        RAISE EXCEPTION 'invalid parameter label'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'parameter_label_syntax';
    END IF;
    IF (SELECT count(*) FROM paramsafe.labels
        WHERE item_id = NEW.item_id AND version = NEW.version) > 10 THEN
        RAISE EXCEPTION 'a parameter version carries at most 10 labels'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'parameter_label_limit';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER parameter_label_rules AFTER INSERT OR UPDATE ON paramsafe.labels
    FOR EACH ROW EXECUTE FUNCTION paramsafe.parameter_label_rules();

-- Background work, claimed with FOR UPDATE SKIP LOCKED by any host. A job of a
-- parameter policy belongs to the item's current policy set (policy_index is its
-- place in that set); a write that replaces the set replaces the jobs.
CREATE TABLE paramsafe.jobs (
    job_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('parameter-expiration',
                                               'parameter-expiration-notification',
                                               'parameter-no-change-notification')),
    item_id      bigint NOT NULL REFERENCES paramsafe.items ON DELETE CASCADE,
    policy_index integer CHECK (policy_index >= 0),
    run_at       timestamptz NOT NULL,
    -- NoChangeNotification: "After", counted again from every write.
    period       interval,
    state        text NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'done', 'failed')),
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text,
    finished_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX jobs_due_idx ON paramsafe.jobs (run_at) WHERE state = 'pending';
CREATE INDEX jobs_item_idx ON paramsafe.jobs (item_id);

-- Events in EventBridge's envelope (source, detail-type, resources, detail).
-- Every insert is also published with NOTIFY on channel paramsafe_events, in
-- the inserting transaction: listeners see exactly the committed events.
CREATE TABLE paramsafe.events (
    event_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_uuid  uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    event_time  timestamptz NOT NULL DEFAULT clock_timestamp(),
    account_id  text NOT NULL,
    region      text NOT NULL,
    source      text NOT NULL,
    detail_type text NOT NULL,
    resources   text[] NOT NULL,
    detail      jsonb NOT NULL
);
CREATE INDEX events_time_idx ON paramsafe.events (event_time);

CREATE FUNCTION paramsafe.publish_event() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('paramsafe_events', json_build_object(
        'version', '0',
        'id', NEW.event_uuid,
        'detail-type', NEW.detail_type,
        'source', NEW.source,
        'account', NEW.account_id,
        'time', to_char(NEW.event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'region', NEW.region,
        'resources', NEW.resources,
        'detail', NEW.detail)::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER events_publish AFTER INSERT ON paramsafe.events
    FOR EACH ROW EXECUTE FUNCTION paramsafe.publish_event();
