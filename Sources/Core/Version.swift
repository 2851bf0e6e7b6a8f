/// The version printed by `--version` and stamped into every report.
public enum SteadystateVersion {
    public static let current = "0.2.0"
}
