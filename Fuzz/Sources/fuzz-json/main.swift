import FuzzSupport
import PolicyLanguage

/// Parses the input as JSON after decoding UTF-8 or UTF-16; a value that parses must survive
/// serializing and parsing again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    guard let text = try? TextDecoding.utf8(from: bytes).utf8, let value = try? JSONParser.parse(utf8: text) else {
        return 0
    }
    let written = value.serialized()
    do {
        _ = try JSONParser.parse(written)
    } catch {
        fatalError("serialized JSON does not parse again: \(error.message) at \(error.location)")
    }
    return 0
}
