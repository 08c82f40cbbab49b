/// The board's half-hour cells and appointment bars as HTML, written straight into one string
/// per technician.
///
/// A week of fifty technicians has 7,000 cells and 750 bars. Rendered by Mustache, each was a
/// context lookup per field and an escape of every value character by character (a dictionary
/// lookup per `Character`), which was most of the page's render time. Here each row's cells and
/// bars are strings the template inserts unescaped (`{{{cellsHTML}}}`, `{{{barsHTML}}}`), every
/// value escaped on its UTF-8 bytes. This is the only copy of that markup: after a live update
/// `board.js` swaps in what `GET /board/fragment` renders through the same template.
enum BoardMarkup {
    /// Bytes per cell, a little above the usual, so a row's string grows at most once or twice.
    static let bytesPerCell = 200

    /// The cells of one row, in column order, as `board.mustache`'s `planner__cells` holds them.
    static func cells(_ cells: [BoardModel.Cell]) -> String {
        var html = ""
        html.reserveCapacity(cells.count * bytesPerCell)
        for cell in cells {
            html += "<div class=\"cell cell--"
            html += cell.shade.rawValue
            if cell.dayStart { html += " day-start" }
            html += "\" tabindex=\"-1\" role=\"button\" data-start=\""
            appendEscaped(cell.start, to: &html)
            html += "\" aria-label=\""
            appendEscaped(cell.label, to: &html)
            html += "\""
            if let reason = cell.reason {
                html += " title=\""
                appendEscaped(reason, to: &html)
                html += "\""
            }
            html += "></div>"
        }
        return html
    }

    /// The bars of one row, in start order: a focusable button per appointment, placed in
    /// percent of the row.
    static func bars(_ bars: [BoardModel.Bar]) -> String {
        var html = ""
        html.reserveCapacity(bars.count * 900)
        for bar in bars {
            html += "<div class=\"bar bar--"
            appendEscaped(bar.state, to: &html)
            if bar.clippedStart { html += " bar--clipped-start" }
            if bar.clippedEnd { html += " bar--clipped-end" }
            html += "\" tabindex=\"0\" role=\"button\" data-id=\""
            appendEscaped(bar.id, to: &html)
            html += "\" data-ticket=\""
            appendEscaped(bar.ticketID ?? "", to: &html)
            html += "\" data-start=\""
            appendEscaped(bar.start, to: &html)
            html += "\" data-end=\""
            appendEscaped(bar.end, to: &html)
            html += "\" data-minutes=\"\(bar.minutes)\" data-title=\""
            appendEscaped(bar.title, to: &html)
            html += "\" aria-label=\""
            appendEscaped(bar.label, to: &html)
            html += "\" title=\""
            appendEscaped("\(bar.title) · \(bar.timeLabel) · \(bar.typeName)", to: &html)
            html += "\" style=\"left:\(bar.left)%;width:\(bar.width)%;--bar:"
            appendEscaped(bar.colour, to: &html)
            html += ";--bar-text:"
            appendEscaped(bar.textColour, to: &html)
            html += "\"><span class=\"bar__title\">"
            appendEscaped(bar.title, to: &html)
            html += "</span><span class=\"bar__time\">"
            appendEscaped(bar.timeLabel, to: &html)
            html += "</span><span class=\"bar__handle\" aria-hidden=\"true\"></span></div>"
        }
        return html
    }

    /// Appends `text` to `html` with `<`, `>`, `&`, `"` and `'` escaped as Mustache escapes them,
    /// so the text is safe in an element or a quoted attribute. Runs of other bytes (the whole
    /// text, usually) are copied at once.
    static func appendEscaped(_ text: String, to html: inout String) {
        let bytes = text.utf8
        var copied = bytes.startIndex
        var index = copied
        while index != bytes.endIndex {
            let replacement: String? =
                switch bytes[index] {
                case UInt8(ascii: "<"): "&lt;"
                case UInt8(ascii: ">"): "&gt;"
                case UInt8(ascii: "&"): "&amp;"
                case UInt8(ascii: "\""): "&quot;"
                case UInt8(ascii: "'"): "&#39;"
                default: nil
                }
            let next = bytes.index(after: index)
            if let replacement {
                // The escaped characters are ASCII, so both ends are character boundaries.
                html += text[copied..<index]
                html += replacement
                copied = next
            }
            index = next
        }
        html += text[copied..<bytes.endIndex]
    }
}
