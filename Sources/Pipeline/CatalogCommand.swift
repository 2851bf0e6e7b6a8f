import Core
import Foundation
import Scanners

/// `steadystate catalog`: every rule with id, severity, category and title, or their full text as JSON.
public enum CatalogCommand {
    public static func run(format: OutputFormat, environment: RunEnvironment) -> Int32 {
        let rules = RuleCatalog.all.map(\.description).sorted { $0.id < $1.id }
        switch format {
        case .json:
            do {
                environment.print(String(decoding: try ReportJSON.encode(rules), as: UTF8.self))
            } catch {
                environment.printError("steadystate: cannot encode the catalog: \(error)")
                return ExitStatus.toolFailed
            }
        case .console:
            environment.print(table(rules))
        }
        return ExitStatus.pass
    }

    static func table(_ rules: [RuleDescription]) -> String {
        let header = ["ID", "SEVERITY", "CATEGORY", "TITLE"]
        let rows = rules.map { [$0.id, $0.severity.rawValue, $0.category.rawValue, $0.title] }
        let widths = (0..<3).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            (0..<3).map { cells[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ") + "  " + cells[3]
        }
        var lines = [line(header)] + rows.map(line)
        lines.append("\(rules.count) rule(s)")
        return lines.joined(separator: "\n")
    }
}
