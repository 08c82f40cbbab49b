import GRDB

extension IntakeMigrations {
    /// Search that scales (issue 15): an FTS5 index of every ticket's number, customer (name and
    /// email), description and custom-field values, and one index per list filter ending in the
    /// list's order `(openedAt, id)`, so a page is read without sorting the whole store.
    ///
    /// The FTS rows share the ticket's rowid and are kept in step by triggers, so every write path
    /// (HTTP, Kafka, email, CSV, back-office edits, a customer renamed in the setup) updates the
    /// index in its own transaction. `unicode61 remove_diacritics 2` folds case and accents
    /// ("perdità" finds "perdita"); the prefix indexes make words being typed (`cald*`) cheap.
    /// Intake never runs `VACUUM` (which may renumber the rowids of a table keyed by text); the
    /// index would have to be rebuilt with the migration's last statement if it ever did.
    static func registerTicketSearch(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.ticket-search") { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE ticketSearch USING fts5(
                    number, customer, description, fields,
                    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
                );
                CREATE TRIGGER ticketSearch_insert AFTER INSERT ON ticket BEGIN
                    INSERT INTO ticketSearch (rowid, number, customer, description, fields) VALUES (
                        NEW.rowid, NEW.number,
                        (SELECT name || ' ' || coalesce(email, '') FROM customer WHERE id = NEW.customerID),
                        NEW.description,
                        (SELECT group_concat(value, ' ') FROM json_each(NEW.customFields)));
                END;
                CREATE TRIGGER ticketSearch_update AFTER UPDATE ON ticket
                WHEN OLD.number IS NOT NEW.number OR OLD.customerID IS NOT NEW.customerID
                    OR OLD.description IS NOT NEW.description OR OLD.customFields IS NOT NEW.customFields
                BEGIN
                    UPDATE ticketSearch SET
                        number = NEW.number,
                        customer = (SELECT name || ' ' || coalesce(email, '') FROM customer WHERE id = NEW.customerID),
                        description = NEW.description,
                        fields = (SELECT group_concat(value, ' ') FROM json_each(NEW.customFields))
                    WHERE rowid = NEW.rowid;
                END;
                CREATE TRIGGER ticketSearch_delete AFTER DELETE ON ticket BEGIN
                    DELETE FROM ticketSearch WHERE rowid = OLD.rowid;
                END;
                CREATE TRIGGER ticketSearch_customer AFTER UPDATE ON customer
                WHEN OLD.name IS NOT NEW.name OR OLD.email IS NOT NEW.email
                BEGIN
                    UPDATE ticketSearch SET customer = NEW.name || ' ' || coalesce(NEW.email, '')
                    WHERE rowid IN (SELECT rowid FROM ticket WHERE customerID = NEW.id);
                END;
                -- The list's order, and each filter followed by it (equality, then the keyset).
                CREATE INDEX ticket_opened ON ticket(openedAt, id);
                CREATE INDEX ticket_state_opened ON ticket(state, openedAt, id);
                CREATE INDEX ticket_stateID_opened ON ticket(stateID, openedAt, id);
                CREATE INDEX ticket_type_opened ON ticket(activityTypeID, openedAt, id);
                CREATE INDEX ticket_customer_opened ON ticket(customerID, openedAt, id);
                CREATE INDEX ticket_group_opened ON ticket(assignedGroup, openedAt, id);
                CREATE INDEX ticket_operator_opened ON ticket(assignedOperatorID, openedAt, id);
                CREATE INDEX activityType_practice ON activityType(practiceID);
                -- The tickets already stored.
                INSERT INTO ticketSearch (rowid, number, customer, description, fields)
                SELECT t.rowid, t.number, c.name || ' ' || coalesce(c.email, ''), t.description,
                       (SELECT group_concat(value, ' ') FROM json_each(t.customFields))
                FROM ticket t JOIN customer c ON c.id = t.customerID;
                """)
        }
    }
}
