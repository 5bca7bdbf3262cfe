-- The citizens' Postfach: one row per message. The id is chosen by the sending area, so that an
-- outbox delivering a message twice stores it once. Times are epoch milliseconds.
CREATE TABLE NOTIFICATION_POSTFACH (
  ID VARCHAR(100) NOT NULL PRIMARY KEY,
  RECIPIENT VARCHAR(100) NOT NULL,
  SENDER VARCHAR(100) NOT NULL,
  SUBJECT VARCHAR(200) NOT NULL,
  TEXT VARCHAR(8000) NOT NULL,
  REFERENCE VARCHAR(200),
  SENT_AT_MILLIS BIGINT NOT NULL,
  READ_AT_MILLIS BIGINT
);
-- A citizen's messages newest first (the inbox's order, ID breaking ties so that pages neither
-- repeat nor skip a message) and their unread count, without touching other citizens' rows.
CREATE INDEX NOTIFICATION_POSTFACH_INBOX ON NOTIFICATION_POSTFACH (RECIPIENT, SENT_AT_MILLIS DESC, ID DESC);
