/// Plain-text hygiene shared by the renderers that do not speak Markdown (console, SARIF messages).
public enum ReportText {
    /// Untrusted text with its control characters shown as `?`: visible, so nothing silently vanishes.
    ///
    /// Titles and values come from the scanned repository; left raw, an ESC sequence in a title would
    /// recolour or rewrite a CI log, and a bidi override could make a resource name read differently.
    public static func clean(_ text: String) -> String {
        // Printable ASCII, the usual case, needs no scalar decoding.
        if ByteScan.isPrintableASCII(text) { return text }
        guard text.unicodeScalars.contains(where: MarkdownText.isInvisibleControl) else { return text }
        var view = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            view.append(MarkdownText.isInvisibleControl(scalar) ? "?" : scalar)
        }
        return String(view)
    }
}
