import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import BillingService

/// Billing's plain forms are read by ServiceKit's `FormFields`, the project's one urlencoded
/// reader; billing keeps its own refusal of a name sent twice or a broken escape, in both languages.
@Suite("Billing's flat forms")
struct FormBodyTests {
    @Test func aFlatForm_givesEachValueAsSent() throws {
        let form = try FormBody(encoded: "code=PUMP-A2&description=Pompa+di+calore%20%C3%A8&note=+x+&empty=")

        #expect(form["code"] == "PUMP-A2")
        #expect(form["description"] == "Pompa di calore è")
        #expect(form["note"] == " x ")
        #expect(form["empty"] == "")
        #expect(form["missing"] == nil)
    }

    @Test func aNameSentTwice_orABrokenEscape_isNotAFlatForm() {
        #expect(throws: FormBody.Refusal.repeatedName("code")) { try FormBody(encoded: "code=A&kind=material&code=B") }
        #expect(throws: FormBody.Refusal.badEscape) { try FormBody(encoded: "code=100%&kind=material") }
        #expect(throws: FormBody.Refusal.badEscape) { try FormBody(encoded: "code=%C3&kind=%A8") }
    }

    @Test func aFormThatIsNotFlat_isRefusedInItalian_whenAsked() async throws {
        let service = try TestService(withCatalogue: false)
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let clerk = anonymous.loggedIn(to: service.context, permissions: [.billingEdit])
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: "it"]
            let broken = "code=PUMP-A2&description=Pompa%ZZ&unit=pz&price=10&vatRatePercent=22&kind=material"
            try await clerk.execute(uri: "/articles", method: .post, headers: form, body: ByteBuffer(string: broken)) {
                response in
                #expect(response.status == .badRequest)
                let body = try JSONDecoder().decode(
                    RefusalLanguageTests.ErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(
                    body.error.message
                        == "Il modulo inviato non si può leggere: un campo ripetuto o un carattere codificato male.")
            }
        }
        #expect(try await ArticleCatalogue(context: service.context).articles().isEmpty)
    }
}
