import CHaru
import Foundation
import ServiceKit
import WebReportDomain

/// The signed intervention report as a PDF (A4), drawn with libHaru: the document a technician
/// or the back office downloads and that can go to the customer. Text is written in Helvetica
/// with the Windows-1252 encoding, which covers Italian and English.
enum ReportPDF {
    /// Why no PDF came out.
    struct Failure: Error, CustomStringConvertible {
        /// What libHaru refused, for the log.
        var description: String
    }

    /// A4 in points, and the margin around the text.
    static let pageWidth: Float = 595
    /// A4's height in points.
    static let pageHeight: Float = 842
    /// The white border around the text, in points.
    static let margin: Float = 50

    /// The PDF's bytes, with the labels of `table` (the page strings in the reader's language).
    static func make(_ content: PrintableReport, table: [String: String], format: LocalTimeFormat) throws -> [UInt8] {
        guard let pdf = HPDF_New(nil, nil) else { throw Failure(description: "libHaru could not start a document") }
        defer { HPDF_Free(pdf) }
        HPDF_SetCompressionMode(pdf, UInt32(HPDF_COMP_ALL))
        guard let regular = HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding"),
            let bold = HPDF_GetFont(pdf, "Helvetica-Bold", "WinAnsiEncoding")
        else { throw Failure(description: "libHaru has no Helvetica") }
        var writer = Writer(pdf: pdf, regular: regular, bold: bold)
        writer.newPage()

        let report = content.report
        let line = content.line
        func label(_ key: String) -> String { table[key] ?? key }
        writer.text(label("reportHeading"), size: 18, bold: true)
        writer.gap(6)
        if let number = line.item.ticketNumber { writer.field(label("ticket"), number) }
        writer.field(label("customer"), line.customer?.name ?? line.item.customerName ?? "")
        if let address = line.customer?.address(inZone: line.ticket?.siteZone) {
            writer.field(label("address"), address)
        }
        writer.field(
            label("when"),
            "\(format.date(line.item.start)) \(format.time(line.item.start))–\(format.time(line.item.end))")
        writer.field(label("technician"), line.item.operatorName)
        writer.field(label("closedAt"), "\(format.date(report.closedAt)) \(format.time(report.closedAt))")
        writer.field(
            label("outcome"), report.outcome == .completed ? label("outcomeCompleted") : label("outcomeAnotherVisit"))
        if let note = report.visitNote { writer.field(label("visitNote"), note) }
        writer.gap(8)
        writer.text(label("workDone"), size: 12, bold: true)
        writer.paragraph(report.workDone)
        writer.gap(8)
        writer.text(label("sessions"), size: 12, bold: true)
        for (index, session) in report.sessions.enumerated() {
            writer.paragraph(
                "\(index + 1). \(format.date(session.start)) \(format.time(session.start))–\(format.time(session.end)) · \(session.workedMinutes) \(label("minutes")) · \(label("travel")): \(session.travelMinutes)"
            )
        }
        writer.field(label("totalWorked"), "\(report.workedMinutes) \(label("minutes"))")
        writer.field(label("totalTravel"), "\(report.travelMinutes) \(label("minutes"))")
        writer.gap(8)
        writer.text(label("materials"), size: 12, bold: true)
        if report.materials.isEmpty { writer.paragraph(label("noMaterials")) }
        for material in report.materials {
            writer.paragraph(
                "\(material.articleCode) · \(material.description) · \(AppointmentPageModel.quantity(material.quantity))"
            )
        }
        writer.gap(12)
        if let signer = report.signedBy { writer.field(label("signedBy"), signer) }
        if let png = content.signaturePNG { try writer.image(png, kind: .png, maxWidth: 220, maxHeight: 90) }
        if !content.photos.isEmpty {
            writer.gap(12)
            writer.text(label("photos"), size: 12, bold: true)
            for photo in content.photos {
                try writer.image(
                    photo.bytes, kind: photo.contentType == PhotoRules.Kind.png.rawValue ? .png : .jpeg, maxWidth: 300,
                    maxHeight: 300)
                writer.gap(6)
            }
        }

        guard HPDF_SaveToStream(pdf) == HPDF_OK else {
            throw Failure(description: "libHaru could not write the document")
        }
        var size = HPDF_GetStreamSize(pdf)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let status = bytes.withUnsafeMutableBufferPointer { HPDF_ReadFromStream(pdf, $0.baseAddress, &size) }
        guard status == HPDF_OK || status == UInt(HPDF_STREAM_EOF) else {
            throw Failure(description: "libHaru could not read the document back (\(status))")
        }
        return Array(bytes.prefix(Int(size)))
    }

    /// A cursor down the pages: one line after the other, a new page when one is full.
    struct Writer {
        /// The document being drawn.
        let pdf: HPDF_Doc
        /// Helvetica, for values.
        let regular: HPDF_Font
        /// Helvetica Bold, for headings and labels.
        let bold: HPDF_Font
        /// The page being written; nil before the first.
        var page: HPDF_Page?
        /// The baseline of the last line written, from the page's bottom.
        var y: Float = 0

        /// A cursor on `pdf` with its two fonts; call ``newPage()`` before writing.
        init(pdf: HPDF_Doc, regular: HPDF_Font, bold: HPDF_Font) {
            self.pdf = pdf
            self.regular = regular
            self.bold = bold
        }

        /// Starts an A4 page and moves to its top.
        mutating func newPage() {
            page = HPDF_AddPage(pdf)
            HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT)
            y = pageHeight - margin
        }

        /// Starts a new page unless `height` more points fit above the margin.
        mutating func room(_ height: Float) {
            if y - height < margin { newPage() }
        }

        /// Leaves `height` points blank.
        mutating func gap(_ height: Float) { y -= height }

        /// One line of text (cut to the page's width).
        mutating func text(_ text: String, size: Float, bold isBold: Bool = false, x: Float = margin) {
            room(size + 4)
            y -= size + 4
            HPDF_Page_BeginText(page)
            HPDF_Page_SetFontAndSize(page, isBold ? bold : regular, size)
            ReportPDF.withWinAnsi(text) { HPDF_Page_TextOut(page, x, y, $0) }
            HPDF_Page_EndText(page)
        }

        /// A label in bold and its value, the value wrapped.
        mutating func field(_ label: String, _ value: String) {
            paragraph(value, lead: label + ": ")
        }

        /// Text wrapped to the page's width, 10 pt.
        mutating func paragraph(_ text: String, lead: String = "") {
            let size: Float = 10
            HPDF_Page_SetFontAndSize(page, regular, size)
            let width = pageWidth - 2 * margin
            for (index, line) in wrap(lead + text, width: width, size: size).enumerated() {
                if index == 0 && !lead.isEmpty {
                    room(size + 4)
                    y -= size + 4
                    HPDF_Page_BeginText(page)
                    HPDF_Page_SetFontAndSize(page, bold, size)
                    ReportPDF.withWinAnsi(lead) { HPDF_Page_TextOut(page, margin, y, $0) }
                    let leadWidth = ReportPDF.withWinAnsi(lead) { HPDF_Page_TextWidth(page, $0) }
                    HPDF_Page_SetFontAndSize(page, regular, size)
                    ReportPDF.withWinAnsi(String(line.dropFirst(lead.count))) {
                        HPDF_Page_TextOut(page, margin + leadWidth, y, $0)
                    }
                    HPDF_Page_EndText(page)
                } else {
                    self.text(line, size: size)
                }
            }
        }

        /// Words put on lines no wider than `width`.
        func wrap(_ text: String, width: Float, size: Float) -> [String] {
            var lines: [String] = []
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
                var current = ""
                for word in paragraph.split(separator: " ") {
                    let candidate = current.isEmpty ? String(word) : current + " " + word
                    let fits = ReportPDF.withWinAnsi(candidate) { HPDF_Page_TextWidth(page, $0) } <= width
                    if fits || current.isEmpty {
                        current = candidate
                    } else {
                        lines.append(current)
                        current = String(word)
                    }
                }
                lines.append(current)
            }
            return lines
        }

        /// A PNG or JPEG scaled to fit the box, keeping its proportions.
        mutating func image(_ bytes: [UInt8], kind: PhotoRules.Kind, maxWidth: Float, maxHeight: Float) throws {
            let loaded = bytes.withUnsafeBufferPointer { buffer in
                kind == .png
                    ? HPDF_LoadPngImageFromMem(pdf, buffer.baseAddress, UInt32(buffer.count))
                    : HPDF_LoadJpegImageFromMem(pdf, buffer.baseAddress, UInt32(buffer.count))
            }
            guard let image = loaded else { throw Failure(description: "libHaru could not read an image") }
            let width = Float(HPDF_Image_GetWidth(image))
            let height = Float(HPDF_Image_GetHeight(image))
            guard width > 0, height > 0 else { return }
            let scale = min(maxWidth / width, maxHeight / height, 1)
            room(height * scale + 4)
            y -= height * scale + 4
            HPDF_Page_DrawImage(page, image, margin, y, width * scale, height * scale)
        }
    }

    /// `text` in Windows-1252 (what the standard fonts' WinAnsiEncoding reads), NUL-terminated;
    /// characters outside it become `?`.
    @discardableResult
    static func withWinAnsi<T>(_ text: String, _ body: (UnsafePointer<CChar>) -> T) -> T {
        let mapped = String(
            text.unicodeScalars.map { scalar -> Character in
                String(scalar).data(using: .windowsCP1252) == nil ? "?" : Character(scalar)
            })
        var bytes = [UInt8](mapped.data(using: .windowsCP1252) ?? Data(mapped.utf8))
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { body($0) }
        }
    }
}
