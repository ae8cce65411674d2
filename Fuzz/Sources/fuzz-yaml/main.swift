@testable import DeploymentFormats
import FuzzSupport

/// Converts the input with the YAML reader, short-form CloudFormation tags included.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = YAMLReader(file: "fuzz-input.yaml", tagged: CloudFormationTemplate.longForm)
    _ = reader.read(FuzzSupport.bytes(data, size))
    FuzzSupport.checkLocated(reader.diagnostics)
    return 0
}
