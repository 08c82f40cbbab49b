import GRDB

extension IntakeMigrations {
    /// Words with a customer or operator filter in one FTS5 query (issue 15): the search rows
    /// gain the ticket's customer id and operator in charge as columns, so `caldaia` for one
    /// customer is `"caldaia"* AND customerID : "c-1"` — FTS5 intersects the two posting lists
    /// newest first and a page costs a page, where the filter's index walked every ticket of a
    /// big customer and checked each against the words. The rows and triggers of
    /// `intake.ticket-search` are rebuilt with the two columns; the update trigger also fires
    /// when the operator in charge changes. Append-only; after `intake.ticket-search`.
    static func registerTicketSearchOwners(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.ticket-search-owners") { db in
            let key = TicketSearch.listKeySQL
            let row = { (ticket: String) in
                """
                \(key(ticket)), \(ticket).id, \(ticket).number,
                (SELECT name || ' ' || coalesce(email, '') FROM customer WHERE id = \(ticket).customerID),
                \(ticket).description,
                (SELECT group_concat(value, ' ') FROM json_each(\(ticket).customFields)),
                \(ticket).customerID, \(ticket).assignedOperatorID
                """
            }
            let columns = "rowid, ticketID, number, customer, description, fields, customerID, operatorID"
            try db.execute(
                sql: """
                    DROP TRIGGER ticketSearch_insert;
                    DROP TRIGGER ticketSearch_update;
                    DROP TRIGGER ticketSearch_delete;
                    DROP TRIGGER ticketSearch_customer;
                    DROP TABLE ticketSearch;
                    CREATE VIRTUAL TABLE ticketSearch USING fts5(
                        ticketID UNINDEXED, number, customer, description, fields, customerID, operatorID,
                        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
                    );
                    CREATE TRIGGER ticketSearch_insert AFTER INSERT ON ticket BEGIN
                        INSERT INTO ticketSearch (\(columns)) VALUES (\(row("NEW")));
                    END;
                    CREATE TRIGGER ticketSearch_update AFTER UPDATE ON ticket
                    WHEN OLD.number IS NOT NEW.number OR OLD.customerID IS NOT NEW.customerID
                        OR OLD.description IS NOT NEW.description OR OLD.customFields IS NOT NEW.customFields
                        OR OLD.openedAt IS NOT NEW.openedAt OR OLD.assignedOperatorID IS NOT NEW.assignedOperatorID
                    BEGIN
                        DELETE FROM ticketSearch WHERE rowid = \(key("OLD"));
                        INSERT INTO ticketSearch (\(columns)) VALUES (\(row("NEW")));
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
                    INSERT INTO ticketSearch (\(columns)) SELECT \(row("t")) FROM ticket t;
                    """)
        }
    }
}
