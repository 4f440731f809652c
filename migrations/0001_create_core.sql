-- The core model: KMS-like keys, IAM-style users and access keys, items (parameters
-- and secrets) with immutable versions and labels, and tags. Values are stored only
-- as ciphertext sealed by the plugin; nothing here is secret in the clear.

CREATE TABLE paramsafe.kms_keys (
    key_id      uuid PRIMARY KEY,
    account_id  text NOT NULL,
    region      text NOT NULL,
    arn         text NOT NULL UNIQUE,
    description text NOT NULL DEFAULT '',
    enabled     boolean NOT NULL DEFAULT true,
    aws_managed boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Key material of each key version, wrapped by the root key whose public
-- fingerprint is root_key_id. Old versions stay for decryption.
CREATE TABLE paramsafe.kms_key_versions (
    key_id           uuid NOT NULL REFERENCES paramsafe.kms_keys ON DELETE RESTRICT,
    version          integer NOT NULL CHECK (version >= 1),
    root_key_id      text NOT NULL,
    wrapped_material bytea NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (key_id, version)
);

CREATE TABLE paramsafe.kms_aliases (
    region     text NOT NULL,
    alias_name text NOT NULL CHECK (alias_name ~ '^alias/[a-zA-Z0-9/_-]+$'),
    key_id     uuid NOT NULL REFERENCES paramsafe.kms_keys ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, alias_name)
);

CREATE TABLE paramsafe.users (
    user_name  text PRIMARY KEY CHECK (user_name ~ '^[\w+=,.@-]{1,64}$'),
    user_id    text NOT NULL UNIQUE,
    account_id text NOT NULL,
    path       text NOT NULL DEFAULT '/',
    arn        text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The secret access key is sealed like any value: AD ("access-key", access_key_id, 1).
CREATE TABLE paramsafe.access_keys (
    access_key_id    text PRIMARY KEY CHECK (access_key_id ~ '^[A-Z0-9]{16,128}$'),
    user_name        text NOT NULL REFERENCES paramsafe.users ON DELETE RESTRICT,
    status           text NOT NULL DEFAULT 'Active' CHECK (status IN ('Active', 'Inactive')),
    key_id           uuid NOT NULL,
    key_version      integer NOT NULL,
    wrapped_data_key bytea NOT NULL,
    ciphertext       bytea NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (key_id, key_version) REFERENCES paramsafe.kms_key_versions
);
CREATE INDEX access_keys_user_name_idx ON paramsafe.access_keys (user_name);

-- An item is a parameter or a secret. lookup_name is the name as compared: a
-- single-level parameter name is the same with or without its leading slash.
CREATE TABLE paramsafe.items (
    item_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id     text NOT NULL,
    region         text NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('parameter', 'secret')),
    name           text NOT NULL,
    lookup_name    text NOT NULL,
    arn            text NOT NULL UNIQUE,
    latest_version bigint NOT NULL DEFAULT 0 CHECK (latest_version >= 0),
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (account_id, region, kind, lookup_name)
);

-- Immutable versions. The attributes that Parameter Store reports per version
-- (type, description, pattern, tier, policies, key) live with the version.
CREATE TABLE paramsafe.versions (
    item_id          bigint NOT NULL REFERENCES paramsafe.items ON DELETE CASCADE,
    version          bigint NOT NULL CHECK (version >= 1),
    version_id       uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    value_type       text NOT NULL CHECK (value_type IN
                         ('String', 'StringList', 'SecureString', 'SecretString', 'SecretBinary')),
    data_type        text NOT NULL DEFAULT 'text',
    description      text,
    allowed_pattern  text,
    tier             text,
    policies         text,
    key_ref          text,
    key_id           uuid NOT NULL,
    key_version      integer NOT NULL,
    wrapped_data_key bytea NOT NULL,
    ciphertext       bytea NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    created_by       text NOT NULL,
    PRIMARY KEY (item_id, version),
    FOREIGN KEY (key_id, key_version) REFERENCES paramsafe.kms_key_versions
);

CREATE FUNCTION paramsafe.versions_are_immutable() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'versions are immutable: create a new version instead'
        USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'versions_immutable';
END;
$$;

CREATE TRIGGER versions_immutable BEFORE UPDATE ON paramsafe.versions
    FOR EACH ROW EXECUTE FUNCTION paramsafe.versions_are_immutable();

-- A label names exactly one version of its item (the primary key makes it unique).
CREATE TABLE paramsafe.labels (
    item_id    bigint NOT NULL,
    label      text NOT NULL,
    version    bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (item_id, label),
    FOREIGN KEY (item_id, version) REFERENCES paramsafe.versions ON DELETE CASCADE
);
CREATE INDEX labels_item_version_idx ON paramsafe.labels (item_id, version);

CREATE TABLE paramsafe.tags (
    item_id bigint NOT NULL REFERENCES paramsafe.items ON DELETE CASCADE,
    key     text NOT NULL,
    value   text NOT NULL,
    PRIMARY KEY (item_id, key)
);
