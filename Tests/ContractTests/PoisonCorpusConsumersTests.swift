import AriannaPoisonCorpus
import AriannaProtocol
import BillingService
import IntakeService
import NotificationService
import PlannerService
import ServiceKit
import Testing
import WebReportService

/// The poison corpus's list of who reads each topic (which says how many dead-letter copies to
/// expect) is the services' own: every service reads its `consumedTopics` plus the setup topic.
@Suite struct PoisonCorpusConsumersTests {
    @Test(arguments: Topic.allCases)
    func consumingServices_matchTheServiceDefinitions(topic: Topic) {
        let definitions = [
            IntakeService.definition, PlannerService.definition, NotificationService.definition,
            WebReportService.definition, BillingService.definition
        ]
        let readers = definitions.filter { ($0.consumedTopics + [.setup]).contains(topic) }.map(\.name)
        #expect(Set(PoisonCorpus.consumingServices(of: topic)) == Set(readers))
        #expect(PoisonCorpus.consumedTopics.contains(topic) == !readers.isEmpty)
    }
}
