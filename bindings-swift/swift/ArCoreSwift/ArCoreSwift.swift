// The thin idiomatic layer over the generated `ArCore` module: conveniences only, no
// behaviour (that lives in the Rust core). The generated code is never edited.

@_exported import ArCore

extension ArCoreError {
    /// The stable machine-readable code of the error (`unknown_currency`, `parse_error`, ...),
    /// whatever core module it comes from.
    public var kind: String {
        switch self {
        case let .Money(kind, _), let .Allocation(kind, _), let .Calendar(kind, _),
             let .Terms(kind, _), let .Notation(kind, _), let .Fx(kind, _),
             let .Document(kind, _), let .Ledger(kind, _), let .Statement(kind, _),
             let .Discount(kind, _), let .Plan(kind, _), let .Interest(kind, _),
             let .Fee(kind, _):
            return kind
        }
    }

    /// What went wrong, for people.
    public var detail: String {
        switch self {
        case let .Money(_, detail), let .Allocation(_, detail), let .Calendar(_, detail),
             let .Terms(_, detail), let .Notation(_, detail), let .Fx(_, detail),
             let .Document(_, detail), let .Ledger(_, detail), let .Statement(_, detail),
             let .Discount(_, detail), let .Plan(_, detail), let .Interest(_, detail),
             let .Fee(_, detail):
            return detail
        }
    }
}

extension Terms {
    /// Terms from the text notation, e.g. `try Terms(notation: "2/10 Net 30")`.
    public init(notation: String) throws {
        self = try parseTerms(notation: notation)
    }

    /// Terms from their stored JSON shape.
    public init(json: String) throws {
        self = try termsFromJson(json: json)
    }
}
