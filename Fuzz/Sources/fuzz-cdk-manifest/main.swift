import DeploymentFormats
import Foundation
import FuzzSupport

/// The cloud assembly directory of this process: the input becomes its `manifest.json`, next
/// to one fixed template that manifests may name.
let assembly: String = {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("accessguard-fuzz-cdk-\(ProcessInfo.processInfo.processIdentifier)")
    let template = #"{"Resources":{"Bucket":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":"fuzz-bucket"}}}}"#
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(template.utf8).write(to: directory.appendingPathComponent("Stack.template.json"))
    } catch {
        fatalError("cannot prepare \(directory.path): \(error)")
    }
    return directory.path
}()

/// Reads the input as the `manifest.json` of a `cdk.out` directory, and the stacks it names.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCDKManifest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let manifest = URL(fileURLWithPath: assembly).appendingPathComponent("manifest.json")
    do {
        try Data(bytes: data, count: size).write(to: manifest)
    } catch {
        fatalError("cannot write \(manifest.path): \(error)")
    }
    let options = DeploymentReadOptions(settings: FuzzSupport.settings)
    let result = DeploymentReader.read(path: assembly, options: options)
    _ = Linker.link(result.deployments, settings: FuzzSupport.settings, catalog: FuzzSupport.catalog)
    return 0
}
