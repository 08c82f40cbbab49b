import Mustache

// Direct lookups for the parts of the board rendered thousands of times (a week of fifty
// technicians has 7,000 cells). Mustache otherwise finds each name by reflection (`Mirror`),
// which made that page take a second to render in a debug build. An absent optional answers
// `false`, which renders nothing and stops Mustache from searching the enclosing contexts.

extension BoardModel.Cell: MustacheParent {
    /// The cell's fields by name, as `board.mustache` uses them.
    func child(named name: String) -> Any? {
        switch name {
        case "shade": shade.rawValue
        case "reason": reason.map { $0 as Any } ?? false
        case "start": start
        case "label": label
        case "dayStart": dayStart
        default: nil
        }
    }
}

extension BoardModel.Bar: MustacheParent {
    /// The bar's fields by name, as `board.mustache` uses them.
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "ticketID": ticketID ?? ""
        case "title": title
        case "typeName": typeName
        case "timeLabel": timeLabel
        case "start": start
        case "end": end
        case "minutes": minutes
        case "left": left
        case "width": width
        case "colour": colour
        case "textColour": textColour
        case "state": state
        case "label": label
        case "clippedStart": clippedStart
        case "clippedEnd": clippedEnd
        default: nil
        }
    }
}

extension BoardModel.Row: MustacheParent {
    /// The row's fields by name, as `board.mustache` uses them.
    func child(named name: String) -> Any? {
        switch name {
        case "operatorID": operatorID
        case "name": self.name
        case "groupsLabel": groupsLabel
        case "cells": cells
        case "bars": bars
        default: nil
        }
    }
}
