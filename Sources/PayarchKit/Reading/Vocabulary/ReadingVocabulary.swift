/// The reader's word lists from `rules/reading/` (context triggers, words that are not rails, scheme
/// and class words, quantity words) and `rules/consistency.yml`. Pure data; `InputReader` compiles it
/// into gazetteers once per rule book.
public struct ReadingVocabulary: Sendable, Codable {
    public struct Context: Sendable, Codable {
        public var window: Int
        public var negationPre: [String]
        public var negationPost: [String]
        public var pseudo: [String]
        public var deferralPre: [String]
        public var deferralPost: [String]
        public var historyPre: [String]
        public var historyPost: [String]
        public var termination: [String]
        /// Terminations that end only a forward scope ("via", "through").
        public var forwardOnlyTermination: [String]
        /// Words that make a rail the owner of another ("Sofort (now Klarna)"), not a rail of the design.
        public var ownership: [String]
        public var clauseBreaks: [String]
        public var abbreviations: [String]
        /// Abbreviations that end a sentence when a capitalised word follows ("avg. DD").
        public var closingAbbreviations: [String]
        /// Words that may stand between two entities of one list ("ACH, SEPA or BACS"), and words that end
        /// a list ("from Braintree to Adyen").
        public var listJoiners: Set<String>
        public var listBreakers: Set<String>
        /// Phrase examples from the file: text and the rail names it must negate, defer or date.
        public var examples: [Example]

        public struct Example: Sendable, Codable {
            public var text: String
            public var negated: [String]?
            public var deferred: [String]?
            public var historical: [String]?
            public var location: SourceLocation
        }
    }

    public struct NotRails: Sendable, Codable {
        /// Case-insensitive words and phrases, by category (countries, tools, …).
        public var words: [Category]
        public struct Category: Sendable, Codable { public var category: String; public var phrases: [String] }
        /// Case-sensitive words (programming languages such as `Swift`, `Go`).
        public var exact: [String]
        public var prefixes: [String]

        /// The categories `not-rails.yml` may hold; the reader treats countries, demonyms and regions as
        /// places and `generic` words as never starting a name.
        public static let categories = [
            "countries", "demonyms", "regions", "languages", "currencies", "programmingLanguages", "clouds", "tools", "organisations",
            "providers", "concepts", "generic",
        ]
    }

    public struct Scheme: Sendable, Codable {
        public var name: String
        public var aliases: [String]
        public var exactAliases: [String]
        public var defaultRail: String
        /// Direction (`debit`, `credit`, `instant`) → rail id.
        public var members: [Member]
        public struct Member: Sendable, Codable { public var direction: String; public var rail: String }
    }

    public struct RailWords: Sendable, Codable {
        public var schemes: [Scheme]
        /// Direction → words.
        public var directions: [Direction]
        public struct Direction: Sendable, Codable { public var direction: String; public var words: [String] }
        public var tokens: [String]
        /// Chain rail id → words naming it.
        public var chains: [Chain]
        public struct Chain: Sendable, Codable { public var rail: String; public var words: [String] }
        public var otherChains: [String]
        /// The rail class of a chain from `otherChains` named on its own ("ETH on Arbitrum").
        public var otherChainClass: String = ""
        /// Words after a chain's name that make it where a token is kept, not a rail ("hot wallet").
        public var chainInfrastructure: [String]
        /// Class id → cue words.
        public var classCues: [ClassCue]
        public struct ClassCue: Sendable, Codable { public var railClass: String; public var words: [String] }
        /// Place word → (class id → rail id).
        public var countryDefaults: [CountryDefault]
        public struct CountryDefault: Sendable, Codable {
            public var place: String
            public var rails: [ClassRail]
        }
        public struct ClassRail: Sendable, Codable { public var railClass: String; public var rail: String }
        public var contextAfter: [String]
        public var contextBefore: [String]
        public var xaContext: [String]
        /// A bare variant word after a rail names its sibling ("SDD Core and B2B").
        public var siblings: [Sibling]
        public struct Sibling: Sendable, Codable { public var word: String; public var after: String; public var rail: String }
        /// Words before a class cue that make it the product being built ("building a wallet").
        public var productCues: [String]
        /// Words that make the rail nearest to them in their clause a fallback ("falling back to SEPA Credit
        /// Transfer", "Stripe as failover").
        public var fallbackCues: [String] = []
        /// Words that, nearest before a rail that sends, make it carry refunds ("we refund via …").
        public var refundCues: [String] = []
        /// Channel id (`card-present`, `card-not-present`) → words that say it.
        public var channels: [Channel] = []
        public struct Channel: Sendable, Codable { public var channel: String; public var words: [String] }
        /// Mode id (`merchant-initiated`, `offline`…) → words that say it. Lifecycle items tagged with a mode
        /// appear only in a design whose input states it.
        public var modes: [Mode] = []
        /// Words that say the input is a card issuer answering authorisations, a side payarch does not design.
        public var issuerSide: [String] = []
        public struct Mode: Sendable, Codable {
            public var mode: String
            public var name: String
            public var words: [String]
            /// Matched with their capitals only ("MIT", "FX").
            public var exactWords: [String] = []
            /// Other modes this one states too (a named custody platform is a custody platform).
            public var implies: [String] = []
        }
        public var unknownNames: UnknownNames
    }

    /// Word lists for reading names payarch does not know (all lowercased).
    public struct UnknownNames: Sendable, Codable {
        public var organisations: Set<String>
        public var ownership: Set<String>
        public var fillers: Set<String>
        public var closings: Set<String>
        public var databases: Set<String>
        public var functionWords: Set<String>
    }

    public struct Quantities: Sendable, Codable {
        public struct WordValue: Sendable, Codable { public var word: String; public var value: Double }
        public struct WordSeconds: Sendable, Codable { public var word: String; public var seconds: Double }
        public struct WordFactor: Sendable, Codable { public var word: String; public var factor: Double }
        public struct WordPercentile: Sendable, Codable { public var word: String; public var percentile: Double }
        public var numberWords: [WordValue]
        public var scales: [WordValue]
        public var perSecondUnits: [String]
        public var countNouns: [String]
        public var periods: [WordSeconds]
        public var periodAdjectives: [WordSeconds]
        public var periodIntroducers: [String]
        public var peakWords: [String]
        public var sustainedWords: [String]
        public var multiplierWords: [String]
        public var multiplierPhrases: [WordFactor]
        public var percentIncrease: [String]
        public var headroomWords: [String]
        public var rangeJoiners: [String]
        public var durations: [WordSeconds]
        public var percentileWords: [WordPercentile]
        public var latencyWords: [String]
        public var timeoutWords: [String]
        /// Words that make a latency target cover only the service's own part ("our side", "excluding PSP
        /// time", "hop budget"): rail calls are outside it.
        public var serviceOnlyWords: [String] = []
        /// Words that make a latency target one for reads ("balance read p95 50ms"), not for payments.
        public var readPathWords: [String] = []
        /// Nouns that count things, not payments ("~40k stores", "9,000 terminals"): a figure before one is a
        /// population, never a rate.
        public var populationNouns: [String] = []
        public var subSecond: [String]
        public var notPaymentRate: [String]
        /// Currency codes and symbols: a figure next to one is an amount of money.
        public var currencyWords: [String] = []
        /// Notifications from the rails ("webhooks", "callbacks"): a figure next to one sizes the inbox, not
        /// the payments.
        public var inboundWords: [String] = []
        /// A provider's limit on calls ("rate limit", "quota"): a figure next to one is not a load.
        public var limitWords: [String] = []
        public var approximators: [String]
        public var absurdTps: Double
        public var subjectNouns: [String]
        public var combinedWords: [String]
        public var partWords: [String]
        public var batchUnits: [String]
        public var restatements: [String]
        /// Words that say the load comes in files or runs, and words that say it comes in bursts.
        public var batchShape: [String]
        public var burstShape: [String]
        /// Words that say a period's count falls on a few named days ("concentrated on the 1st and 15th"),
        /// and named days that count as one day each ("month-end").
        public var concentrationWords: [String] = []
        public var namedDays: [String] = []
    }

    public var context: Context
    public var notRails: NotRails
    public var railWords: RailWords
    public var quantities: Quantities
    public var requirements = Requirements()

    /// Requirements the input states that no reader turns into a fact (`requirements.yml`).
    public struct Requirements: Sendable, Codable {
        public var requirementWords: [String] = []
        /// Words that name a control without a modal verb ("2-person approval"): a requirement, never a cut point.
        public var controlWords: [String] = []
        /// Words that ask for an approval ("second person", "dual approval"): above an amount, a gate.
        public var approvalWords: [String] = []
        /// Words that cap an amount or a count ("max", "cap of", "at most"): with a figure, a limit.
        public var limitWords: [String] = []
        public var metWords: [String] = []
        /// Words that say nothing of what a requirement is about, left out when the design's text is
        /// searched for it.
        public var ignoredWords: [String] = []
        public var gates = Gates()
        public var examples: [Example] = []
        public struct Gates: Sendable, Codable {
            public var negatedGate: [String] = []
            public var onlyAfterGate: [String] = []
            public var affirmedBefore: [String] = []
            public var negations: [String] = []
            /// Units of a time a gate states ("at least 24h before"), and the words that may open it.
            public var timeUnits: [String] = []
            public var timeQualifiers: [String] = []
        }
        public struct Example: Sendable, Codable {
            public var text: String
            /// The first words of each segment that must get the warning; no other segment may.
            public var unread: [String]
            /// The gates read, each as "action → precondition".
            public var gates: [String] = []
        }
    }
}
