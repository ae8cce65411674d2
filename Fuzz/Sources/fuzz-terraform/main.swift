import DeploymentFormats
import FuzzSupport

/// Reads the input as a Terraform plan or state, and links what was read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTerraform(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzSupport.readAndLink(FuzzSupport.bytes(data, size), format: .terraformPlan)
    return 0
}
