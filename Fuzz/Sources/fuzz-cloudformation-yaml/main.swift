import DeploymentFormats
import FuzzSupport

/// Reads the input as a CloudFormation template, evaluates its intrinsic functions and links
/// its resources. The seeds are YAML templates with short-form tags.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCloudFormationYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzSupport.readAndLink(FuzzSupport.bytes(data, size), format: .cloudFormation, name: "fuzz-template.yaml")
    return 0
}
