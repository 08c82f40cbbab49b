import Foundation
import Testing

@testable import PlannerService
@testable import ServiceKit

/// The board's cells and bars written as strings (`BoardMarkup`, issue 13) rather than by
/// Mustache: the same markup the template wrote, every value escaped, and the filled-in words.
@Suite struct BoardMarkupTests {
    @Test func aCell_isTheTemplatesMarkup_withItsValuesEscaped() {
        let cell = BoardModel.Cell(
            shade: .absent, reason: "Corso <sicurezza> & \"primo\" soccorso", start: "2026-03-02T14:00:00Z",
            label: "Mario O'Brien, lun 15:00, Assente", dayStart: true)

        let html = BoardMarkup.cells([cell, cell])

        let one =
            "<div class=\"cell cell--absent day-start\" tabindex=\"-1\" role=\"button\""
            + " data-start=\"2026-03-02T14:00:00Z\" aria-label=\"Mario O&#39;Brien, lun 15:00, Assente\""
            + " title=\"Corso &lt;sicurezza&gt; &amp; &quot;primo&quot; soccorso\"></div>"
        #expect(html == one + one)
    }

    @Test func aPresentCell_hasNoTitle_andNoDayStart() {
        let cell = BoardModel.Cell(
            shade: .present, reason: nil, start: "s", label: "Lucia, 8:00, Presente", dayStart: false)
        #expect(
            BoardMarkup.cells([cell])
                == "<div class=\"cell cell--present\" tabindex=\"-1\" role=\"button\" data-start=\"s\" aria-label=\"Lucia, 8:00, Presente\"></div>"
        )
    }

    @Test func aBar_carriesWhatTheScriptReads_escaped_andNonASCIIKept() throws {
        let bar = BoardModel.Bar(
            id: "a-1", ticketID: nil, title: "Caldaia <b>è</b> \"rotta\"", typeName: "Diretto",
            timeLabel: "09:00–10:30",
            start: "2026-03-02T08:00:00Z", end: "2026-03-02T09:30:00Z", minutes: 90, left: 12.5, width: 3.5714,
            colour: "#5b6577", textColour: "#ffffff", state: "scheduled", stateLabel: "Pianificato",
            label: "Caldaia, lun 2 09:00–10:30, Pianificato", clippedStart: false, clippedEnd: true)

        let html = BoardMarkup.bars([bar])

        #expect(
            html.hasPrefix(
                "<div class=\"bar bar--scheduled bar--clipped-end\" tabindex=\"0\" role=\"button\" data-id=\"a-1\" data-ticket=\"\""
            ))
        #expect(html.contains(" data-minutes=\"90\" data-title=\"Caldaia &lt;b&gt;è&lt;/b&gt; &quot;rotta&quot;\""))
        #expect(html.contains(" title=\"Caldaia &lt;b&gt;è&lt;/b&gt; &quot;rotta&quot; · 09:00–10:30 · Diretto\""))
        #expect(html.contains(" style=\"left:12.5%;width:3.5714%;--bar:#5b6577;--bar-text:#ffffff\""))
        #expect(html.contains("<span class=\"bar__title\">Caldaia &lt;b&gt;è&lt;/b&gt; &quot;rotta&quot;</span>"))
        #expect(html.hasSuffix("<span class=\"bar__handle\" aria-hidden=\"true\"></span></div>"))
        #expect(!html.contains("<b>"))
    }

    @Test func theWords_areFilledInOnePass() {
        let builder = BoardBuilder(
            query: BoardQuery(view: .day, day: DateComponents(year: 2030, month: 3, day: 18), group: nil),
            language: .en, strings: PageStrings.layout.merging(BoardStrings.all),
            timeZone: PlannerFixture.rome, today: PlannerFixture.start)

        // A value that looks like a placeholder is inserted as it is, never filled in turn.
        #expect(builder.fill("hoursMinutes", ["hours": "{minutes}", "minutes": "30"]).hasPrefix("{minutes} h"))
        #expect(builder.fill("hoursMinutes", ["hours": "1", "minutes": "30"]) == builder.durationLabel(90))
        #expect(builder.durationLabel(90) == "1 h 30 min")
    }
}
