import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import BillingService
@testable import ServiceKit

/// Object-level access on every billing route that takes an id (issue 14 §3). Billing documents,
/// articles, bills of materials and MRP runs belong to the company's administration as a whole:
/// R19 bills every closed paid activity and scopes nothing by practice (R4 scopes ticket
/// searches, not the books), so a holder of `billing.read` / `billing.edit` / `stock.edit` —
/// here one whose user belongs to another practice than the billed ticket's — reaches every
/// document; each row says so and asserts the documented answer. An API key holding every
/// billing permission but limited to another service is refused (403) before any object.
@Suite struct BillingObjectAccessTests {
    @Test func everyIdRoute_hasItsDocumentedAnswer() async throws {
        let service = try TestService()
        try await service.deliver(.setup(.repair()))
        try await service.deliver(.closed(.mock(), id: "evt-1"))
        let document = "doc-1"
        let key = service.context.configuration.sessionKey
        let everyBillingPermission: Set<Permission> = [.billingRead, .billingEdit, .stockEdit]
        let id = UUID().uuidString.prefix(8).lowercased()
        let clerk = SessionCredentials(
            claims: SessionClaims(
                sessionID: "s-\(id)", userID: "u-\(id)", username: "clerk-\(id)", displayName: "Clerk",
                permissions: everyBillingPermission, practiceIDs: ["pr-commercial"],
                expiresAt: Instant.now.addingTimeInterval(3600)),
            key: key
        ).bearerHeaders
        let form = clerk.setting(.contentType, "application/x-www-form-urlencoded")
        let intakeOnlyKey = HTTPFields.bearer(
            try await ObjectAccess.apiKey(
                permissions: everyBillingPermission, services: ["intake"], context: service.context))
        let books = "billing documents are the company's administration (R19), not scoped by practice"
        let catalogue = "articles, bills of materials and MRP runs are the company's, no per-object rule"
        let rows: [ObjectAccessRow] = [
            ObjectAccessRow(
                "GET /api/billing-documents/{id}", "/api/billing-documents/\(document)", caller: intakeOnlyKey,
                .refused(.forbidden, absentURI: "/api/billing-documents/doc-none")),
            ObjectAccessRow(
                "POST /api/billing-documents/{id}/confirm", "/api/billing-documents/\(document)/confirm",
                caller: intakeOnlyKey, .refused(.forbidden, absentURI: "/api/billing-documents/doc-none/confirm")),
            ObjectAccessRow(
                "GET /api/billing-documents/{id}", "/api/billing-documents/\(document)", caller: clerk,
                .noObjectRule(reason: books, answer: .ok)),
            ObjectAccessRow(
                "PATCH /api/billing-documents/{id}/lines/{position}", "/api/billing-documents/\(document)/lines/1",
                caller: clerk, body: #"{"quantity": 2}"#, .noObjectRule(reason: books, answer: .ok)),
            ObjectAccessRow(
                "POST /api/billing-documents/{id}/confirm", "/api/billing-documents/doc-none/confirm", caller: clerk,
                .noObjectRule(reason: books, answer: .notFound)),
            ObjectAccessRow(
                "POST /api/billing-documents/{id}/credit-note", "/api/billing-documents/doc-none/credit-note",
                caller: clerk, .noObjectRule(reason: books, answer: .notFound)),
            ObjectAccessRow(
                "GET /documents/{id}", "/documents/\(document)", caller: clerk,
                .noObjectRule(reason: books, answer: .ok)),
            ObjectAccessRow(
                "GET /documents/{id}/print", "/documents/\(document)/print", caller: clerk,
                .noObjectRule(reason: books, answer: .ok)),
            ObjectAccessRow(
                "GET /documents/{id}/lines/{position}", "/documents/\(document)/lines/1", caller: clerk,
                .noObjectRule(reason: books, answer: .ok)),
            ObjectAccessRow(
                "POST /documents/{id}/lines/{position}", "/documents/doc-none/lines/1", caller: form,
                body: "quantity=1",
                .noObjectRule(reason: books, answer: .notFound)),
            ObjectAccessRow(
                "POST /documents/{id}/confirm", "/documents/doc-none/confirm", caller: form, body: "",
                .noObjectRule(reason: books, answer: .notFound)),
            ObjectAccessRow(
                "POST /documents/{id}/credit-note", "/documents/doc-none/credit-note", caller: form, body: "",
                .noObjectRule(reason: books, answer: .notFound)),
            ObjectAccessRow(
                "GET /api/articles/{code}", "/api/articles/FILTER-01", caller: clerk,
                .noObjectRule(reason: catalogue, answer: .ok)),
            ObjectAccessRow(
                "PUT /api/articles/{code}", "/api/articles/FILTER-01", caller: clerk, body: "{}",
                .noObjectRule(reason: catalogue, answer: .unprocessableContent)),
            ObjectAccessRow(
                "DELETE /api/articles/{code}", "/api/articles/NOPE", caller: clerk,
                .noObjectRule(reason: catalogue, answer: .notFound)),
            ObjectAccessRow(
                "POST /api/articles/{code}/deactivate", "/api/articles/NOPE/deactivate", caller: clerk,
                .noObjectRule(reason: catalogue, answer: .notFound)),
            ObjectAccessRow(
                "GET /articles/{code}", "/articles/FILTER-01", caller: clerk,
                .noObjectRule(reason: catalogue, answer: .ok)),
            ObjectAccessRow(
                "POST /articles/{code}", "/articles/NOPE", caller: form, body: "description=x",
                .noObjectRule(reason: catalogue, answer: .notFound)),
            ObjectAccessRow(
                "POST /articles/{code}/deactivate", "/articles/NOPE/deactivate", caller: form, body: "",
                .noObjectRule(reason: catalogue, answer: .notFound)),
            ObjectAccessRow(
                "POST /articles/{code}/delete", "/articles/NOPE/delete", caller: form, body: "",
                .noObjectRule(reason: catalogue, answer: .notFound)),
            ObjectAccessRow(
                "GET /articles/{code}/bom", "/articles/FILTER-01/bom", caller: clerk,
                .noObjectRule(reason: catalogue, answer: .ok)),
            ObjectAccessRow(
                "POST /articles/{code}/bom", "/articles/NOPE/bom", caller: form, body: "",
                .noObjectRule(reason: catalogue, answer: .notFound)),
            ObjectAccessRow(
                "GET /api/boms/{code}", "/api/boms/NOPE", caller: clerk,
                .noObjectRule(reason: catalogue, answer: .notFound)),
            ObjectAccessRow(
                "PUT /api/boms/{code}", "/api/boms/NOPE", caller: clerk, body: #"{"components":[]}"#,
                .noObjectRule(reason: catalogue, answer: .notFound)),
            ObjectAccessRow(
                "GET /api/mrp/runs/{id}", "/api/mrp/runs/run-none", caller: clerk,
                .noObjectRule(reason: catalogue, answer: .notFound)),
            ObjectAccessRow(
                "PUT /api/price-rules/{type}", "/api/price-rules/no-such-type", caller: clerk, body: "{}",
                .noObjectRule(reason: "price rules are the company's per registration type", answer: .notFound)),
            ObjectAccessRow(
                "GET /assets/kit/{name}", "/assets/kit/arianna.css", caller: [:],
                .noObjectRule(reason: "the shared layout's public stylesheet", answer: .ok)),
            ObjectAccessRow(
                "GET /assets/billing/{name}", "/assets/billing/billing.css", caller: [:],
                .noObjectRule(reason: "billing's public assets", answer: .ok)),
            ObjectAccessRow(
                "GET /lang/{code}", "/lang/en?back=/documents", caller: [:],
                .noObjectRule(reason: "chooses the page language; touches no stored object", answer: .seeOther))
        ]
        let router = ServiceRuntime.buildRouter(BillingService.definition, context: service.context)
        let idRoutes = ObjectAccess.idRoutes(of: router)
        try await Application(router: router).test(.router) { client in
            let findings = try await ObjectAccess.findings(rows, client: client)
            #expect(findings == [])
        }
        #expect(ObjectAccess.completeness(rows, idRoutes: idRoutes) == [])
        #expect(try await service.documentCount() == 1)
    }
}
