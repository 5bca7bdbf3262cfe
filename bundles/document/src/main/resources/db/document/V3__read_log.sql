-- The outbox of the audit trail: every read of a document's content (a version, a rendition, an
-- inspection copy), recorded before the first byte leaves, and every grant, revocation and deletion,
-- written in the transaction of the change. Handed to the trail in batches and deleted once it holds
-- them; the trail skips an id it holds already, so a batch sent twice counts once.
CREATE TABLE DOCUMENT_AUDIT_TODO (
  ID VARCHAR(40) NOT NULL PRIMARY KEY,
  AT_MILLIS BIGINT NOT NULL,
  DOCUMENT_ID VARCHAR(24) NOT NULL,
  ACTOR VARCHAR(64) NOT NULL,
  ACTION VARCHAR(30) NOT NULL,
  DETAIL VARCHAR(300)
);
CREATE INDEX DOCUMENT_AUDIT_TODO_BY_TIME ON DOCUMENT_AUDIT_TODO (AT_MILLIS);
