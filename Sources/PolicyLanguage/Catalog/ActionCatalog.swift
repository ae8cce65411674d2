import Foundation
import Synchronization

/// A resource type of a service, such as S3's `object` with its ARN template.
public struct ResourceTypeDefinition: Hashable, Sendable {
    public var name: String
    /// The ARN format with placeholders, such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
    public var arnTemplate: String

    public init(name: String, arnTemplate: String) {
        self.name = name
        self.arnTemplate = arnTemplate
    }
}

/// A resource type that an action applies to; `isRequired` marks the types the
/// Service Authorization Reference flags as required.
public struct ResourceTypeUsage: Hashable, Sendable {
    public var resourceType: ResourceTypeDefinition
    public var isRequired: Bool
}

/// One action of the catalog, such as `s3:GetObject`.
public struct ActionDefinition: Hashable, Sendable, CustomStringConvertible {
    /// The service prefix as AWS spells it, such as `s3`.
    public let service: String
    /// The action name as AWS spells it, such as `GetObject`.
    public let name: String
    public let accessLevel: AccessLevel
    public let resourceTypes: [ResourceTypeUsage]
    /// The condition keys that the service documents for this action, global keys excluded.
    public let conditionKeys: [ConditionKeyDefinition]

    /// `service:Name`, as written in policies.
    public var fullName: String { "\(service):\(name)" }
    public var description: String { fullName }
}

/// One service of the catalog with everything it defines.
public struct ServiceDefinition: Sendable {
    public let prefix: String
    public let name: String
    public let actions: [ActionDefinition]
    public let resourceTypes: [ResourceTypeDefinition]
    public let conditionKeys: [ConditionKeyDefinition]
    /// Action names lowercased, in the order of `actions`.
    let lowercaseActionNames: [String]
    let actionIndexByLowercaseName: [String: Int]

    init(prefix: String, name: String, actions: [ActionDefinition], resourceTypes: [ResourceTypeDefinition], conditionKeys: [ConditionKeyDefinition]) {
        self.prefix = prefix
        self.name = name
        self.actions = actions
        self.resourceTypes = resourceTypes
        self.conditionKeys = conditionKeys
        lowercaseActionNames = actions.map { CaseFolding.lowercased($0.name) }
        var index: [String: Int] = [:]
        for (position, lowercased) in lowercaseActionNames.enumerated() {
            index[lowercased] = position
        }
        actionIndexByLowercaseName = index
    }

    public func action(named name: String) -> ActionDefinition? {
        actionIndexByLowercaseName[CaseFolding.lowercased(name)].map { actions[$0] }
    }

    /// The position of an action in `actions`, ignoring case.
    public func actionIndex(named name: String) -> Int? {
        actionIndexByLowercaseName[CaseFolding.lowercased(name)]
    }

    /// Returns the positions in `actions` of the actions whose lowercased names a glob over
    /// lowercased text matches.
    package func actionIndices(matching lowercaseGlob: Glob) -> [Int] {
        if !lowercaseGlob.hasWildcards {
            return actionIndexByLowercaseName[lowercaseGlob.description].map { [$0] } ?? []
        }
        if lowercaseGlob.matchesEverything {
            return Array(actions.indices)
        }
        return lowercaseActionNames.indices.filter { lowercaseGlob.matches(lowercaseActionNames[$0]) }
    }
}

/// Every AWS action with its access level, resource types and condition keys,
/// generated from the AWS Service Authorization Reference.
///
/// Service prefixes, action names and condition-key names are matched without
/// regard to case, as IAM does. The bundled catalog is loaded once per process; each
/// service's actions are read the first time the service is used, so that commands
/// touching a few services start fast.
public final class ActionCatalog: Sendable {
    let file: CatalogFile
    /// Services read so far, by position in `file.services`.
    private let readServices: Mutex<[ServiceDefinition?]>
    private let everyAction: Mutex<[ActionDefinition]?>
    /// Each service's resource-type ARN formats as globs, and the actions that act on each
    /// set of matching formats, filled as services are asked about.
    let resourceTypeGlobs: Mutex<[Int: [ResourceTypePattern]]>
    let actionsByMatchedTemplates: Mutex<[String: [String]]>
    /// The actions of `actions(service:actingOn:)` by service and ARNs, at most
    /// `actionsByARNsCapacity` entries: resources in copies of one template repeat their ARNs.
    let actionsByARNs: Mutex<[String: [String]]>
    static let actionsByARNsCapacity = 1_024
    /// Answers of `prefixOneEditAway(from:)`, by lowercased label.
    let nearPrefixes: Mutex<[String: String?]>

    let serviceIndexByPrefix: [String: Int]
    let conditionKeysByLowercaseName: [String: ConditionKeyDefinition]
    /// Key families such as `aws:ResourceTag/${TagKey}`, as lowercase globs.
    let conditionKeyTemplates: [(glob: Glob, definition: ConditionKeyDefinition)]

    /// Metadata from the catalog file: `source`, `source-updated`, `generated` and counts.
    public var metadata: [String: String] { file.metadata }

    init(file: CatalogFile) {
        self.file = file
        readServices = Mutex(Array(repeating: nil, count: file.services.count))
        everyAction = Mutex(nil)
        resourceTypeGlobs = Mutex([:])
        actionsByMatchedTemplates = Mutex([:])
        actionsByARNs = Mutex([:])
        nearPrefixes = Mutex([:])

        var serviceIndex: [String: Int] = [:]
        for (position, service) in file.services.enumerated() {
            serviceIndex[CaseFolding.lowercased(service.prefix)] = position
        }
        serviceIndexByPrefix = serviceIndex
        servicePrefixes = file.services.map(\.prefix)

        var keys: [String: ConditionKeyDefinition] = [:]
        var templates: [(Glob, ConditionKeyDefinition)] = []
        // Global definitions come last so that their documented types win.
        for definition in file.conditionKeys + GlobalConditionKeys.definitions {
            if definition.isTemplate {
                templates.append((ActionCatalog.templateGlob(definition.name), definition))
            } else {
                keys[CaseFolding.lowercased(definition.name)] = definition
            }
        }
        conditionKeysByLowercaseName = keys
        conditionKeyTemplates = templates.reversed()
    }

    /// Service prefixes in catalog order.
    public let servicePrefixes: [String]

    /// Every service, read in full.
    public var services: [ServiceDefinition] {
        file.services.indices.compactMap(service(at:))
    }

    /// Every action of every service, in catalog order.
    public var allActions: [ActionDefinition] {
        if let cached = everyAction.withLock({ $0 }) {
            return cached
        }
        let actions = services.flatMap(\.actions)
        everyAction.withLock { $0 = actions }
        return actions
    }

    func service(at index: Int) -> ServiceDefinition? {
        if let cached = readServices.withLock({ $0[index] }) {
            return cached
        }
        // The file was checked when it was indexed; a record that still fails to read is
        // dropped rather than taking the process down.
        guard let definition = try? file.readService(file.services[index]) else { return nil }
        readServices.withLock { $0[index] = definition }
        return definition
    }

    /// Turns a key family such as `aws:ResourceTag/${TagKey}` into the lowercase glob `aws:resourcetag/*`.
    static func templateGlob(_ name: String) -> Glob {
        var tokens: [Glob.Token] = []
        var scalars = name.unicodeScalars[...]
        while let scalar = scalars.first {
            if scalar == "$", scalars.dropFirst().first == "{", let close = scalars.firstIndex(of: "}") {
                tokens.append(.anyRun)
                scalars = scalars[scalars.index(after: close)...]
            } else if scalar == "<", let close = scalars.firstIndex(of: ">") {
                tokens.append(.anyRun)
                scalars = scalars[scalars.index(after: close)...]
            } else {
                tokens.append(.scalar(CaseFolding.lowercase(scalar)))
                scalars = scalars.dropFirst()
            }
        }
        if name.hasSuffix("/") {
            tokens.append(.anyRun)
        }
        return Glob(tokens: tokens)
    }

    /// Returns the one service prefix that is one edit away from `label`, ignoring case, or
    /// nil when none or several are. Answers are kept, since the same labels recur.
    package func prefixOneEditAway(from label: String) -> String? {
        let lowered = CaseFolding.lowercased(label)
        if let known = nearPrefixes.withLock({ $0[lowered] }) {
            return known
        }
        let scalars = Array(lowered.unicodeScalars)
        // Prefixes are ASCII: a length more than one apart is more than one edit away.
        let close = servicePrefixes.filter { prefix in
            abs(prefix.utf8.count - scalars.count) <= 1
                && Suggestions.editDistance(scalars, CaseFolding.lowercasedScalars(prefix), limit: 1) == 1
        }
        let answer = close.count == 1 ? close[0] : nil
        nearPrefixes.withLock { table in
            if table.count >= 4_096 { table.removeAll() }
            table[lowered] = answer
        }
        return answer
    }

    public func service(prefix: String) -> ServiceDefinition? {
        serviceIndexByPrefix[CaseFolding.lowercased(prefix)].flatMap(service(at:))
    }

    /// The action named `service:Name`, ignoring case, or nil when the catalog lacks it.
    public func action(named fullName: String) -> ActionDefinition? {
        guard let colon = fullName.firstIndex(of: ":") else { return nil }
        let prefix = String(fullName[..<colon])
        let name = String(fullName[fullName.index(after: colon)...])
        return service(prefix: prefix)?.action(named: name)
    }

    /// The definition of a condition key, ignoring case: an exact global or service key,
    /// a key family such as `aws:ResourceTag/${TagKey}` that covers it, or a claim of an
    /// OpenID Connect provider.
    ///
    /// IAM names OIDC claim keys after the provider's URL (`token.actions.githubusercontent.com:sub`),
    /// so any key whose prefix contains a dot is taken as a string-valued claim.
    public func conditionKey(named name: String) -> ConditionKeyDefinition? {
        let lowercased = CaseFolding.lowercased(name)
        if let definition = conditionKeysByLowercaseName[lowercased] {
            return definition
        }
        let scalars = Array(lowercased.unicodeScalars)
        if let template = conditionKeyTemplates.first(where: { $0.glob.matches(scalars: scalars) }) {
            return template.definition
        }
        if let colon = name.lastIndex(of: ":"), name[..<colon].contains("."), colon < name.index(before: name.endIndex) {
            return ConditionKeyDefinition(name: name, type: ConditionKeyType(.string))
        }
        return nil
    }

    /// Known condition-key names, for "did you mean" suggestions.
    public var conditionKeyNames: [String] {
        conditionKeysByLowercaseName.values.map(\.name)
    }
}

// MARK: - The bundled catalog

/// The bundled catalog could not be found or read.
public struct ActionCatalogError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension ActionCatalog {
    /// Environment variable that points at a catalog file to use instead of the bundled one.
    public static let pathEnvironmentVariable = "ACCESSGUARD_ACTION_CATALOG"

    /// The catalog file in the resource bundle next to the executable, when the bundle is there.
    /// The bundle is looked up without `Bundle.module`, which stops the process when the
    /// bundle is missing, and which falls back to the build folder, so that an installed copy
    /// would pass while the build folder exists.
    static var bundledFileURL: URL? {
        let directories = [Bundle.main.bundleURL, Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()]
        for directory in directories.compactMap({ $0 }) {
            for name in ["AccessGuard_PolicyLanguage.resources", "AccessGuard_PolicyLanguage.bundle"] {
                if let bundle = Bundle(url: directory.appendingPathComponent(name)),
                   let url = bundle.url(forResource: "action-catalog", withExtension: "txt") {
                    return url
                }
            }
        }
        return nil
    }

    private static let bundledResult: Result<ActionCatalog, ActionCatalogError> = {
        let path: String
        var isOverride = false
        if let override = ProcessInfo.processInfo.environment[pathEnvironmentVariable], !override.isEmpty {
            path = override
            isOverride = true
        } else if let url = bundledFileURL {
            path = url.path
        } else {
            return .failure(ActionCatalogError(
                description: "the bundled action catalog was not found next to the executable; "
                    + "set \(pathEnvironmentVariable) to the path of action-catalog.txt"))
        }
        let bytes: [UInt8]
        do throws(FileReadError) {
            bytes = try FileContents.bytes(of: path)
        } catch {
            return .failure(ActionCatalogError(description: "cannot read the action catalog at \(path): \(error.reason)"))
        }
        do throws(ActionCatalogError) {
            // A catalog named by the environment is checked in full; the bundled one is checked by the tests.
            return .success(try ActionCatalog(parsing: bytes, checkingEveryService: isOverride))
        } catch {
            return .failure(ActionCatalogError(description: "invalid action catalog \(path): \(error.description)"))
        }
    }()

    /// The catalog shipped with AccessGuard, loaded on first use.
    public static func bundled() throws(ActionCatalogError) -> ActionCatalog {
        try bundledResult.get()
    }
}
