import CCurl
import Foundation
import NotificationDomain

/// One SMTP delivery through a libcurl easy handle: the MIME message built with libcurl's MIME
/// API (multipart/mixed holding a multipart/alternative of text and HTML, then any attachment),
/// the headers set by us, and the outcome classified from the server's last reply.
///
/// Blocking; call it off the cooperative pool (``SMTPMailTransport`` does). The easy handle comes
/// from ``SMTPConnections``: libcurl keeps the handle's connection open after the transfer and
/// reuses it for the next message to the same server (no new TCP, TLS and EHLO each time).
struct CurlSMTPSend {
    /// Where the message goes and how.
    let server: SMTPServer
    /// The envelope sender (`MAIL FROM`), where bounces go.
    let envelopeSender: String

    /// Sends `message` on `handle`; returns after the server accepted it (250), throws
    /// ``MailDeliveryError`` otherwise. The handle's options are reset afterwards; its connection stays.
    func perform(_ message: MailMessage, on handle: UnsafeMutableRawPointer) throws {
        let replies = ReplyLog()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headers: UnsafeMutablePointer<curl_slist>?
        var recipients: UnsafeMutablePointer<curl_slist>?
        defer {
            curl_slist_free_all(headers)
            curl_slist_free_all(recipients)
        }
        let mime = try buildMIME(message, on: handle)
        defer { curl_mime_free(mime) }
        // Runs first: the handle forgets this message's options (and pointers) but keeps its connection.
        defer { curl_easy_reset(handle) }

        for line in headerLines(message) { headers = curl_slist_append(headers, line) }
        recipients = curl_slist_append(recipients, "<\(message.to.address)>")

        try set(handle, CURLOPT_URL, server.url)
        try set(handle, CURLOPT_MAIL_FROM, "<\(envelopeSender)>")
        try check(ccurl_setopt_pointer(handle, CURLOPT_MAIL_RCPT, recipients))
        try check(ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, headers))
        try check(ccurl_setopt_pointer(handle, CURLOPT_MIMEPOST, UnsafeMutableRawPointer(mime)))
        try check(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        try check(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(server.timeout.milliseconds)))
        try check(ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(server.timeout.milliseconds)))
        if server.security == .starttls {
            try check(ccurl_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)))
        }
        if let caFile = server.caFile {
            try set(handle, CURLOPT_CAINFO, caFile)
        }
        if let username = server.username, let password = server.password {
            try set(handle, CURLOPT_USERNAME, username)
            try set(handle, CURLOPT_PASSWORD, password)
        }
        // The server's reply lines reach us only through the debug callback, which needs VERBOSE.
        try check(ccurl_setopt_long(handle, CURLOPT_VERBOSE, 1))
        try check(ccurl_setopt_debug_function(handle, ReplyLog.callback))
        try check(ccurl_setopt_pointer(handle, CURLOPT_DEBUGDATA, Unmanaged.passUnretained(replies).toOpaque()))

        let outcome = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            let code = withExtendedLifetime(replies) { curl_easy_perform(handle) }
            _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil)
            return code
        }
        guard outcome != CURLE_OK else { return }
        var responseCode = 0
        _ = ccurl_response_code(handle, &responseCode)
        let curlReason = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        throw Self.classify(
            outcome, responseCode: responseCode, lastReply: replies.last,
            reason: curlReason.isEmpty ? String(cString: curl_easy_strerror(outcome)) : curlReason)
    }

    /// 4xx and network trouble are transient, 5xx and a refused configuration permanent.
    static func classify(_ code: CURLcode, responseCode: Int, lastReply: String?, reason: String) -> MailDeliveryError {
        let reply = lastReply.map { "\($0) (\(reason))" } ?? reason
        switch responseCode {
        case 500...599: return .permanent(reply)
        case 400...499: return .transient(reply)
        default: break
        }
        switch code {
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_USE_SSL_FAILED, CURLE_LOGIN_DENIED:
            return .permanent(reply)
        default:
            return .transient(reply)
        }
    }

    /// From, To, Reply-To, Subject, Date and Message-ID; libcurl adds MIME-Version and the
    /// multipart Content-Type. Values are cleaned and encoded by ``MailHeader`` so no customer
    /// text can add a header.
    private func headerLines(_ message: MailMessage) -> [String] {
        var lines = [
            "From: \(MailHeader.singleLine(message.from))",
            "To: \(MailHeader.mailbox(name: message.to.name, address: message.to.address))",
            "Subject: \(MailHeader.unstructured(message.content.subject))",
            "Date: \(MailHeader.date(message.date, timeZone: message.timeZone))",
            "Message-ID: \(message.messageID)"
        ]
        if let replyTo = message.replyTo { lines.append("Reply-To: \(MailHeader.singleLine(replyTo))") }
        return lines
    }

    /// multipart/mixed { multipart/alternative { text/plain, text/html }, attachments… }.
    private func buildMIME(_ message: MailMessage, on handle: UnsafeMutableRawPointer) throws -> OpaquePointer {
        guard let mime = curl_mime_init(handle), let alternative = curl_mime_init(handle) else {
            throw MailDeliveryError.transient("libcurl could not allocate the MIME message")
        }
        do {
            try addText(message.content.body, type: "text/plain; charset=utf-8", to: alternative)
            let html =
                message.content.html ?? EmailHTML.page(fromText: message.content.body, title: message.content.subject)
            try addText(html, type: "text/html; charset=utf-8", to: alternative)
        } catch {
            curl_mime_free(alternative)
            curl_mime_free(mime)
            throw error
        }
        guard let alternativePart = curl_mime_addpart(mime) else {
            curl_mime_free(alternative)
            curl_mime_free(mime)
            throw MailDeliveryError.transient("libcurl could not add a MIME part")
        }
        do {
            try check(curl_mime_subparts(alternativePart, alternative))  // the part now owns `alternative`
            try check(curl_mime_type(alternativePart, "multipart/alternative"))
            for attachment in message.attachments {
                guard let part = curl_mime_addpart(mime) else {
                    throw MailDeliveryError.transient("libcurl could not add a MIME part")
                }
                try data(attachment.data, into: part)
                try check(curl_mime_type(part, attachment.contentType))
                try check(curl_mime_filename(part, attachment.fileName))
                try check(curl_mime_encoder(part, "base64"))
            }
        } catch {
            curl_mime_free(mime)
            throw error
        }
        return mime
    }

    private func addText(_ text: String, type: String, to mime: OpaquePointer) throws {
        guard let part = curl_mime_addpart(mime) else {
            throw MailDeliveryError.transient("libcurl could not add a MIME part")
        }
        let crlf = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        try data(Array(crlf.utf8), into: part)
        try check(curl_mime_type(part, type))
        try check(curl_mime_encoder(part, "quoted-printable"))
    }

    private func data(_ bytes: [UInt8], into part: OpaquePointer) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { chars in
                try check(curl_mime_data(part, chars.baseAddress, chars.count))
            }
        }
    }

    private func set(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, _ value: String) throws {
        try check(ccurl_setopt_string(handle, option, value))
    }

    /// A libcurl setup call that fails is a bug or an exhausted machine, not the server's fault: retry later.
    private func check(_ code: CURLcode) throws {
        guard code == CURLE_OK else {
            throw MailDeliveryError.transient("libcurl refused a setting: \(String(cString: curl_easy_strerror(code)))")
        }
    }
}

/// The server's reply lines as libcurl's debug callback sees them, keeping the last one and the
/// last refusal (4xx/5xx): after a refusal libcurl still says QUIT, and the "221 Bye" that
/// follows must not hide the reason.
private final class ReplyLog {
    private(set) var lastLine: String?
    private(set) var lastRefusal: String?

    /// The refusal if there was one, else the last line.
    var last: String? { lastRefusal ?? lastLine }

    /// A C function pointer: no captures; the log arrives as the callback's user pointer.
    static let callback: curl_debug_callback = { _, type, data, size, user in
        guard type == CURLINFO_HEADER_IN, let data, let user else { return 0 }
        let bytes = UnsafeRawBufferPointer(start: data, count: size)
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty {
            let log = Unmanaged<ReplyLog>.fromOpaque(user).takeUnretainedValue()
            let line = text.replacingOccurrences(of: "\r\n", with: " ")
            log.lastLine = line
            if let first = line.first, first == "4" || first == "5" { log.lastRefusal = line }
        }
        return 0
    }
}

extension Duration {
    /// Whole milliseconds, for libcurl's `_MS` options.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
