import Testing

@testable import PolicyLanguage

struct TextDecodingTests {
    @Test func stripsUTF8ByteOrderMark() throws {
        let (utf8, encoding) = try TextDecoding.utf8(from: [0xEF, 0xBB, 0xBF] + Array("{}".utf8))
        #expect(utf8 == Array("{}".utf8))
        #expect(encoding == .utf8)
    }

    @Test(arguments: [true, false])
    func convertsUTF16WithAndWithoutByteOrderMark(bigEndian: Bool) throws {
        let text = "{\"k\": \"é😀\"}"
        var units: [UInt8] = []
        for unit in text.utf16 {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            units += bigEndian ? [high, low] : [low, high]
        }
        let mark: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for input in [mark + units, units] {
            let (utf8, encoding) = try TextDecoding.utf8(from: input)
            #expect(String(decoding: utf8, as: UTF8.self) == text)
            #expect(encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
        }
    }

    @Test func rejectsUnpairedSurrogateInUTF16() {
        let input: [UInt8] = [0xFF, 0xFE, UInt8(ascii: "["), 0, 0x00, 0xD8, UInt8(ascii: "]"), 0]
        #expect(throws: JSONSyntaxError(
            message: "invalid UTF-16: unpaired surrogate",
            location: SourceLocation(line: 1, column: 2, offset: 1))
        ) {
            try TextDecoding.utf8(from: input)
        }
    }

    @Test func rejectsUTF32() {
        #expect(throws: JSONSyntaxError.self) {
            try TextDecoding.utf8(from: [0, 0, 0, UInt8(ascii: "{"), 0, 0, 0, UInt8(ascii: "}")])
        }
    }
}
