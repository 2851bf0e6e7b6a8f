extension Settings {
    /// True when nothing chose what to scan.
    ///
    /// That is: no `[[targets]]`, and the source and the path both fell through to the built-in defaults
    /// (terraform on `.`). Only then may `ci` and `scan` discover targets instead.
    public var isTargetUnspecified: Bool {
        !targetsFromConfig && source.origin == .builtIn && path.origin == .builtIn
    }
}
