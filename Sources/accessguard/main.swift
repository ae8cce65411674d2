import AccessGuardCLI
import Foundation

let exitCode = AccessGuardCommand.run(Array(CommandLine.arguments.dropFirst()), io: .standard)
exit(exitCode.rawValue)
