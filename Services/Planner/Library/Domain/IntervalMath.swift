import Foundation

/// Set operations on half-open time intervals, shared by the fit check and the best-slot
/// search so both agree on what "free" means.
public enum IntervalMath {
    /// Sorted, with overlapping or touching intervals joined.
    public static func merged(_ slots: [TimeSlot]) -> [TimeSlot] {
        var result: [TimeSlot] = []
        for slot in slots.sorted(by: { $0.start < $1.start }) where slot.end > slot.start {
            if let last = result.last, slot.start <= last.end {
                result[result.count - 1].end = max(last.end, slot.end)
            } else {
                result.append(slot)
            }
        }
        return result
    }

    /// The parts of `slots` (sorted, disjoint) that are also in `others` (sorted, disjoint).
    public static func intersection(_ slots: [TimeSlot], _ others: [TimeSlot]) -> [TimeSlot] {
        var result: [TimeSlot] = []
        var i = 0
        var j = 0
        while i < slots.count, j < others.count {
            let start = max(slots[i].start, others[j].start)
            let end = min(slots[i].end, others[j].end)
            if end > start { result.append(TimeSlot(start: start, end: end)) }
            if slots[i].end < others[j].end { i += 1 } else { j += 1 }
        }
        return result
    }

    /// `slots` (sorted, disjoint) without anything covered by `removed` (any order).
    public static func subtracting(_ slots: [TimeSlot], _ removed: [TimeSlot]) -> [TimeSlot] {
        let holes = merged(removed)
        var result: [TimeSlot] = []
        for slot in slots {
            var cursor = slot.start
            for hole in holes where hole.end > cursor && hole.start < slot.end {
                if hole.start > cursor { result.append(TimeSlot(start: cursor, end: hole.start)) }
                cursor = max(cursor, hole.end)
            }
            if cursor < slot.end { result.append(TimeSlot(start: cursor, end: slot.end)) }
        }
        return result
    }

    /// Whether `slot` lies entirely inside one of `slots`.
    public static func contains(_ slots: [TimeSlot], _ slot: TimeSlot) -> Bool {
        slots.contains { $0.start <= slot.start && slot.end <= $0.end }
    }
}
