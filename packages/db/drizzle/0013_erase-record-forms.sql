-- The one way to erase a case's personal data, now with what participants wrote on the record
-- forms (cases.forms, migration 0012): every table that holds it, in one statement.
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
         forms = erased_json(forms, marker),
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
