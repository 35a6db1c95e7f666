-- Rate-limit counters are counted once per request: written to the WAL, each count cost a log record, and the
-- transaction's commit a wait for the log to reach the disk. Unlogged, a count is a plain heap update and its
-- commit does not wait. What is given up is harmless for counters of the current minute: after a crash, or on a
-- standby promoted to primary, the table starts empty, so every window starts afresh.
ALTER TABLE "rate_limits" SET UNLOGGED;
