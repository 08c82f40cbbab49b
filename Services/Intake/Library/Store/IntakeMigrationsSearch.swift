import GRDB

extension IntakeMigrations {
    /// Search that scales (issue 15): an FTS5 index of every ticket's number, customer (name and
    /// email), description and custom-field values, and one index per list filter ending in the
    /// list's order `(openedAt, id)`, so a page is read without sorting the whole store.
    ///
    /// The FTS rowid is the ticket's list key (``TicketSearch/listKeySQL``: its opening millisecond,
    /// then its arrival), so FTS5 itself returns a word's newest tickets first and a page of a
    /// common word costs a page, not every match. The rows are kept in step by triggers, so every write path
    /// (HTTP, Kafka, email, CSV, back-office edits, a customer renamed in the setup) updates the
    /// index in its own transaction. `unicode61 remove_diacritics 2` folds case and accents
    /// ("perdità" finds "perdita"); the prefix indexes make words being typed (`cald*`) cheap.
    /// Intake never runs `VACUUM` (which may renumber the rowids of a table keyed by text, and the
    /// list key ends with the rowid); the index would have to be rebuilt with the migration's last
    /// statement if it ever did.
    static func registerTicketSearch(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.ticket-search") { db in
            let key = TicketSearch.listKeySQL
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE ticketSearch USING fts5(
                        ticketID UNINDEXED, number, customer, description, fields,
                        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
                    );
                    CREATE TRIGGER ticketSearch_insert AFTER INSERT ON ticket BEGIN
                        INSERT INTO ticketSearch (rowid, ticketID, number, customer, description, fields) VALUES (
                            \(key("NEW")), NEW.id, NEW.number,
                            (SELECT name || ' ' || coalesce(email, '') FROM customer WHERE id = NEW.customerID),
                            NEW.description,
                            (SELECT group_concat(value, ' ') FROM json_each(NEW.customFields)));
                    END;
                    CREATE TRIGGER ticketSearch_update AFTER UPDATE ON ticket
                    WHEN OLD.number IS NOT NEW.number OR OLD.customerID IS NOT NEW.customerID
                        OR OLD.description IS NOT NEW.description OR OLD.customFields IS NOT NEW.customFields
                        OR OLD.openedAt IS NOT NEW.openedAt
                    BEGIN
                        DELETE FROM ticketSearch WHERE rowid = \(key("OLD"));
                        INSERT INTO ticketSearch (rowid, ticketID, number, customer, description, fields) VALUES (
                            \(key("NEW")), NEW.id, NEW.number,
                            (SELECT name || ' ' || coalesce(email, '') FROM customer WHERE id = NEW.customerID),
                            NEW.description,
                            (SELECT group_concat(value, ' ') FROM json_each(NEW.customFields)));
                    END;
                    CREATE TRIGGER ticketSearch_delete AFTER DELETE ON ticket BEGIN
                        DELETE FROM ticketSearch WHERE rowid = \(key("OLD"));
                    END;
                    CREATE TRIGGER ticketSearch_customer AFTER UPDATE ON customer
                    WHEN OLD.name IS NOT NEW.name OR OLD.email IS NOT NEW.email
                    BEGIN
                        UPDATE ticketSearch SET customer = NEW.name || ' ' || coalesce(NEW.email, '')
                        WHERE rowid IN (SELECT \(key("ticket")) FROM ticket WHERE customerID = NEW.id);
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
                    INSERT INTO ticketSearch (rowid, ticketID, number, customer, description, fields)
                    SELECT \(key("t")), t.id, t.number, c.name || ' ' || coalesce(c.email, ''), t.description,
                           (SELECT group_concat(value, ' ') FROM json_each(t.customFields))
                    FROM ticket t JOIN customer c ON c.id = t.customerID;
                    """)
        }
    }
}
