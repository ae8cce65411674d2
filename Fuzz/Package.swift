// swift-tools-version:5.4
import PackageDescription

// libFuzzer targets for AccessGuard's readers, one executable per reader. They build only
// with the fuzzer runtime, so they live outside the main package and `swift build` there
// never builds them. `scripts/fuzz` builds and runs them.
//
// Tools version 5.4 is deliberate: from 5.5 on, SwiftPM renames each executable's entry point
// to `<module>_main` and links `main` to it, and a target built with -parse-as-library has no
// such function, so the link fails. At 5.4 the name `main` stays free for libFuzzer's.
let fuzzTargets = [
    "fuzz-json", "fuzz-yaml", "fuzz-policy", "fuzz-pulumi", "fuzz-terraform",
    "fuzz-cloudformation-json", "fuzz-cloudformation-yaml", "fuzz-cdk-manifest",
]

let package = Package(
    name: "AccessGuardFuzz",
    dependencies: [
        .package(name: "AccessGuard", path: ".."),
    ],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "PolicyLanguage", package: "AccessGuard"),
                .product(name: "DeploymentFormats", package: "AccessGuard"),
            ]
        ),
    ] + fuzzTargets.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport"], swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
)
