import CZ3

// The only file that calls the Z3 C API. Every other file builds formulas through
// `SMTContext`, so the ownership rules of Z3 objects are kept here.

/// A Z3 term or regular expression, valid while its `SMTContext` lives.
struct SMTTerm {
    fileprivate let raw: OpaquePointer
}

/// A Z3 sort.
struct SMTSort {
    fileprivate let raw: OpaquePointer
}

/// Z3 rejected a call, or a value cannot be written as a Z3 term.
struct SMTError: Error, CustomStringConvertible {
    let description: String
}

/// The outcome of one satisfiability check.
enum SMTResult {
    case satisfiable(SMTModel)
    case unsatisfiable
    /// Z3 gave up, with its reason (such as `timeout` or `canceled`).
    case unknown(String)
}

/// One Z3 context, used for one query and deleted with this object.
///
/// The context is created with `Z3_mk_context`, so its terms live as long as the context
/// does; solvers and models are reference-counted and released by the functions and the
/// `SMTModel` objects that use them. A context is not thread-safe: each query makes its own.
final class SMTContext {
    /// The largest character code Z3 4.8.12 accepts in strings: its Unicode mode covers
    /// 0 through 0x2FFFF, not the whole Unicode range.
    static let maximumCharacter: UInt32 = 0x2FFFF

    fileprivate let context: OpaquePointer
    let timeoutMilliseconds: UInt32
    let seed: UInt32

    private(set) lazy var boolSort = SMTSort(raw: Z3_mk_bool_sort(context))
    private(set) lazy var intSort = SMTSort(raw: Z3_mk_int_sort(context))
    private(set) lazy var stringSort = SMTSort(raw: Z3_mk_string_sort(context))
    private(set) lazy var regexSort = SMTSort(raw: Z3_mk_re_sort(context, stringSort.raw))

    init(timeoutMilliseconds: UInt32, seed: UInt32) {
        let configuration = Z3_mk_config()
        Z3_set_param_value(configuration, "model", "true")
        context = Z3_mk_context(configuration)
        Z3_del_config(configuration)
        // Without a handler, Z3 records errors in the context instead of exiting the process.
        Z3_set_error_handler(context, nil)
        self.timeoutMilliseconds = timeoutMilliseconds
        self.seed = seed
    }

    deinit {
        Z3_del_context(context)
    }

    /// Throws the error Z3 recorded since the last call, if any.
    func checkError() throws(SMTError) {
        let code = Z3_get_error_code(context)
        guard code != Z3_OK else { return }
        let message = Z3_get_error_msg(context, code).map { String(cString: $0) } ?? "error \(code.rawValue)"
        throw SMTError(description: "Z3 rejected a term: \(message)")
    }

    // MARK: - Constants and Booleans

    func bitVectorSort(_ bits: UInt32) -> SMTSort {
        SMTSort(raw: Z3_mk_bv_sort(context, bits))
    }

    /// A fresh constant; `name` is a prefix that keeps models readable.
    func constant(_ name: String, _ sort: SMTSort) -> SMTTerm {
        SMTTerm(raw: Z3_mk_fresh_const(context, name, sort.raw))
    }

    func bool(_ value: Bool) -> SMTTerm {
        SMTTerm(raw: value ? Z3_mk_true(context) : Z3_mk_false(context))
    }

    func and(_ terms: [SMTTerm]) -> SMTTerm {
        if terms.isEmpty { return bool(true) }
        if terms.count == 1 { return terms[0] }
        return SMTTerm(raw: withRaw(terms) { Z3_mk_and(context, UInt32(terms.count), $0) })
    }

    func or(_ terms: [SMTTerm]) -> SMTTerm {
        if terms.isEmpty { return bool(false) }
        if terms.count == 1 { return terms[0] }
        return SMTTerm(raw: withRaw(terms) { Z3_mk_or(context, UInt32(terms.count), $0) })
    }

    func not(_ term: SMTTerm) -> SMTTerm {
        SMTTerm(raw: Z3_mk_not(context, term.raw))
    }

    func implies(_ premise: SMTTerm, _ conclusion: SMTTerm) -> SMTTerm {
        SMTTerm(raw: Z3_mk_implies(context, premise.raw, conclusion.raw))
    }

    func equal(_ left: SMTTerm, _ right: SMTTerm) -> SMTTerm {
        SMTTerm(raw: Z3_mk_eq(context, left.raw, right.raw))
    }

    func ifThenElse(_ condition: SMTTerm, _ then: SMTTerm, _ otherwise: SMTTerm) -> SMTTerm {
        SMTTerm(raw: Z3_mk_ite(context, condition.raw, then.raw, otherwise.raw))
    }

    // MARK: - Integers and bit-vectors

    /// An integer or bit-vector literal from its decimal text, such as `-12`.
    func numeral(_ decimal: String, _ sort: SMTSort) -> SMTTerm {
        SMTTerm(raw: Z3_mk_numeral(context, decimal, sort.raw))
    }

    func lessThan(_ left: SMTTerm, _ right: SMTTerm) -> SMTTerm {
        SMTTerm(raw: Z3_mk_lt(context, left.raw, right.raw))
    }

    func lessOrEqual(_ left: SMTTerm, _ right: SMTTerm) -> SMTTerm {
        SMTTerm(raw: Z3_mk_le(context, left.raw, right.raw))
    }

    /// Bits `high` down to `low` of a bit-vector.
    func extract(_ term: SMTTerm, high: UInt32, low: UInt32) -> SMTTerm {
        SMTTerm(raw: Z3_mk_extract(context, high, low, term.raw))
    }

    // MARK: - Strings

    /// A string literal. Z3 reads backslash escapes in literals, so every character other
    /// than printable ASCII is written as `\u{…}`.
    func string(_ text: String) throws(SMTError) -> SMTTerm {
        SMTTerm(raw: Z3_mk_string(context, try Self.escaped(text.unicodeScalars)))
    }

    func string(scalars: [Unicode.Scalar]) throws(SMTError) -> SMTTerm {
        SMTTerm(raw: Z3_mk_string(context, try Self.escaped(scalars)))
    }

    /// A string of one character given by its code, which may be a surrogate or another value
    /// that is no Unicode scalar.
    func character(code: UInt32) -> SMTTerm {
        SMTTerm(raw: Z3_mk_string(context, "\\u{" + String(code, radix: 16) + "}"))
    }

    static func escaped(_ scalars: some Sequence<Unicode.Scalar>) throws(SMTError) -> String {
        var text = ""
        for scalar in scalars {
            if scalar.value > maximumCharacter {
                throw SMTError(description: "the character U+\(String(scalar.value, radix: 16, uppercase: true)) is beyond Z3's string alphabet (up to U+2FFFF)")
            }
            if scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\\" {
                text.unicodeScalars.append(scalar)
            } else {
                text += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return text
    }

    func length(_ term: SMTTerm) -> SMTTerm {
        SMTTerm(raw: Z3_mk_seq_length(context, term.raw))
    }

    /// The string of the one character at `index`, or the empty string past the end.
    func character(of term: SMTTerm, at index: Int) -> SMTTerm {
        SMTTerm(raw: Z3_mk_seq_at(context, term.raw, numeral(String(index), intSort).raw))
    }

    func hasPrefix(_ term: SMTTerm, _ prefix: SMTTerm) -> SMTTerm {
        SMTTerm(raw: Z3_mk_seq_prefix(context, prefix.raw, term.raw))
    }

    func hasSuffix(_ term: SMTTerm, _ suffix: SMTTerm) -> SMTTerm {
        SMTTerm(raw: Z3_mk_seq_suffix(context, suffix.raw, term.raw))
    }

    func concat(_ terms: [SMTTerm]) -> SMTTerm {
        if terms.count == 1 { return terms[0] }
        return SMTTerm(raw: withRaw(terms) { Z3_mk_seq_concat(context, UInt32(terms.count), $0) })
    }

    // MARK: - Regular expressions

    func inRegex(_ term: SMTTerm, _ regex: SMTTerm) -> SMTTerm {
        SMTTerm(raw: Z3_mk_seq_in_re(context, term.raw, regex.raw))
    }

    func regexLiteral(_ scalars: [Unicode.Scalar]) throws(SMTError) -> SMTTerm {
        SMTTerm(raw: Z3_mk_seq_to_re(context, try string(scalars: scalars).raw))
    }

    /// The characters with codes from `low` through `high`.
    func regexRange(_ low: UInt32, _ high: UInt32) -> SMTTerm {
        SMTTerm(raw: Z3_mk_re_range(context, character(code: low).raw, character(code: high).raw))
    }

    func regexUnion(_ regexes: [SMTTerm]) -> SMTTerm {
        if regexes.isEmpty { return regexEmpty }
        if regexes.count == 1 { return regexes[0] }
        return SMTTerm(raw: withRaw(regexes) { Z3_mk_re_union(context, UInt32(regexes.count), $0) })
    }

    func regexConcat(_ regexes: [SMTTerm]) -> SMTTerm {
        if regexes.isEmpty { return SMTTerm(raw: Z3_mk_seq_to_re(context, Z3_mk_string(context, ""))) }
        if regexes.count == 1 { return regexes[0] }
        return SMTTerm(raw: withRaw(regexes) { Z3_mk_re_concat(context, UInt32(regexes.count), $0) })
    }

    func regexStar(_ regex: SMTTerm) -> SMTTerm {
        SMTTerm(raw: Z3_mk_re_star(context, regex.raw))
    }

    func regexPlus(_ regex: SMTTerm) -> SMTTerm {
        SMTTerm(raw: Z3_mk_re_plus(context, regex.raw))
    }

    /// `regex` repeated from `minimum` through `maximum` times.
    func regexLoop(_ regex: SMTTerm, _ minimum: UInt32, _ maximum: UInt32) -> SMTTerm {
        SMTTerm(raw: Z3_mk_re_loop(context, regex.raw, minimum, maximum))
    }

    var regexEmpty: SMTTerm { SMTTerm(raw: Z3_mk_re_empty(context, regexSort.raw)) }
    var regexFull: SMTTerm { SMTTerm(raw: Z3_mk_re_full(context, regexSort.raw)) }

    // MARK: - Solving

    /// Checks `formula` with a fresh solver, the context's time limit and its random seed.
    func check(_ formula: SMTTerm) throws(SMTError) -> SMTResult {
        try checkError()
        let solver = Z3_mk_simple_solver(context)
        Z3_solver_inc_ref(context, solver)
        defer { Z3_solver_dec_ref(context, solver) }
        let parameters = Z3_mk_params(context)
        Z3_params_inc_ref(context, parameters)
        Z3_params_set_uint(context, parameters, Z3_mk_string_symbol(context, "timeout"), timeoutMilliseconds)
        Z3_params_set_uint(context, parameters, Z3_mk_string_symbol(context, "random_seed"), seed)
        Z3_solver_set_params(context, solver, parameters)
        Z3_params_dec_ref(context, parameters)
        Z3_solver_assert(context, solver, formula.raw)
        try checkError()

        let result = Z3_solver_check(context, solver)
        try checkError()
        switch result {
        case Z3_L_TRUE:
            guard let model = Z3_solver_get_model(context, solver) else {
                throw SMTError(description: "Z3 reported a satisfiable formula without a model")
            }
            return .satisfiable(SMTModel(owner: self, model: model))
        case Z3_L_FALSE:
            return .unsatisfiable
        default:
            let reason = Z3_solver_get_reason_unknown(context, solver).map { String(cString: $0) } ?? "no reason given"
            return .unknown(reason)
        }
    }

    private func withRaw<Result>(_ terms: [SMTTerm], _ body: (UnsafePointer<OpaquePointer?>) -> Result) -> Result {
        let raw: [OpaquePointer?] = terms.map { $0.raw }
        return raw.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// A model of a satisfiable formula; it keeps its context alive.
final class SMTModel {
    private let owner: SMTContext
    private let model: OpaquePointer

    fileprivate init(owner: SMTContext, model: OpaquePointer) {
        self.owner = owner
        self.model = model
        Z3_model_inc_ref(owner.context, model)
    }

    deinit {
        Z3_model_dec_ref(owner.context, model)
    }

    /// The value of `term` in the model, with unconstrained constants given a default value.
    private func evaluate(_ term: SMTTerm) -> OpaquePointer? {
        var value: OpaquePointer?
        guard Z3_model_eval(owner.context, model, term.raw, true, &value) else { return nil }
        return value
    }

    func bool(_ term: SMTTerm) -> Bool? {
        guard let value = evaluate(term) else { return nil }
        switch Z3_get_bool_value(owner.context, value) {
        case Z3_L_TRUE: return true
        case Z3_L_FALSE: return false
        default: return nil
        }
    }

    /// The decimal text of an integer or bit-vector value.
    func numeral(_ term: SMTTerm) -> String? {
        guard let value = evaluate(term), let text = Z3_get_numeral_string(owner.context, value) else { return nil }
        return String(cString: text)
    }

    /// Returns the character codes of a string value.
    ///
    /// Z3 prints strings with `\u{…}` escapes but leaves a backslash of the value bare, so
    /// the printed text is ambiguous when the value contains a backslash followed by `u{`. The
    /// codes read with escapes expanded are checked against the model, and a value that
    /// reads otherwise yields nil.
    func characterCodes(_ term: SMTTerm) -> [UInt32]? {
        guard let value = evaluate(term), let printed = Z3_get_string(owner.context, value) else { return nil }
        let codes = Self.unescape(Array(String(cString: printed).unicodeScalars))
        var parts: [SMTTerm] = []
        for code in codes {
            parts.append(owner.character(code: code))
        }
        let rebuilt = parts.isEmpty ? SMTTerm(raw: Z3_mk_string(owner.context, "")) : owner.concat(parts)
        guard bool(owner.equal(SMTTerm(raw: value), rebuilt)) == true else { return nil }
        return codes
    }

    static func unescape(_ scalars: [Unicode.Scalar]) -> [UInt32] {
        var codes: [UInt32] = []
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\\", index + 2 < scalars.count, scalars[index + 1] == "u", scalars[index + 2] == "{",
               let close = scalars[(index + 3)...].firstIndex(of: "}"),
               let code = UInt32(String(String.UnicodeScalarView(scalars[(index + 3)..<close])), radix: 16) {
                codes.append(code)
                index = close + 1
            } else {
                codes.append(scalars[index].value)
                index += 1
            }
        }
        return codes
    }
}
