-- Secrets Manager: the attributes a secret keeps beside its versions, version ids
-- chosen by the caller (ClientRequestToken), the staging-label invariants as
-- database rules, the purge job of the deletion recovery window, and the record
-- of reads of secrets scheduled for deletion.

-- A secret's version id is the caller's ClientRequestToken: 32-64 characters,
-- unique within its secret (the same token may name versions of two secrets).
-- Parameter versions keep a random UUID they never show. version_id leads the
-- index so that it never competes with the primary key (item_id, version) for
-- "the versions of an item" (history pages would read it and sort).
ALTER TABLE paramsafe.versions DROP CONSTRAINT versions_version_id_key;
ALTER TABLE paramsafe.versions ALTER COLUMN version_id DROP DEFAULT;
ALTER TABLE paramsafe.versions ALTER COLUMN version_id TYPE text USING version_id::text;
ALTER TABLE paramsafe.versions ALTER COLUMN version_id SET DEFAULT gen_random_uuid()::text;
ALTER TABLE paramsafe.versions ADD CONSTRAINT versions_version_id_item_key
    UNIQUE (version_id, item_id);

-- What a secret keeps beside its versions. description and kms_key_ref belong
-- to the secret, not to a version (UpdateSecret changes them without one).
-- kms_key_ref is the KmsKeyId as the caller gave it; NULL means the default
-- key alias/aws/secretsmanager. deletion_date is set while the secret is
-- scheduled for deletion: the instant its purge job runs.
CREATE TABLE paramsafe.secrets (
    item_id               bigint PRIMARY KEY REFERENCES paramsafe.items ON DELETE CASCADE,
    description           text CHECK (length(description) <= 2048),
    kms_key_ref           text CHECK (length(kms_key_ref) BETWEEN 1 AND 2048),
    last_changed_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    last_accessed_on      date,
    deletion_date         timestamptz,
    primary_region        text NOT NULL,
    owning_service        text,
    -- Attempts to read the value while scheduled for deletion (each one is
    -- also an event row, see paramsafe.events).
    reads_while_scheduled bigint NOT NULL DEFAULT 0 CHECK (reads_while_scheduled >= 0)
);

-- Only a secret item has a secrets row.
CREATE FUNCTION paramsafe.secret_rows_are_secrets() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT kind FROM paramsafe.items WHERE item_id = NEW.item_id) <> 'secret' THEN
        RAISE EXCEPTION 'only a secret item has secret attributes'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'secret_row_kind';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER secret_row_kind AFTER INSERT OR UPDATE ON paramsafe.secrets
    FOR EACH ROW EXECUTE FUNCTION paramsafe.secret_rows_are_secrets();

-- The day each secret version was last read (ListSecretVersionIds'
-- LastAccessedDate). Kept apart from the immutable versions.
CREATE TABLE paramsafe.secret_version_access (
    item_id     bigint NOT NULL,
    version     bigint NOT NULL,
    accessed_on date NOT NULL,
    PRIMARY KEY (item_id, version),
    FOREIGN KEY (item_id, version) REFERENCES paramsafe.versions ON DELETE CASCADE
);

-- Staging labels: 1-256 characters, at most 20 on one version and 20 on one
-- secret. (The labels primary key already puts a label on one version only.)
CREATE FUNCTION paramsafe.secret_label_rules() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT kind FROM paramsafe.items WHERE item_id = NEW.item_id) <> 'secret' THEN
        RETURN NULL;
    END IF;
    IF length(NEW.label) NOT BETWEEN 1 AND 256 THEN
        RAISE EXCEPTION 'a staging label has 1 to 256 characters'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'secret_label_syntax';
    END IF;
    IF (SELECT count(*) FROM paramsafe.labels WHERE item_id = NEW.item_id) > 20 THEN
        RAISE EXCEPTION 'a secret carries at most 20 staging labels'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'secret_label_limit';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER secret_label_rules AFTER INSERT OR UPDATE ON paramsafe.labels
    FOR EACH ROW EXECUTE FUNCTION paramsafe.secret_label_rules();

-- A secret with versions has exactly one AWSCURRENT. "At most one" is the labels
-- primary key; "at least one" is checked when the transaction commits, so a
-- writer may move the label (delete, then insert) within one transaction.
CREATE FUNCTION paramsafe.secret_has_current() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    target bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.item_id ELSE NEW.item_id END;
BEGIN
    IF (SELECT kind FROM paramsafe.items WHERE item_id = target) = 'secret'
       AND EXISTS (SELECT 1 FROM paramsafe.versions WHERE item_id = target)
       AND NOT EXISTS (SELECT 1 FROM paramsafe.labels
                       WHERE item_id = target AND label = 'AWSCURRENT') THEN
        RAISE EXCEPTION 'a secret with versions has exactly one AWSCURRENT version'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'secret_current_version';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER secret_current_after_label AFTER INSERT OR UPDATE OR DELETE
    ON paramsafe.labels DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION paramsafe.secret_has_current();
CREATE CONSTRAINT TRIGGER secret_current_after_version AFTER INSERT
    ON paramsafe.versions DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.value_type IN ('SecretString', 'SecretBinary'))
    EXECUTE FUNCTION paramsafe.secret_has_current();

-- The purge at the end of a recovery window is a job like a parameter policy.
ALTER TABLE paramsafe.jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE paramsafe.jobs ADD CONSTRAINT jobs_kind_check
    CHECK (kind IN ('parameter-expiration', 'parameter-expiration-notification',
                    'parameter-no-change-notification', 'secret-purge'));

-- ListSecrets pages by creation time (by name, it reads the items' unique
-- key). The index does not lead with (account_id, region): then it could serve
-- a lookup of one secret by name or ARN too, and a planner without statistics
-- picked it for exactly that and read a whole region per GetSecretValue (the
-- bench caught it). A page's candidates are filtered by account and region
-- after the scan, as for the sort keys of paramsafe.secrets below.
CREATE INDEX items_secret_created_idx ON paramsafe.items (created_at, item_id)
    WHERE kind = 'secret';

-- ListSecrets pages by last change and by last access too. These are secrets
-- columns, so the index holds no account or region: a page scans a bounded
-- run of it and drops other regions' secrets like a filter (pages may come
-- back short). A secret never read sorts as the oldest.
CREATE INDEX secrets_last_changed_idx ON paramsafe.secrets (last_changed_at, item_id);
CREATE INDEX secrets_last_accessed_idx
    ON paramsafe.secrets ((COALESCE(last_accessed_on, '-infinity'::date)), item_id);

-- The words ListSecrets' "all" and "description" filters match. Filter values
-- are ASCII, so case folding is ASCII only: the same in every locale, which is
-- what IMMUTABLE promises.
CREATE FUNCTION paramsafe.secret_search_fold(subject text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT translate(subject, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
$$;

-- Folded words of subject: they break at ASCII characters other than letters
-- and digits, between a lower and an upper case letter (myValue), before the
-- last capital of a run followed by a lower case letter (HTTPServer), and
-- between letters and digits (db2). Other characters stay inside words.
CREATE FUNCTION paramsafe.secret_search_words(subject text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT COALESCE(array_agg(paramsafe.secret_search_fold(w.word)), '{}')
FROM regexp_split_to_table(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(subject COLLATE "C",
        '([a-z])([A-Z])', '\1 \2', 'g'),
        '([A-Z])([A-Z][a-z])', '\1 \2', 'g'),
        '([A-Za-z])([0-9])', '\1 \2', 'g'),
        '([0-9])([A-Za-z])', '\1 \2', 'g'),
    '[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+') AS w(word)
WHERE w.word <> ''
$$;

-- True when every one of pattern_words (already folded) starts a word of
-- subject; false when there are none.
CREATE FUNCTION paramsafe.secret_search_match(pattern_words text[], subject text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT cardinality(pattern_words) > 0 AND NOT EXISTS (
    SELECT 1 FROM unnest(pattern_words) AS p(word)
    WHERE NOT EXISTS (SELECT 1 FROM unnest(paramsafe.secret_search_words(subject)) AS w(word)
                      WHERE starts_with(w.word, p.word)))
$$;
