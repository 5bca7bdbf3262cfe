-- A paid fee's receipt is filed once in the document service; the payment keeps the document's id.
ALTER TABLE PAYMENT_PAYMENT ADD COLUMN RECEIPT_DOCUMENT_ID VARCHAR(36);
-- the housekeeping run looks for paid payments without a filed receipt
CREATE INDEX PAYMENT_WITHOUT_RECEIPT ON PAYMENT_PAYMENT (RECEIPT_DOCUMENT_ID, STATE);
