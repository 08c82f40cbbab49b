import Testing

@testable import BillingService

@Suite("Billing amounts")
struct BillingCalculatorTests {
    static let labour = BillingCalculator.Price(code: "LAB-HOUR", description: "Labour (per hour)", unitPriceCents: 4500)
    static let catalogue = [
        "FILTER-01": BillingCalculator.Price(code: "FILTER-01", description: "Boiler filter", unitPriceCents: 1250),
        "PIPE-22": BillingCalculator.Price(code: "PIPE-22", description: "Copper pipe 22 mm", unitPriceCents: 890),
    ]

    @Test(arguments: [(60, 4500), (95, 7125), (1, 75), (7, 525), (10, 750), (1440, 108_000)])
    func billsLabour_byTheMinute(minutes: Int, cents: Int) {
        #expect(BillingCalculator.labourAmount(minutes: minutes, hourlyRateCents: 4500) == cents)
    }

    @Test func roundsHalfUp_toWholeCents() {
        // 1 minute at 4530/h is 75.5 cents.
        #expect(BillingCalculator.labourAmount(minutes: 1, hourlyRateCents: 4530) == 76)
        #expect(BillingCalculator.amount(quantity: 2.5, unitPriceCents: 890) == 2225)
        #expect(BillingCalculator.amount(quantity: 0.333, unitPriceCents: 1250) == 416)
        #expect(BillingCalculator.amount(quantity: 0.1, unitPriceCents: 5) == 1, "0.5 rounds away from zero")
    }

    @Test func pricesLabourAndMaterials_andSumsTheRoundedLines() {
        // When
        let lines = BillingCalculator.lines(
            workedMinutes: 95, labour: Self.labour,
            materials: [(code: "FILTER-01", description: "filter", quantity: 2),
                        (code: "PIPE-22", description: "pipe", quantity: 2.5),
                        (code: "XYZ-9", description: "Special valve", quantity: 1)],
            price: { Self.catalogue[$0] })
        // Then
        #expect(lines.map(\.amountCents) == [7125, 2500, 2225, 0])
        #expect(lines.map(\.unitPriceCents) == [4500, 1250, 890, 0])
        #expect(lines[0].quantity == 95.0 / 60)
        #expect(lines[1].description == "FILTER-01 Boiler filter")
        #expect(lines[3].description == "XYZ-9 Special valve (price not set)")
        #expect(lines[3].articleCode == nil)
        #expect(BillingCalculator.total(of: lines) == 11_850)
    }

    @Test func leavesOutLabour_whenNoTimeWasWorked() {
        let lines = BillingCalculator.lines(workedMinutes: 0, labour: Self.labour, materials: [], price: { _ in nil })
        #expect(lines.isEmpty)
    }

    @Test func padsTheCounter_toSixDigits() {
        #expect(DocumentNumber(prefix: "FAT", year: 2026, counter: 1).description == "FAT/2026/000001")
        #expect(DocumentNumber(prefix: "FAT", year: 2026, counter: 1_234_567).description == "FAT/2026/1234567")
    }
}
