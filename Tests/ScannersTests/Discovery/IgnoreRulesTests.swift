import Foundation
import Testing

@testable import Scanners

/// `.gitignore` handling, checked against git itself on a tree full of corner cases.
struct IgnoreRulesTests {
    static let files: [String: String] = [
        ".gitignore": [
            "# comments and blank lines are skipped", "", "*.log", "!keep.log", "build/", "/secret.txt",
            "docs/**/draft*.md", "**/tmp", "cache/**", "!cache/keep/", "\\#hash.txt", "spaced.txt   ",
        ].joined(separator: "\n"),
        "apps/.gitignore": "generated/\n!important.log\n/local.yaml\n*.tmp\n",
        "apps/web/.gitignore": "!*.tmp\n",
        "a.log": "", "keep.log": "", "build/out.txt": "", "sub/build/x.txt": "", "secret.txt": "",
        "sub/secret.txt": "", "docs/draft1.md": "", "docs/a/b/draft2.md": "", "docs/final.md": "",
        "x/tmp/f.txt": "", "y/tmp": "", "cache/a.txt": "", "cache/keep/b.txt": "", "#hash.txt": "",
        "spaced.txt": "", "apps/generated/g.txt": "", "apps/important.log": "", "apps/x.log": "",
        "apps/local.yaml": "", "apps/sub/local.yaml": "", "apps/a.tmp": "", "apps/web/b.tmp": "",
        "apps/web/c.log": "", "build.txt": "",
    ]

    /// The files a walk that prunes ignored folders, as discovery's does, would see.
    static func visibleFiles(root: String, relative: String = "", rules: IgnoreRules = IgnoreRules()) throws -> Set<
        String
    > {
        let folder = relative.isEmpty ? root : root + "/" + relative
        let prefix = relative.isEmpty ? "" : relative + "/"
        var rules = rules
        if let text = try? String(contentsOfFile: folder + "/.gitignore", encoding: .utf8) {
            rules = rules.adding(text, base: relative, origin: prefix + ".gitignore")
        }
        var seen: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != ".git" {
            let child = prefix + name
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + child, isDirectory: &isFolder)
            if rules.isIgnored(child, isDirectory: isFolder.boolValue) { continue }
            if isFolder.boolValue {
                seen.formUnion(try visibleFiles(root: root, relative: child, rules: rules))
            } else {
                seen.insert(child)
            }
        }
        return seen
    }

    @Test func agreesWithGitOnEveryFile() throws {
        guard Git.require("agreesWithGitOnEveryFile") != nil else { return }
        let root = try TestSupport.temporaryDirectory("gitignore")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(Self.files, under: root)
        _ = try Git.run(["init", "-q"], in: root)
        let git = try Git.visibleFiles(in: root)
        let ours = try Self.visibleFiles(root: root)
        #expect(
            ours == git, "only ours: \(ours.subtracting(git).sorted()); only git's: \(git.subtracting(ours).sorted())")
        // The cases above are only worth something if they cut both ways.
        #expect(git.contains("keep.log") && !git.contains("a.log"))
        #expect(git.contains("apps/web/b.tmp") && !git.contains("apps/a.tmp"))
    }

    @Test func patternsParseAsGitignoreSays() {
        let negated = IgnoreRules.parse("!/build/", base: "apps", origin: "apps/.gitignore")
        #expect(negated?.glob == "build")
        #expect(negated?.isNegated == true)
        #expect(negated?.isDirectoryOnly == true)
        #expect(negated?.matchesNameOnly == false, "a leading slash anchors the pattern")
        #expect(IgnoreRules.parse("*.log", base: "", origin: ".gitignore")?.matchesNameOnly == true)
        #expect(IgnoreRules.parse("# note", base: "", origin: ".gitignore") == nil)
        #expect(IgnoreRules.parse("   ", base: "", origin: ".gitignore") == nil)
        #expect(IgnoreRules.parse("name\\ ", base: "", origin: ".gitignore")?.glob == "name\\ ")
    }

    @Test func excludesWinOverIgnoreFilesAndSkipTheFolderItself() {
        let rules = IgnoreRules().addingExcludes(["legacy/**", "*-sandbox"]).adding(
            "!legacy/\n!team-sandbox\n", base: "", origin: ".gitignore")
        #expect(rules.isIgnored("legacy", isDirectory: true), "`dir/**` skips the folder as a whole")
        #expect(!rules.isIgnored("apps/legacy", isDirectory: true), "anchored to the repository root")
        #expect(rules.isIgnored("apps/team-sandbox", isDirectory: true), "a name without a slash matches at any depth")
        #expect(rules.decidingPattern(for: "legacy", isDirectory: true)?.origin == "[discovery] exclude")
    }
}
