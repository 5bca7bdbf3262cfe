-- A file's content moves into the document service while it runs: the case then keeps the
-- document's id and no bytes of its own. Files stored before keep their content here.
ALTER TABLE CASES_FILE ADD COLUMN DOCUMENT_ID VARCHAR(36);
ALTER TABLE CASES_FILE ALTER COLUMN CONTENT NULL;
