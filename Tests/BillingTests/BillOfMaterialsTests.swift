import BillingDomain
import Foundation
import Testing

@testable import BillingService

/// KIT = 2 PUMP-ASM + 3 PIPE + 2 SCREW; PUMP-ASM = 1 MOTOR + 4 SCREW (SCREW is shared by two levels).
@Suite("Bills of materials")
struct BillOfMaterialsTests {
    static let bom = BillOfMaterials(components: [
        "KIT": [
            .init(code: "PUMP-ASM", quantity: 2), .init(code: "PIPE", quantity: 3), .init(code: "SCREW", quantity: 2)
        ],
        "PUMP-ASM": [.init(code: "MOTOR", quantity: 1), .init(code: "SCREW", quantity: 4)]
    ])

    @Test func explode_multipliesDownEveryLevel_andSumsSharedComponents() {
        let leaves = Self.bom.explode("KIT", quantity: 5)

        #expect(
            leaves == [
                .init(code: "MOTOR", quantity: 10), .init(code: "SCREW", quantity: 50),
                .init(code: "PIPE", quantity: 15)
            ])
    }

    @Test func explode_ofAnArticleWithoutABOM_isEmpty() {
        #expect(Self.bom.explode("PIPE", quantity: 3).isEmpty)
    }

    @Test func cycle_isFoundWithItsPath_directOrNot() {
        #expect(
            Self.bom.cycle(ifSetting: "MOTOR", to: [.init(code: "KIT", quantity: 1)]) == [
                "MOTOR", "KIT", "PUMP-ASM", "MOTOR"
            ])
        #expect(Self.bom.cycle(ifSetting: "PIPE", to: [.init(code: "PIPE", quantity: 1)]) == ["PIPE", "PIPE"])
        #expect(Self.bom.cycle(ifSetting: "MOTOR", to: [.init(code: "SCREW", quantity: 2)]) == nil)
    }

    @Test func lowLevelCodes_putASharedComponentBelowItsDeepestParent() {
        let levels = Self.bom.lowLevelCodes()

        #expect(levels["KIT"] == 0)
        #expect(levels["PUMP-ASM"] == 1)
        #expect(levels["PIPE"] == 1)
        #expect(levels["SCREW"] == 2)
        #expect(levels["MOTOR"] == 2)
    }

    @Test func theStore_refusesACycleWithThePath_andUnknownComponents_writingNothing() async throws {
        let service = try TestService()
        let boms = BOMStore(database: service.database)
        _ = try await boms.replace("CALLOUT", with: .init(components: [.init(code: "FILTER-01", quantity: 2)]))

        do {
            _ = try await boms.replace("FILTER-01", with: .init(components: [.init(code: "callout", quantity: 1)]))
            Issue.record("expected a refusal")
        } catch let error as BillingError {
            #expect(error.message(language: .en).contains("FILTER-01 → CALLOUT → FILTER-01"))
            #expect(error.message(language: .it).contains("conterrebbe se stessa"))
        }
        do {
            _ = try await boms.replace("PIPE-22", with: .init(components: [.init(code: "NOPE", quantity: 0)]))
            Issue.record("expected a refusal")
        } catch let error as BillingError {
            #expect(error.problems.map(\.field) == ["components[0].quantity", "components[0].code"])
        }
        #expect(try await boms.bom(of: "FILTER-01").components.isEmpty)
        #expect(try await boms.bom(of: "CALLOUT").leaves == [.init(code: "FILTER-01", quantity: 2)])
    }
}
