import DeploymentFormats
import FuzzSupport

/// Reads the input as a CloudFormation template, evaluates its intrinsic functions and links
/// its resources. The seeds are JSON templates.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCloudFormationJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzSupport.readAndLink(FuzzSupport.bytes(data, size), format: .cloudFormation, name: "fuzz-template.json")
    return 0
}
