-- Legal disclosures and guardian actions are access events too: to whom, on what legal basis, under which reference.
ALTER TABLE access_event ADD COLUMN recipient VARCHAR(200);
ALTER TABLE access_event ADD COLUMN legal_basis VARCHAR(200);
ALTER TABLE access_event ADD COLUMN reference VARCHAR(200);
