-- The audience a schedule sends to when one was chosen ("segment:SLUG"); null sends to the content's own audience.
-- A chosen segment narrows the content's own audience, and the members-only rule is checked again when it fires.
ALTER TABLE schedules ADD COLUMN audience TEXT;
