// swift-tools-version:6.0
import PackageDescription

// A file sees the members that its own imports declare. Otherwise one file's
// `import Foundation` makes calls such as `text.contains(".")` in every other file of the
// module resolve to Foundation's locale-aware search, many times slower than the standard
// library's.
let memberImportVisibility: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "AccessGuard",
    products: [
        .executable(name: "accessguard", targets: ["accessguard"]),
        .library(name: "PolicyLanguage", targets: ["PolicyLanguage"]),
        .library(name: "CloudResources", targets: ["CloudResources"]),
        .library(name: "DeploymentFormats", targets: ["DeploymentFormats"]),
        .library(name: "AccessReasoning", targets: ["AccessReasoning"]),
        .library(name: "PolicyPacks", targets: ["PolicyPacks"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "AccessCrossCheck", targets: ["AccessCrossCheck"]),
        .executable(name: "accessguard-crosscheck", targets: ["accessguard-crosscheck"]),
    ],
    targets: [
        // C libraries from Debian, found through their pkg-config files.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CZ3",
            pkgConfig: "z3",
            providers: [.apt(["libz3-dev"])]
        ),

        .target(
            name: "PolicyLanguage",
            resources: [.copy("Catalog/Resources/action-catalog.txt")],
            swiftSettings: memberImportVisibility
        ),
        .target(
            name: "CloudResources",
            dependencies: ["PolicyLanguage"],
            swiftSettings: memberImportVisibility
        ),
        .target(
            name: "DeploymentFormats",
            dependencies: ["PolicyLanguage", "CloudResources", "CYAML"],
            swiftSettings: memberImportVisibility
        ),
        .target(
            name: "AccessReasoning",
            dependencies: ["PolicyLanguage", "CloudResources"],
            swiftSettings: memberImportVisibility
        ),
        // A second implementation of the engine's queries over Z3, to cross-check the first.
        .target(
            name: "AccessCrossCheck",
            dependencies: ["PolicyLanguage", "CloudResources", "AccessReasoning", "CZ3"]
        ),
        .target(
            name: "PolicyPacks",
            dependencies: ["PolicyLanguage", "CloudResources", "DeploymentFormats", "AccessReasoning"],
            swiftSettings: memberImportVisibility
        ),
        .target(
            name: "Reporting",
            dependencies: ["PolicyLanguage", "CloudResources", "DeploymentFormats", "AccessReasoning", "PolicyPacks"]
        ),
        .target(
            name: "AccessGuardCLI",
            dependencies: ["PolicyLanguage", "CloudResources", "DeploymentFormats", "AccessReasoning", "AccessCrossCheck", "PolicyPacks", "Reporting"]
        ),
        .executableTarget(
            name: "accessguard",
            dependencies: ["AccessGuardCLI"]
        ),
        .executableTarget(
            name: "accessguard-crosscheck",
            dependencies: ["PolicyLanguage", "AccessReasoning", "AccessCrossCheck"]
        ),
        .executableTarget(
            name: "accessguard-bench",
            dependencies: ["PolicyLanguage", "CloudResources", "DeploymentFormats", "AccessReasoning", "PolicyPacks"]
        ),

        // Finds the shared acceptance cases and corpus next to the repository, for tests.
        .target(
            name: "SharedMaterialSupport",
            path: "Tests/SharedMaterialSupport"
        ),
        .testTarget(
            name: "PolicyLanguageTests",
            dependencies: ["PolicyLanguage", "SharedMaterialSupport"]
        ),
        .testTarget(
            name: "CloudResourcesTests",
            dependencies: ["CloudResources", "AccessReasoning", "PolicyLanguage", "SharedMaterialSupport"]
        ),
        .testTarget(
            name: "DeploymentFormatsTests",
            dependencies: ["DeploymentFormats", "CloudResources", "PolicyLanguage", "SharedMaterialSupport"]
        ),
        .testTarget(
            name: "AccessReasoningTests",
            dependencies: ["AccessReasoning", "AccessCrossCheck", "CloudResources", "PolicyLanguage", "SharedMaterialSupport"]
        ),
        .testTarget(
            name: "AccessCrossCheckTests",
            dependencies: ["AccessCrossCheck", "AccessReasoning", "CloudResources", "PolicyLanguage"]
        ),
        .testTarget(
            name: "PolicyPacksTests",
            dependencies: ["PolicyPacks", "DeploymentFormats", "AccessReasoning", "CloudResources", "PolicyLanguage", "SharedMaterialSupport"]
        ),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "PolicyLanguage"]
        ),
        .testTarget(
            name: "AccessGuardCLITests",
            dependencies: ["AccessGuardCLI", "AccessCrossCheck", "PolicyLanguage", "SharedMaterialSupport"]
        ),
        .testTarget(
            name: "SystemLibraryTests",
            dependencies: ["CYAML", "CZ3"]
        ),
    ]
)
