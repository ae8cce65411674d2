/// The stable identifiers of the problems that reading and validating a policy report.
///
/// Codes follow IAM Access Analyzer's policy-check names where a check of the same
/// meaning exists, so that suppressions and scripts carry over. `severity` is the level
/// a code is reported at unless the check documents an exception.
public enum IssueCode: String, CaseIterable, Sendable {
    // Reading the document.
    case jsonSyntaxError = "JSON_SYNTAX_ERROR"
    case invalidPolicyDocument = "INVALID_POLICY_DOCUMENT"
    case duplicateKey = "DUPLICATE_KEY"
    case unknownElement = "UNKNOWN_ELEMENT"
    case invalidElementType = "INVALID_ELEMENT_TYPE"
    case missingVersion = "MISSING_VERSION"
    case invalidVersion = "INVALID_VERSION"
    case missingStatement = "MISSING_STATEMENT"
    case missingEffect = "MISSING_EFFECT"
    case invalidEffect = "INVALID_EFFECT"
    case missingAction = "MISSING_ACTION"
    case unsupportedElementCombination = "UNSUPPORTED_ELEMENT_COMBINATION"
    case invalidPrincipalKey = "INVALID_PRINCIPAL_KEY"
    case unknownConditionOperator = "UNKNOWN_CONDITION_OPERATOR"
    case duplicateKeysWithDifferentCase = "DUPLICATE_KEYS_WITH_DIFFERENT_CASE"
    case emptyArrayAction = "EMPTY_ARRAY_ACTION"
    case emptyArrayResource = "EMPTY_ARRAY_RESOURCE"
    case emptyArrayPrincipal = "EMPTY_ARRAY_PRINCIPAL"
    case emptyObjectPrincipal = "EMPTY_OBJECT_PRINCIPAL"
    case emptyObjectCondition = "EMPTY_OBJECT_CONDITION"
    case emptyArrayCondition = "EMPTY_ARRAY_CONDITION"
    case emptySidValue = "EMPTY_SID_VALUE"

    // Statement structure for the policy type.
    case missingPrincipal = "MISSING_PRINCIPAL"
    case unsupportedPrincipal = "UNSUPPORTED_PRINCIPAL"
    case unsupportedNotPrincipal = "UNSUPPORTED_NOT_PRINCIPAL"
    case allowWithNotPrincipal = "ALLOW_WITH_NOT_PRINCIPAL"
    case missingResource = "MISSING_RESOURCE"
    case unsupportedResourceInTrustPolicy = "UNSUPPORTED_RESOURCE_IN_TRUST_POLICY"
    case duplicateSid = "DUPLICATE_SID"
    case unsupportedSid = "UNSUPPORTED_SID"

    // Actions.
    case invalidActionFormat = "INVALID_ACTION_FORMAT"
    case unknownService = "UNKNOWN_SERVICE"
    case unknownAction = "UNKNOWN_ACTION"
    case actionMatchesNoKnownAction = "ACTION_MATCHES_NO_KNOWN_ACTION"
    case wildcardInServiceName = "WILDCARD_IN_SERVICE_NAME"
    case passRoleWithStarInResource = "PASS_ROLE_WITH_STAR_IN_RESOURCE"
    case passRoleWithNotResource = "PASS_ROLE_WITH_NOT_RESOURCE"

    // Principals.
    case invalidPrincipalFormat = "INVALID_PRINCIPAL_FORMAT"
    case unsupportedWildcardInPrincipal = "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
    case unknownServicePrincipal = "UNKNOWN_SERVICE_PRINCIPAL"
    case missingConditionKeyForOIDCPrincipal = "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL"

    // Resources.
    case invalidARN = "INVALID_ARN"
    case invalidARNPartition = "INVALID_ARN_PARTITION"
    case invalidARNAccount = "INVALID_ARN_ACCOUNT"
    case wildcardInARNService = "WILDCARD_IN_ARN_SERVICE"

    // Conditions.
    case nonCanonicalOperatorCase = "NONCANONICAL_OPERATOR_CASE"
    case invalidConditionKeyFormat = "INVALID_CONDITION_KEY_FORMAT"
    case unknownGlobalConditionKey = "UNKNOWN_GLOBAL_CONDITION_KEY"
    case unknownConditionKey = "UNKNOWN_CONDITION_KEY"
    case conditionKeyNotSupportedByActions = "CONDITION_KEY_NOT_SUPPORTED_BY_ACTIONS"
    case dataTypeMismatch = "DATA_TYPE_MISMATCH"
    case invalidConditionValue = "INVALID_CONDITION_VALUE"
    case forAllValuesWithSingleValuedKey = "FORALLVALUES_WITH_SINGLE_VALUED_KEY"
    case forAnyValueWithSingleValuedKey = "FORANYVALUE_WITH_SINGLE_VALUED_KEY"
    case missingQualifier = "MISSING_QUALIFIER"
    case nullWithIfExists = "NULL_WITH_IF_EXISTS"
    case nullWithQualifier = "NULL_WITH_QUALIFIER"
    case wildcardWithoutLikeOperator = "WILDCARD_WITHOUT_LIKE_OPERATOR"
    case nonCanonicalBoolean = "NONCANONICAL_BOOLEAN"
    case cidrHostBitsSet = "CIDR_HOST_BITS_SET"
    case privateIPAddress = "PRIVATE_IP_ADDRESS"

    // Policy variables.
    case malformedVariable = "MALFORMED_VARIABLE"
    case variableUnsupportedInVersion = "VARIABLE_UNSUPPORTED_IN_VERSION"
    case variableUnsupportedInElement = "VARIABLE_UNSUPPORTED_IN_ELEMENT"
    case invalidVariableForOperator = "INVALID_VARIABLE_FOR_OPERATOR"
    case unknownVariableKey = "UNKNOWN_VARIABLE_KEY"

    // Redundancy.
    case redundantAction = "REDUNDANT_ACTION"
    case redundantResource = "REDUNDANT_RESOURCE"
    case redundantPrincipal = "REDUNDANT_PRINCIPAL"
    case redundantStatement = "REDUNDANT_STATEMENT"

    /// The level the code is reported at, unless the check documents an exception.
    public var severity: DiagnosticSeverity {
        switch self {
        case .allowWithNotPrincipal, .passRoleWithStarInResource, .passRoleWithNotResource,
             .forAllValuesWithSingleValuedKey, .missingConditionKeyForOIDCPrincipal:
            return .securityWarning
        case .missingVersion, .emptyArrayAction, .emptyArrayResource, .emptyArrayPrincipal,
             .emptyObjectPrincipal, .emptyArrayCondition, .actionMatchesNoKnownAction, .wildcardInServiceName,
             .unknownConditionKey, .conditionKeyNotSupportedByActions,
             .forAnyValueWithSingleValuedKey, .missingQualifier, .nullWithQualifier,
             .wildcardWithoutLikeOperator, .nonCanonicalBoolean, .privateIPAddress,
             .variableUnsupportedInVersion, .unknownVariableKey, .unknownServicePrincipal:
            return .warning
        case .emptyObjectCondition, .emptySidValue, .cidrHostBitsSet, .redundantAction,
             .redundantResource, .redundantPrincipal, .redundantStatement:
            return .suggestion
        default:
            return .error
        }
    }
}
