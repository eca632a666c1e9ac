-- Issue 11: personal API tokens for desktop GIS and scripts (`Authorization: Bearer …`). Only the
-- SHA-256 of a token is kept, as for sessions; a token acts as its user, read-only, until it
-- expires or is revoked, and stops with its user (disabled, or deleted).
CREATE TABLE api_tokens (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 60),
  token_hash text NOT NULL UNIQUE,
  -- The first characters of the token, so its owner can tell tokens apart.
  prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
