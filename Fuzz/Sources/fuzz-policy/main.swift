import FuzzSupport
import PolicyLanguage

/// Reads the input as a policy document and runs every validation check on what was read,
/// as `accessguard validate` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let read = PolicyReader.read(bytes: FuzzSupport.bytes(data, size), name: "fuzz-policy.json")
    FuzzSupport.checkLocated(read.diagnostics)
    if let document = read.document {
        let findings = PolicyValidator.validate(document, as: PolicyType.detect(document), catalog: FuzzSupport.catalog)
        FuzzSupport.checkLocated(findings)
    }
    return 0
}
