import AriannaProtocol
import BillingDomain
import Foundation
import Testing

@testable import BillingService

@Suite("Article CSV import")
struct ArticleCSVTests {
    @Test func aGoodFile_createsAndUpdates_withAReportPerRow() async throws {
        let service = try TestService()
        let catalogue = ArticleCatalogue(database: service.database, outbox: service.context.outbox)
        let csv = """
            code;description;descriptionEN;unit;price;vatRatePercent;kind
            VALVE-3W;"Valvola; tre vie";Three-way valve;pz;48,00;22;material
            FILTER-01;Filtro caldaia nuovo;;pz;13.00;22;material
            """

        let (applied, rows) = try await catalogue.importCSV(csv, language: .en)

        #expect(applied)
        #expect(rows.map(\.outcome) == ["created", "updated"])
        #expect(try await catalogue.article(code: "VALVE-3W").description == "Valvola; tre vie")
        #expect(try await catalogue.article(code: "FILTER-01").unitPriceCents == 1300)
        #expect(try await service.outbox().count == 2)
    }

    @Test func aFileWithBrokenRows_writesNothing_andSaysWhichRowsAndWhy() async throws {
        let service = try TestService()
        let catalogue = ArticleCatalogue(database: service.database, outbox: service.context.outbox)
        let csv = """
            code,description,unit,price,vatRatePercent,kind
            NEW-1,Nuovo,pz,1.00,22,material
            NEW-2,Nuovo 2,pz,1.005,21,material
            NEW-1,Doppio,pz,1,22,material
            """

        let (applied, rows) = try await catalogue.importCSV(csv, language: .it)

        #expect(!applied)
        #expect(rows.map(\.outcome) == ["created", "refused", "refused"])
        #expect(rows[1].row == 3)
        #expect(rows[1].problems.map(\.field) == ["price", "vatRatePercent"])
        #expect(rows[2].problems.first?.message == "Il codice 'NEW-1' compare in più righe.")
        await #expect(throws: BillingError.self) { try await catalogue.article(code: "NEW-1") }
        #expect(try await service.outbox().isEmpty)
    }

    @Test func aFileWithoutTheColumns_isRefused() async throws {
        let service = try TestService()
        let catalogue = ArticleCatalogue(database: service.database, outbox: service.context.outbox)
        await #expect(
            throws: BillingError.invalid([
                BillingProblem(
                    "file",
                    .init(
                        it: "Nell'intestazione mancano le colonne: price, vatRatePercent, kind.",
                        en: "The header lacks the columns: price, vatRatePercent, kind."))
            ])
        ) {
            try await catalogue.importCSV("code;description;unit\nA;B;pz", language: .en)
        }
    }

    @Test func theSharedReader_takesTabsAndQuotedLineBreaks_andRefusesAnOpenQuote() throws {
        let rows = try ArticleCSV.parse(
            "code\tdescription\tunit\tprice\tvatRatePercent\tkind\n\nPUMP-1\t\"Pompa\nda 3 kW\"\tpz\t10\t22\tmaterial\n"
        )

        #expect(rows.map(\.row) == [2])
        #expect(rows.first?.input.description == "Pompa\nda 3 kW")
        #expect(
            throws: BillingError.invalid([
                BillingProblem(
                    "file",
                    .init(
                        it: "La riga 2 apre un campo tra virgolette che non viene mai chiuso (manca un \").",
                        en: "Row 2 opens a quoted field that is never closed (a \" is missing)."))
            ])
        ) {
            try ArticleCSV.parse("code;description\n\"open;x\n")
        }
    }
}
