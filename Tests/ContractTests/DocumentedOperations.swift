import Foundation

/// The operations (`GET /api/tickets/{id}`) an OpenAPI document lists under `paths`.
///
/// The package has no YAML library, and the documents are written in one layout (paths indented
/// two spaces, their methods four), so a line reader is enough here; the Python contract tier
/// (`Tests/Contract`) parses and validates every document as OpenAPI 3.1 in full.
enum DocumentedOperations {
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    static func read(_ yaml: String) -> Set<String> {
        var operations: Set<String> = []
        var inPaths = false
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" "), !line.isEmpty, !line.hasPrefix("#") {
                inPaths = line.hasPrefix("paths:")
                path = nil
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") {
                var key = String(line.dropFirst(2).dropLast())
                if let quote = key.first, quote == "\"" || quote == "'", key.last == quote, key.count >= 2 {
                    key = String(key.dropFirst().dropLast())
                }
                path = key.hasPrefix("/") ? key : nil
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "),
                let colon = line.firstIndex(of: ":")
            {
                let key = line[line.index(line.startIndex, offsetBy: 4)..<colon]
                if methods.contains(String(key)) { operations.insert("\(key.uppercased()) \(path)") }
            }
        }
        return operations
    }
}
