-- Who may do what, and what was done: identity policies attached to users,
-- resource policies on secrets, and the audit trail of every request.

-- Inline identity policies (IAM's PutUserPolicy). The document is kept as the
-- caller wrote it (GetUserPolicy returns it); the plugin checks its grammar
-- before storing it. A user keeps its policies until they are deleted, as IAM
-- refuses to delete a user that still has some.
CREATE TABLE paramsafe.user_policies (
    user_name   text NOT NULL REFERENCES paramsafe.users ON DELETE RESTRICT,
    policy_name text NOT NULL CHECK (policy_name ~ '^[\w+=,.@-]{1,128}$'),
    document    text NOT NULL CHECK (length(document) BETWEEN 1 AND 131072),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_name, policy_name)
);

-- A secret's resource policy (PutResourcePolicy), as the caller wrote it.
ALTER TABLE paramsafe.secrets
    ADD COLUMN resource_policy text CHECK (length(resource_policy) BETWEEN 1 AND 20480);

-- One row per API request, including refused authentication and denied calls,
-- shaped after CloudTrail records. Values of secrets never appear here: the
-- request parameters are stored with every secret member removed.
CREATE TABLE paramsafe.audit_events (
    event_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_time         timestamptz NOT NULL,
    request_id         text NOT NULL,
    event_source       text NOT NULL,  -- ssm.amazonaws.com, secretsmanager.amazonaws.com
    event_name         text NOT NULL,  -- the operation, e.g. GetSecretValue
    aws_region         text,
    account_id         text,
    principal_arn      text,           -- NULL when authentication failed
    access_key_id      text,
    source_ip          text,
    user_agent         text,
    resources          text[] NOT NULL DEFAULT '{}',
    read_only          boolean NOT NULL,
    error_code         text,           -- NULL on success
    error_message      text,
    request_parameters jsonb
);
CREATE INDEX audit_events_time_idx ON paramsafe.audit_events (event_time);
CREATE INDEX audit_events_principal_idx ON paramsafe.audit_events (principal_arn, event_time);

-- Records are evidence: they may be deleted (retention) but never changed.
CREATE FUNCTION paramsafe.audit_events_immutable() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records cannot be changed'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'audit_events_immutable';
END $$;
CREATE TRIGGER audit_events_immutable BEFORE UPDATE ON paramsafe.audit_events
    FOR EACH ROW EXECUTE FUNCTION paramsafe.audit_events_immutable();
