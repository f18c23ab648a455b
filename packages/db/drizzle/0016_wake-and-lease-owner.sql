ALTER TABLE "messages" ADD COLUMN "lease_worker" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "lease_incarnation" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "lease_worker" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "lease_incarnation" text;--> statement-breakpoint
-- Wake the workers on work instead of polling: a notification raised by the inserting
-- transaction itself, delivered when it commits (never for a rolled-back insert). Postgres
-- folds identical notifications of one transaction into one.
CREATE OR REPLACE FUNCTION notify_inbound_mail() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('inbound_mail', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER messages_inbound_notify
  AFTER INSERT ON messages
  FOR EACH ROW WHEN (NEW.direction = 'inbound')
  EXECUTE FUNCTION notify_inbound_mail();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION notify_outbox() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER outbox_notify
  AFTER INSERT ON outbox
  FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();
