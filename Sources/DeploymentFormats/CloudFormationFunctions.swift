import PolicyLanguage

extension CloudFormationEvaluator {
    // MARK: - Fn::Sub

    mutating func substitute(_ argument: JSONValue, at location: SourceLocation?) -> DeployedValue? {
        // The rest of the template is a Substring searched with the standard library's
        // `firstRange(of:)`, so that no `${` copies it. Foundation's `range(of:)` copies a
        // Substring into an NSString, and 100,000 variables took 25 s.
        var template: Substring
        var variables: [String: DeployedValue] = [:]
        if let text = argument.stringValue {
            template = Substring(text)
        } else if let elements = argument.arrayElements, elements.count == 2, let text = elements[0].stringValue, let map = elements[1].objectMembers {
            template = Substring(text)
            for member in map {
                variables[member.key] = evaluate(member.value) ?? .string("", at: member.value.location)
            }
        } else {
            invalid("Fn::Sub needs a string, or [string, {variable: value}]", argument.location)
            return .unknown("an invalid Fn::Sub", at: location)
        }

        var pieces: [DeployedValue] = []
        var literal = ""
        while let start = template.firstRange(of: "${") {
            literal += template[..<start.lowerBound]
            let rest = template[start.upperBound...]
            guard let end = rest.firstIndex(of: "}") else {
                literal += template[start.lowerBound...]
                template = ""
                break
            }
            let name = String(rest[..<end])
            template = rest[rest.index(after: end)...]
            if name.hasPrefix("!") {
                literal += "${" + name.dropFirst() + "}"
                continue
            }
            pieces.append(DynamicReferences.resolve(literal, at: location))
            literal = ""
            let trimmed = name.trimmingWhitespace()
            if let value = variables[trimmed] {
                pieces.append(value)
            } else if trimmed.contains("."), !trimmed.hasPrefix("AWS::") {
                let dot = trimmed.firstIndex(of: ".")!
                let pair = JSONValue(.array([.string(String(trimmed[..<dot])), .string(String(trimmed[trimmed.index(after: dot)...]))]), location: location)
                pieces.append(getAttribute(pair, at: location) ?? .string("", at: location))
            } else {
                pieces.append(referenceValue(trimmed, at: location) ?? .string("", at: location))
            }
        }
        literal += template
        pieces.append(DynamicReferences.resolve(literal, at: location))
        return Self.concatenate(pieces, at: location)
    }

    /// Joins values into one string, keeping unknown parts as such.
    static func concatenate(_ values: [DeployedValue], at location: SourceLocation?) -> DeployedValue {
        var parts: [DeployedValue.StringPart] = []
        // Text is collected here until an unknown part comes, so that joining many pieces
        // does not copy the text joined so far for each piece.
        var text = ""
        func add(_ part: DeployedValue.StringPart) {
            if !text.isEmpty {
                parts.append(.text(text))
                text = ""
            }
            parts.append(part)
        }
        for value in values {
            switch value.kind {
            case .string(let piece), .number(let piece): text += piece
            case .bool(let flag): text += flag ? "true" : "false"
            case .null: break
            case .unknown(let reason): add(.unknown(reason))
            case .partial(let inner):
                for part in inner {
                    if case .text(let piece) = part { text += piece } else { add(part) }
                }
            case .array, .object: add(.unknown("a list or object where text is expected"))
            }
        }
        if !text.isEmpty {
            parts.append(.text(text))
        }
        if parts.isEmpty { return .string("", at: location) }
        if parts.count == 1, case .text(let text) = parts[0] { return .string(text, at: location) }
        return DeployedValue(.partial(parts), location: location)
    }

    // MARK: - Lists

    mutating func join(_ argument: JSONValue, at location: SourceLocation?) -> DeployedValue? {
        guard let elements = argument.arrayElements, elements.count == 2, let delimiter = elements[0].stringValue else {
            invalid("Fn::Join needs [delimiter, [values]]", argument.location)
            return .unknown("an invalid Fn::Join", at: location)
        }
        guard let list = evaluate(elements[1]) else { return .string("", at: location) }
        if let reason = list.arrayElements == nil ? list.unknownReason : nil {
            return .unknown(reason, at: location)
        }
        guard let values = list.arrayElements else {
            invalid("the second argument of Fn::Join must be a list", elements[1].location)
            return .unknown("an invalid Fn::Join", at: location)
        }
        var pieces: [DeployedValue] = []
        for (index, value) in values.enumerated() {
            if index > 0 { pieces.append(.string(delimiter)) }
            pieces.append(value)
        }
        return Self.concatenate(pieces, at: location)
    }

    mutating func select(_ argument: JSONValue, at location: SourceLocation?) -> DeployedValue? {
        guard let elements = argument.arrayElements, elements.count == 2 else {
            invalid("Fn::Select needs [index, [values]]", argument.location)
            return .unknown("an invalid Fn::Select", at: location)
        }
        guard let indexValue = evaluate(elements[0]), let index = indexValue.stringValue.flatMap({ Int($0) }) else {
            if let reason = evaluate(elements[0])?.unknownReason { return .unknown(reason, at: location) }
            invalid("the index of Fn::Select must be a number", elements[0].location)
            return .unknown("an invalid Fn::Select", at: location)
        }
        guard let list = evaluate(elements[1]), let values = list.arrayElements else {
            let reason = evaluate(elements[1])?.unknownReason ?? "not a list"
            return .unknown(reason, at: location)
        }
        guard values.indices.contains(index) else {
            invalid("Fn::Select index \(index) is outside the list of \(values.count) values", elements[0].location)
            return .unknown("an index outside the list", at: location)
        }
        return values[index]
    }

    mutating func split(_ argument: JSONValue, at location: SourceLocation?) -> DeployedValue? {
        guard let elements = argument.arrayElements, elements.count == 2, let delimiter = elements[0].stringValue, !delimiter.isEmpty else {
            invalid("Fn::Split needs [delimiter, string]", argument.location)
            return .unknown("an invalid Fn::Split", at: location)
        }
        guard let source = evaluate(elements[1]) else { return DeployedValue(.array([]), location: location) }
        guard let text = source.stringValue else {
            return .unknown(source.unknownReason ?? "a value that is not text", at: location)
        }
        let pieces = text.splitting(by: delimiter).map { DeployedValue.string($0, at: location) }
        return DeployedValue(.array(pieces), location: location)
    }

    mutating func length(_ argument: JSONValue, at location: SourceLocation?) -> DeployedValue? {
        guard let list = evaluate(argument), let values = list.arrayElements else {
            return .unknown("the length of a list that is not known", at: location)
        }
        return DeployedValue(.number(String(values.count)), location: location)
    }

    mutating func toJSONString(_ argument: JSONValue, at location: SourceLocation?) -> DeployedValue? {
        guard let value = evaluate(argument) else { return .string("", at: location) }
        guard let json = value.json() else {
            return .unknown(value.unknownReason ?? "a value that is not known", at: location)
        }
        return .string(json.serialized(), at: location)
    }

    // MARK: - Fn::FindInMap and Fn::If

    mutating func findInMap(_ argument: JSONValue, at location: SourceLocation?) -> DeployedValue? {
        guard let elements = argument.arrayElements, elements.count == 3 || elements.count == 4 else {
            invalid("Fn::FindInMap needs [map, top-level key, second-level key]", argument.location)
            return .unknown("an invalid Fn::FindInMap", at: location)
        }
        var keys: [String] = []
        for element in elements.prefix(3) {
            guard let key = evaluate(element) else { return nil }
            guard let text = key.stringValue else {
                return .unknown("a mapping entry chosen by \(key.unknownReason ?? "a value that is not text")", at: location)
            }
            keys.append(text)
        }
        let fallback = elements.count == 4 ? elements[3]["DefaultValue"] : nil
        guard let map = template.mappings[keys[0]] else {
            invalid("Fn::FindInMap names the mapping '\(keys[0])', which the template does not define", elements[0].location)
            return .unknown("an undefined mapping", at: location)
        }
        guard let value = map[keys[1]]?[keys[2]] else {
            if let fallback { return evaluate(fallback) }
            invalid("the mapping '\(keys[0])' has no entry '\(keys[1])' › '\(keys[2])'", argument.location)
            return .unknown("a missing mapping entry", at: location)
        }
        return evaluate(value)
    }

    mutating func ifFunction(_ argument: JSONValue, at location: SourceLocation?) -> DeployedValue? {
        guard let elements = argument.arrayElements, elements.count == 3, let name = elements[0].stringValue else {
            invalid("Fn::If needs [condition name, value if true, value if false]", argument.location)
            return .unknown("an invalid Fn::If", at: location)
        }
        switch truth(ofCondition: name, at: elements[0].location) {
        case .known(true): return evaluate(elements[1])
        case .known(false): return evaluate(elements[2])
        case .undecided(let reason):
            if exploresBothBranches {
                _ = evaluate(elements[1])
                _ = evaluate(elements[2])
            }
            return .unknown("chosen by the condition \(name), which is not decided because \(reason)", at: location)
        }
    }
}

/// CloudFormation's dynamic references, `{{resolve:ssm:…}}`, `{{resolve:ssm-secure:…}}` and
/// `{{resolve:secretsmanager:…}}`, which read a value at deployment.
enum DynamicReferences {
    static func resolve(_ text: String, at location: SourceLocation?) -> DeployedValue {
        // Every string of a template passes here: the byte scan rules out most of them faster
        // than a substring search.
        guard text.utf8.contains(UInt8(ascii: "{")), text.contains("{{resolve:") else { return .string(text, at: location) }
        var parts: [DeployedValue.StringPart] = []
        var rest = Substring(text)
        while let start = rest.firstRange(of: "{{resolve:") {
            if start.lowerBound > rest.startIndex {
                parts.append(.text(String(rest[..<start.lowerBound])))
            }
            guard let end = rest[start.upperBound...].firstRange(of: "}}") else {
                parts.append(.text(String(rest[start.lowerBound...])))
                rest = ""
                break
            }
            let reference = rest[start.upperBound..<end.lowerBound]
            let service = reference.split(separator: ":").first.map(String.init) ?? "a service"
            parts.append(.unknown("read from \(service) at deployment"))
            rest = rest[end.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return DeployedValue(.partial(parts), location: location)
    }
}

/// The values of `Fn::GetAtt` attributes that follow from a resource's name and ARN.
enum ResourceAttributes {
    static func value(_ attribute: String, type: String, identity: ResourceIdentity, settings: DeploymentSettings) -> String? {
        let suffix = settings.partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"
        switch (type, attribute) {
        case (_, "Arn"), ("AWS::SNS::Topic", "TopicArn"), ("AWS::SecretsManager::Secret", "Id"):
            return identity.arn
        case ("AWS::SQS::Queue", "QueueName"), ("AWS::SNS::Topic", "TopicName"), ("AWS::S3::AccessPoint", "Name"),
             ("AWS::KMS::Key", "KeyId"), ("AWS::EFS::FileSystem", "FileSystemId"), ("AWS::S3Express::DirectoryBucket", "BucketName"):
            return identity.name
        case ("AWS::SQS::Queue", "QueueUrl"):
            return identity.reference
        case ("AWS::S3::Bucket", "DomainName"):
            return "\(identity.name).s3.\(suffix)"
        case ("AWS::S3::Bucket", "RegionalDomainName"):
            return "\(identity.name).s3.\(settings.region).\(suffix)"
        case ("AWS::S3::Bucket", "DualStackDomainName"):
            return "\(identity.name).s3.dualstack.\(settings.region).\(suffix)"
        case ("AWS::S3::Bucket", "WebsiteURL"):
            return "http://\(identity.name).s3-website-\(settings.region).\(suffix)"
        case ("AWS::ECR::Repository", "RepositoryUri"):
            return "\(settings.account).dkr.ecr.\(settings.region).\(suffix)/\(identity.name)"
        case ("AWS::DynamoDB::Table", "StreamArn"):
            return "\(identity.arn)/stream/2024-01-01T00:00:00.000"
        default:
            return nil
        }
    }
}

extension String {
    /// The pieces between occurrences of `delimiter`, empty pieces included.
    func splitting(by delimiter: String) -> [String] {
        var pieces: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: delimiter) {
            pieces.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        pieces.append(String(rest))
        return pieces
    }

    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
