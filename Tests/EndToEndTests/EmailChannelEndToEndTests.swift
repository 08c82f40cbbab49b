import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The email intake channel with the real executables and broker: an MTA drops a message into
/// intake's maildir, intake opens a ticket, and the planner gets it in its queue over Kafka.
@Suite("EndToEnd email channel", .serialized)
struct EmailChannelEndToEndTests {
    @Test func messageInTheMaildir_becomesATicket_inThePlannersQueue() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start([.intake, .planner], extraEnvironment: ["ARIANNA_INTAKE_EMAIL_POLL_MS": "200"])
        // The reading routes need a login. (When the shared HTTP helpers log in by themselves,
        // this and `get` below can go: they only add a bearer token to `HTTP.send`.)
        let (login, loginStatus) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/sessions"),
            json: [
                "username": "admin", "password": "arianna-admin"
            ])
        #expect(loginStatus == 201, "\(String(decoding: login, as: UTF8.self))")
        let token = try #require(try HTTP.object(login)["token"] as? String)
        func get(_ url: URL) async throws -> (Data, Int) {
            var request = URLRequest(url: url)
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            return try await HTTP.send(request)
        }

        // Given a message delivered the maildir way (written in tmp/, renamed into new/)
        let maildir = cluster.dataDirectory.appendingPathComponent("intake/maildir")
        let name = "1900000000.M1P1.e2e"
        let message =
            [
                "From: =?UTF-8?Q?Trattoria_Da_Gino?= <GINO@dagino.example>",
                "Subject: Forno rotto",
                "Message-ID: <e2e-\(cluster.topicPrefix)@dagino.example>",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "Il forno non scalda pi=C3=B9.",
                "Apparecchio: Forno"
            ].joined(separator: "\r\n") + "\r\n"
        let tmp = maildir.appendingPathComponent("tmp/\(name)")
        try FileManager.default.createDirectory(at: tmp.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: maildir.appendingPathComponent("new"), withIntermediateDirectories: true)
        try Data(message.utf8).write(to: tmp)
        try FileManager.default.moveItem(at: tmp, to: maildir.appendingPathComponent("new/\(name)"))

        // When intake picks it up, the ticket appears for the known customer through the email channel
        let ticket = try await eventually("the email's ticket in intake") { () -> [String: Any]? in
            let (data, _) = try await get(cluster.url(.intake, "/api/tickets"))
            return try HTTP.items(data).first { $0["channel"] as? String == "email" }
        }
        let ticketID = try #require(ticket["id"] as? String)
        #expect((ticket["customer"] as? [String: Any])?["name"] as? String == "Trattoria Da Gino")
        #expect(ticket["description"] as? String == "Forno rotto\n\nIl forno non scalda più.\nApparecchio: Forno")
        #expect((ticket["customFields"] as? [String: Any])?["appliance"] as? String == "Forno")
        // and the message is marked seen in cur/
        _ = try await eventually("the message moved to cur/", timeout: .seconds(10)) { () -> Bool? in
            FileManager.default.fileExists(atPath: maildir.appendingPathComponent("cur/\(name):2,S").path) ? true : nil
        }
        #expect(!FileManager.default.fileExists(atPath: maildir.appendingPathComponent("new/\(name)").path))

        // Then the planner lists it as a call not yet scheduled
        let queued = try await eventually("the email's ticket in the planner's queue") { () -> [String: Any]? in
            let (data, _) = try await get(cluster.url(.planner, "/api/queue?limit=200"))
            return try HTTP.items(data).first { $0["ticketID"] as? String == ticketID }
        }
        #expect(queued["number"] as? String == ticket["number"] as? String)

        // and the same message delivered again opens nothing new
        try Data(message.utf8).write(to: maildir.appendingPathComponent("new/\(name).again"))
        _ = try await eventually("the second delivery moved to cur/", timeout: .seconds(10)) { () -> Bool? in
            FileManager.default.fileExists(atPath: maildir.appendingPathComponent("cur/\(name).again:2,S").path)
                ? true : nil
        }
        let (data, _) = try await get(cluster.url(.intake, "/api/tickets"))
        #expect(try HTTP.items(data).filter { $0["channel"] as? String == "email" }.count == 1)
    }
}
