import DeploymentFormats
import Foundation
import PolicyLanguage

/// Shared parts of the fuzz targets: the action catalog, deployment settings, and reading a
/// deployment the way `accessguard check` does, from bytes to linked resources.
public enum FuzzSupport {
    /// The bundled action catalog, loaded once per process.
    public static let catalog: ActionCatalog = {
        do {
            return try ActionCatalog.bundled()
        } catch {
            fatalError("the action catalog cannot be loaded: \(error)")
        }
    }()

    public static let settings = DeploymentSettings(account: "111122223333", region: "eu-west-1")

    /// Copies one fuzz input into an array.
    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Reads `bytes` in `format` and links the resources read, as `check` does before it
    /// decides access.
    public static func readAndLink(_ bytes: [UInt8], format: DeploymentFormat?, name: String = "fuzz-input") {
        let options = DeploymentReadOptions(format: format, settings: settings)
        let result = DeploymentReader.read(bytes: bytes, name: name, options: options)
        checkLocated(result.allDiagnostics)
        let linked = Linker.link(result.deployments, settings: settings, catalog: catalog)
        checkLocated(linked.diagnostics)
    }

    /// Stops the run when an error lacks its file or its line and column, so that the fuzzer
    /// reports the input: every error about input must point into it.
    public static func checkLocated(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics where diagnostic.severity == .error {
            if diagnostic.file == nil || diagnostic.location == nil {
                fatalError("an error is not located: [\(diagnostic.code)] \(diagnostic.message)")
            }
        }
    }
}
