CREATE TABLE "partnership_contacts" (
	"policy_id" text NOT NULL,
	"role" text NOT NULL,
	"addresses" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_contacts_policy_id_role_pk" PRIMARY KEY("policy_id","role")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "aliases" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Storage limitation (UK GDPR): a case's personal data is replaced by a marker
-- ("[erased 2026-12-06]") while its skeleton stays, so reports still count it. These keys of
-- event, notice and stage data are the skeleton; every other string, and any string holding
-- an address, is personal.
CREATE OR REPLACE FUNCTION erasure_keeps(key text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT key = ANY (ARRAY[
    'policy', 'agency', 'otherAgency', 'category', 'risk', 'startStage', 'recordedAt',
    'imported', 'to', 'from', 'by', 'fromDueDate', 'dueDate', 'dueAt', 'policyDueDate',
    'startDate', 'calendar', 'overall', 'action', 'at', 'agreedAt', 'enteredBy', 'number',
    'stage', 'role', 'roleTitle', 'side', 'rule', 'outcome', 'kind', 'status', 'workingDays',
    'workingDaysTaken', 'agencyType', 'via', 'erasedAt'
  ])
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION erased_json(value jsonb, marker text, key text DEFAULT NULL)
RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  result jsonb;
  k text;
  v jsonb;
BEGIN
  IF value IS NULL THEN
    RETURN NULL;
  END IF;
  CASE jsonb_typeof(value)
    WHEN 'object' THEN
      result := '{}'::jsonb;
      FOR k, v IN SELECT * FROM jsonb_each(value) LOOP
        result := result || jsonb_build_object(k, erased_json(v, marker, k));
      END LOOP;
      RETURN result;
    WHEN 'array' THEN
      SELECT coalesce(jsonb_agg(erased_json(element, marker, key) ORDER BY position), '[]'::jsonb)
        INTO result
        FROM jsonb_array_elements(value) WITH ORDINALITY AS elements(element, position);
      RETURN result;
    WHEN 'string' THEN
      IF erasure_keeps(key) AND position('@' IN value #>> '{}') = 0 THEN
        RETURN value;
      END IF;
      RETURN to_jsonb(marker);
    ELSE
      RETURN value;
  END CASE;
END;
$$;
--> statement-breakpoint
-- An actor is an address (personal), an API key's label or `scheduler` (kept).
CREATE OR REPLACE FUNCTION erased_actor(actor text, marker text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN position('@' IN actor) > 0 THEN marker ELSE actor END
$$;
--> statement-breakpoint
-- The audit trail stays append-only, with one exception: the redaction that
-- erase_case_personal_data makes, exactly, on a case not yet erased. Any other UPDATE, any
-- DELETE or TRUNCATE is refused, whoever connects and whatever the application does.
CREATE OR REPLACE FUNCTION events_are_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  erasing text := current_setting('escalations.erasing_case', true);
  marker text := current_setting('escalations.erasure_marker', true);
BEGIN
  IF TG_OP = 'UPDATE' AND coalesce(erasing, '') <> '' AND coalesce(marker, '') <> '' THEN
    IF erasing = OLD.case_id::text
       AND (SELECT erased_at FROM cases WHERE id = OLD.case_id) IS NULL
       AND (NEW.id, NEW.case_id, NEW.seq, NEW.type, NEW.at, NEW.stage, NEW.verified, NEW.recorded_at)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.case_id, OLD.seq, OLD.type, OLD.at, OLD.stage, OLD.verified, OLD.recorded_at)
       AND NEW.actor = erased_actor(OLD.actor, marker)
       AND NEW.data = erased_json(OLD.data, marker) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'events are append-only: % is not allowed on the audit trail', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- The one way to erase a case's personal data: every table that holds it, in one statement.
CREATE OR REPLACE FUNCTION erase_case_personal_data(target uuid, marker text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(marker, '') = '' THEN
    RAISE EXCEPTION 'an erasure needs its marker' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM 1 FROM cases WHERE id = target AND erased_at IS NULL FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no case to erase: absent or already erased' USING ERRCODE = 'no_data_found';
  END IF;
  PERFORM set_config('escalations.erasing_case', target::text, true);
  PERFORM set_config('escalations.erasure_marker', marker, true);
  UPDATE events
     SET actor = erased_actor(actor, marker), data = erased_json(data, marker)
   WHERE case_id = target;
  PERFORM set_config('escalations.erasing_case', '', true);
  PERFORM set_config('escalations.erasure_marker', '', true);
  UPDATE cases
     SET case_name = marker,
         disagreement = marker,
         outcome_sought = CASE WHEN outcome_sought IS NULL THEN NULL ELSE marker END,
         attempts_so_far = CASE WHEN attempts_so_far IS NULL THEN NULL ELSE marker END,
         closing_text = CASE WHEN closing_text IS NULL THEN NULL ELSE marker END,
         outstanding = erased_json(outstanding, marker),
         proposal = erased_json(proposal, marker),
         erased_at = now(),
         version = version + 1,
         updated_at = now()
   WHERE id = target;
  UPDATE participants
     SET email = marker || ' #' || position,
         name = CASE WHEN name IS NULL THEN NULL ELSE marker END
   WHERE case_id = target;
  UPDATE stages
     SET extensions = erased_json(extensions, marker), breaches = erased_json(breaches, marker)
   WHERE case_id = target;
  UPDATE notices
     SET data = erased_json(data, marker),
         recipients = (SELECT coalesce(jsonb_agg(CASE WHEN position('@' IN recipient) > 0
                                                     THEN to_jsonb(marker) ELSE to_jsonb(recipient) END
                                                ORDER BY position), '[]'::jsonb)
                         FROM jsonb_array_elements_text(recipients)
                              WITH ORDINALITY AS elements(recipient, position))
   WHERE case_id = target;
  UPDATE attachments
     SET filename = marker, content = NULL
   WHERE message_id IN (SELECT id FROM messages WHERE case_id = target);
  UPDATE messages
     SET raw = convert_to(marker, 'UTF8'),
         from_address = CASE WHEN from_address IS NULL THEN NULL ELSE marker END,
         envelope = erased_json(envelope, marker),
         authentication = erased_json(authentication, marker),
         error = CASE WHEN error IS NULL THEN NULL ELSE marker END
   WHERE case_id = target;
  UPDATE outbox
     SET recipients = erased_json(recipients, marker)
   WHERE case_id = target;
  UPDATE held_commands
     SET sender = marker, actor = erased_json(actor, marker), command = erased_json(command, marker)
   WHERE case_id = target;
END;
$$;
