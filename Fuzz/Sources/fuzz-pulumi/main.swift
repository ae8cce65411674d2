import DeploymentFormats
import FuzzSupport

/// Reads the input as each of the Pulumi formats in turn, and links what was read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPulumi(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    for format in [DeploymentFormat.pulumiState, .pulumiPreview, .pulumiResources, .pulumiEventLog] {
        FuzzSupport.readAndLink(bytes, format: format)
    }
    return 0
}
