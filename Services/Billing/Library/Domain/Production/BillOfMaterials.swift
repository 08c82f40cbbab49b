/// Bills of materials (R5 advanced palette, R19): for an article, its components with the
/// quantity of each per unit, several levels deep. Pure, so explosion and cycle checks are tested
/// without a database.
package struct BillOfMaterials: Sendable, Equatable {
    /// One component of a parent, per unit of the parent.
    package struct Component: Sendable, Equatable, Codable {
        /// The component article.
        package var code: String
        /// How much of it one unit of the parent takes.
        package var quantity: Double

        /// `quantity` of the article `code` in one unit of the parent, as the store reads it.
        package init(code: String, quantity: Double) {
            self.code = code
            self.quantity = quantity
        }
    }

    /// Parent code → its direct components.
    package var components: [String: [Component]]

    /// The bills of materials of every parent, as the store reads them or a test writes them.
    package init(components: [String: [Component]]) {
        self.components = components
    }

    /// The path of a cycle that giving `parent` these `newComponents` would close, from the
    /// parent back to itself (`["KIT", "PUMP", "KIT"]`), or nil when there is none.
    package func cycle(ifSetting parent: String, to newComponents: [Component]) -> [String]? {
        var graph = components
        graph[parent] = newComponents
        // Depth-first search from the parent; a path that comes back to it is the cycle.
        func search(_ code: String, path: [String], visited: inout Set<String>) -> [String]? {
            for component in graph[code] ?? [] {
                if component.code == parent { return path + [parent] }
                if visited.insert(component.code).inserted,
                    let found = search(component.code, path: path + [component.code], visited: &visited)
                {
                    return found
                }
            }
            return nil
        }
        var visited: Set<String> = []
        return search(parent, path: [parent], visited: &visited)
    }

    /// The leaf components of `quantity` units of `code`, quantities multiplied down every level
    /// and summed where a component is shared by several branches. An article without a bill of
    /// materials has no components.
    package func explode(_ code: String, quantity: Double) -> [Component] {
        var leaves: [String: Double] = [:]
        var order: [String] = []
        func walk(_ code: String, _ quantity: Double, depth: Int) {
            guard depth < 64 else { return }  // stored BOMs are acyclic; this only bounds a corrupt store
            for component in components[code] ?? [] {
                let needed = quantity * component.quantity
                if components[component.code]?.isEmpty == false {
                    walk(component.code, needed, depth: depth + 1)
                } else {
                    if leaves[component.code] == nil { order.append(component.code) }
                    leaves[component.code, default: 0] += needed
                }
            }
        }
        walk(code, quantity, depth: 0)
        return order.map { Component(code: $0, quantity: leaves[$0] ?? 0) }
    }

    /// Each article's low-level code: 0 for an article no BOM uses, else one more than the
    /// deepest parent. MRP nets articles in this order, so a shared component is netted once,
    /// after every parent has passed its requirements down.
    package func lowLevelCodes() -> [String: Int] {
        var level: [String: Int] = [:]
        func visit(_ code: String, _ depth: Int) {
            guard depth < 64, (level[code] ?? -1) < depth else { return }
            level[code] = depth
            for component in components[code] ?? [] { visit(component.code, depth + 1) }
        }
        for parent in components.keys { visit(parent, level[parent] ?? 0) }
        return level
    }
}
