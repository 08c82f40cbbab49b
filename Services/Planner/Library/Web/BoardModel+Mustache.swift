import Mustache

// Direct lookups for the board's rows. Mustache otherwise finds each name by reflection
// (`Mirror`), which made the week of fifty technicians take a second to render in a debug
// build. A row's 140 half-hour cells and its bars do not go through Mustache at all:
// `BoardMarkup` writes each as one string, which the template inserts as it is.

extension BoardModel.Row: MustacheParent {
    /// The row's fields by name, as `board.mustache` uses them.
    func child(named name: String) -> Any? {
        switch name {
        case "operatorID": operatorID
        case "name": self.name
        case "groupsLabel": groupsLabel
        case "cellsHTML": BoardMarkup.cells(cells)
        case "barsHTML": BoardMarkup.bars(bars)
        default: nil
        }
    }
}
