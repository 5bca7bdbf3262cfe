-- A grant can be revoked before its time: it then ends at once (UNTIL_AT = REVOKED_AT), and who
-- revoked it, when and why stays recorded beside who granted it.
ALTER TABLE DOCUMENT_GRANT ADD COLUMN REVOKED_BY VARCHAR(64);
ALTER TABLE DOCUMENT_GRANT ADD COLUMN REVOKED_AT BIGINT;
ALTER TABLE DOCUMENT_GRANT ADD COLUMN REVOKE_REASON VARCHAR(500);
