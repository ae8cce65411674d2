import Testing

@testable import PolicyLanguage

struct ValueParsingTests {
    /// Rows: text, the address it normalizes to, or nil when invalid.
    static let addresses: [(String, String?)] = [
        ("203.0.113.5", "203.0.113.5"),
        ("0.0.0.0", "0.0.0.0"),
        ("255.255.255.255", "255.255.255.255"),
        ("256.0.0.1", nil),
        ("1.2.3", nil),
        ("1.2.3.4.5", nil),
        ("01.2.3.4", "1.2.3.4"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::", "::"),
        ("::1", "::1"),
        ("::ffff:192.0.2.1", "::ffff:c000:201"),
        ("1::2::3", nil),
        ("12345::", nil),
        ("1:2:3:4:5:6:7:8:9", nil),
        ("fe80::1%eth0", nil),
    ]

    @Test(arguments: addresses)
    func parsesAddresses(text: String, normalized: String?) {
        #expect(IPAddress(text)?.description == normalized)
    }

    /// Rows: block, address, expected containment.
    static let blocks: [(String, String, Bool)] = [
        ("10.0.0.0/8", "10.255.255.255", true),
        ("10.0.0.0/8", "11.0.0.0", false),
        ("10.1.2.3/8", "10.200.0.1", true),
        ("0.0.0.0/0", "1.2.3.4", true),
        ("192.0.2.7/32", "192.0.2.7", true),
        ("192.0.2.7/32", "192.0.2.8", false),
        ("2001:db8::/32", "2001:db8:ffff::", true),
        ("2001:db8::/33", "2001:db8:8000::", false),
        ("::/0", "2001:db8::1", true),
        ("::/0", "1.2.3.4", false),
        ("2001:db8::1/128", "2001:db8::1", true),
        ("2001:db8::/64", "2001:db8:0:0:ffff:ffff:ffff:ffff", true),
        ("2001:db8::/65", "2001:db8:0:0:8000::", false),
    ]

    @Test(arguments: blocks)
    func cidrBlocksContainTheirAddresses(block: String, address: String, expected: Bool) throws {
        let cidr = try #require(CIDRBlock(block))
        let ip = try #require(IPAddress(address))
        #expect(cidr.contains(ip) == expected)
    }

    @Test func cidrBlocksRejectBadPrefixesAndReportHostBits() {
        #expect(CIDRBlock("10.0.0.0/33") == nil)
        #expect(CIDRBlock("10.0.0.0/") == nil)
        #expect(CIDRBlock("10.0.0.0/8/8") == nil)
        #expect(CIDRBlock("2001:db8::/129") == nil)
        #expect(CIDRBlock("10.1.0.0/8")?.hasHostBits == true)
        #expect(CIDRBlock("10.0.0.0/8")?.hasHostBits == false)
        #expect(CIDRBlock("10.1.0.0/8")?.description == "10.0.0.0/8")
    }

    /// Rows: text, expected instant in UTC, or nil when IAM would reject it.
    static let dates: [(String, String?)] = [
        ("2019-07-16T12:00:00Z", "2019-07-16T12:00:00Z"),
        ("2019-07-16T12:00:00.250Z", "2019-07-16T12:00:00.25Z"),
        ("2019-07-16T14:30:00+02:30", "2019-07-16T12:00:00Z"),
        ("2019-07-16T12:00:00-0100", "2019-07-16T13:00:00Z"),
        ("2019-07-16T12:00Z", "2019-07-16T12:00:00Z"),
        ("2019-07-16T12:00:00", "2019-07-16T12:00:00Z"),
        ("2019-07-16", "2019-07-16T00:00:00Z"),
        ("2019-07", "2019-07-01T00:00:00Z"),
        ("2019", "2019-01-01T00:00:00Z"),
        ("2024-02-29", "2024-02-29T00:00:00Z"),
        ("1563278400", "2019-07-16T12:00:00Z"),
        ("0", "1970-01-01T00:00:00Z"),
        ("-1", "1969-12-31T23:59:59Z"),
        ("2023-02-29", nil),
        ("2019-13-01", nil),
        ("2019-07-16T24:00:00Z", nil),
        ("2019-07-16 12:00:00", nil),
        ("yesterday", nil),
        ("", nil),
    ]

    @Test(arguments: dates)
    func parsesIAMDateFormats(text: String, expected: String?) {
        #expect(PolicyDate(text)?.description == expected)
    }

    /// Rows: text, normalized number, or nil when invalid.
    static let numbers: [(String, String?)] = [
        ("10", "10"),
        ("-10", "-10"),
        ("+10", "10"),
        ("010", "10"),
        ("10.500", "10.5"),
        ("0.001", "0.001"),
        ("-0", "0"),
        ("1e3", "1000"),
        ("1.5E-2", "0.015"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
        (".5", "0.5"),
        ("5.", "5"),
        ("1e", nil),
        ("abc", nil),
        ("1.2.3", nil),
        ("", nil),
        ("1e999999", nil),
        ("0000000000000042.50", "42.5"),
        (String(repeating: "0", count: 1_000_000) + "7", "7"),
    ]

    @Test(arguments: numbers)
    func parsesDecimalNumbers(text: String, expected: String?) {
        #expect(DecimalNumber(text)?.description == expected)
    }

    @Test func decimalNumbersCompareExactly() throws {
        let values = ["-100", "-1.5", "-1", "0", "0.001", "1", "1.0000000000000000001", "2", "10", "1e20"]
        let parsed = try values.map { try #require(DecimalNumber($0)) }
        for (index, value) in parsed.enumerated() {
            for (otherIndex, other) in parsed.enumerated() {
                #expect((value < other) == (index < otherIndex), "\(values[index]) < \(values[otherIndex])")
            }
        }
        #expect(DecimalNumber("10.0") == DecimalNumber("1e1"))
    }

    @Test func decodesBase64() {
        #expect(Base64.decode("QmluYXJ5") == Array("Binary".utf8))
        #expect(Base64.decode("QQ==") == [65])
        #expect(Base64.decode("QQ") == [65])
        #expect(Base64.decode("Q") == nil)
        #expect(Base64.decode("Q$==") == nil)
        #expect(Base64.decode("QQ==QQ") == nil)
    }

    @Test func parsesARNParts() throws {
        let arn = try #require(ARN("arn:aws:lambda:us-east-1:111122223333:function:f:prod"))
        #expect(arn.service == "lambda")
        #expect(arn.account == "111122223333")
        #expect(arn.resource == "function:f:prod")
        #expect(ARN("arn:aws:s3:::bucket")?.resource == "bucket")
        #expect(ARN("arn:aws:s3") == nil)
        #expect(ARN("urn:aws:s3:::bucket") == nil)
    }
}
