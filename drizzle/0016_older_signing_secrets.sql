-- Secrets of rotations before the last that still sign: a constant default, so adding the column rewrites nothing.
ALTER TABLE "webhook_endpoints" ADD COLUMN "older_secrets" jsonb DEFAULT '[]'::jsonb NOT NULL;
