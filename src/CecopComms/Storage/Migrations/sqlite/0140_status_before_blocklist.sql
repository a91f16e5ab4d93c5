-- What a person was before staff blocklisted them, so lifting the blocklisting gives back exactly that: a person who
-- had unsubscribed or bounced does not come back as active by way of the blocklist.
ALTER TABLE subscribers ADD COLUMN status_before_blocklist TEXT;
