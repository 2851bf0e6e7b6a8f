import Testing
@testable import Core

@Test func fingerprintMatchesOriginal() {
    #expect(Fingerprint.compute(source: "terraform", identity: "aws_s3_bucket.a", discriminator: "removed").count == 64)
}
