import Core
import Foundation

/// `steadystate validate`: checks every committed intent file and explains every error, not just the first.
public enum ValidateCommand {
    public static func run(inputs: CommandLineInputs, directory: String?, environment: RunEnvironment) -> Int32 {
        let root = RunEnvironment.absolute(directory ?? ".", in: environment.currentDirectory)
        var errors: [String] = []
        var lines: [String] = []

        let location = SettingsResolver.configLocation(inputs: inputs, environment: environment.variables)
        do {
            let config = try IntentLoader.readConfig(location, directory: root, environment: environment)
            if let config {
                let settings = try SettingsResolver.resolve(
                    inputs: inputs, environment: environment.variables, config: config, configFile: location)
                try ScanCommand.checkSupported(settings)
                lines.append("ok       \(location.value) (\(settings.targets.count) target(s), \(config.waivers.count) waiver(s))")
                lines += settings.warnings.map { "warning  \($0)" }
                let today = ScanCommand.today(environment.now())
                for waiver in config.waivers where waiver.isExpired(today: today) {
                    lines.append("warning  \(waiver.origin): expired on \(waiver.expires ?? "?"); it no longer applies")
                }
            } else {
                lines.append("absent   \(location.value) (built-in defaults apply)")
            }
        } catch {
            errors.append(error.description)
        }

        do {
            let mutes = try IntentLoader.readMutes(directory: root, environment: environment)
            if !mutes.isEmpty { lines.append("ok       \(IntentPaths.mutes) (\(mutes.count) muted fingerprint(s))") }
        } catch {
            errors.append(error.description)
        }

        let runbook = RunbookLoader.validate(directory: root, environment: environment)
        lines += runbook.lines
        errors += runbook.errors

        lines += errors.map { "error    \($0)" }
        environment.print(lines.joined(separator: "\n"))
        if errors.isEmpty {
            environment.print("steadystate validate: OK")
            return ExitStatus.pass
        }
        environment.print("steadystate validate: \(errors.count) error(s)")
        return ExitStatus.usageError
    }
}
