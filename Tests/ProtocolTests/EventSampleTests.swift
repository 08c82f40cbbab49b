import AriannaProtocol
import Foundation
import Testing

/// The samples in `docs/events/` and `docs/asyncapi.yaml` are what external integrators read;
/// they must stay true to the code.
@Suite("docs/events samples and docs/asyncapi.yaml")
struct EventSampleTests {
    /// `docs`, found from this file so the test runs from any working directory.
    static let docsFolder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()  // ProtocolTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("docs")
    static let samplesFolder = docsFolder.appendingPathComponent("events")

    static func sampleFiles() -> [URL] {
        let files =
            (try? FileManager.default.contentsOfDirectory(at: samplesFolder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func samples_coverEveryKnownType() {
        let names = Set(Self.sampleFiles().map { $0.deletingPathExtension().lastPathComponent })

        #expect(names == Set(EventCodec.knownTypes), "docs/events at \(Self.samplesFolder.path)")
    }

    @Test(arguments: sampleFiles())
    func decode_acceptsSampleAndTypeMatchesFileName(file: URL) throws {
        // Given a sample envelope from the docs
        let bytes = Array(try Data(contentsOf: file))

        // When decoding it
        let received = try EventCodec.decode(bytes)

        // Then its type is the file's name and the subject is the message key
        let expectedType = file.deletingPathExtension().lastPathComponent
        #expect(received.metadata.type == expectedType)
        #expect(received.event.eventType == expectedType)
        #expect(received.metadata.subject == received.event.aggregateID)
    }

    @Test func asyncAPI_namesEveryTypeAndTopic() throws {
        // Given the AsyncAPI document (validated against the AsyncAPI schema outside Swift)
        let text = try String(contentsOf: Self.docsFolder.appendingPathComponent("asyncapi.yaml"), encoding: .utf8)

        // Then every catalogue type has a message and every topic a channel
        for type in EventCodec.knownTypes {
            #expect(text.contains("name: \(type)\n"), "no message named \(type)")
        }
        for topic in Topic.allCases {
            #expect(text.contains("address: \(topic.rawValue)\n"), "no channel for \(topic.rawValue)")
        }
    }
}
