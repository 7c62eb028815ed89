import Foundation

/// Reads consistency levels per scope from `consistency_constraints`, clause by clause: a level binds to
/// the scopes named in its clause, or to every scope when none is named ("everywhere", "across all").
/// Also reads the CAP stance, atomic-commit demands and multi-region phrases.
public struct ConsistencyAnalyzer: Sendable {
    let vocabulary: ConsistencyVocabulary
    let levels: PhraseMatcher
    let scopes: PhraseMatcher
    let consistencyFirst: PhraseMatcher
    let availabilityFirst: PhraseMatcher
    let atomicCommit: PhraseMatcher
    let multiRegion: PhraseMatcher
    let levelByAlias: [String: ConsistencyVocabulary.Level]
    let scopeByAlias: [String: ConsistencyVocabulary.Scope]

    public init(vocabulary: ConsistencyVocabulary) {
        self.vocabulary = vocabulary
        levels = PhraseMatcher(phrases: vocabulary.levels.flatMap(\.aliases))
        scopes = PhraseMatcher(phrases: vocabulary.scopes.flatMap(\.aliases))
        consistencyFirst = PhraseMatcher(phrases: vocabulary.consistencyFirst)
        availabilityFirst = PhraseMatcher(phrases: vocabulary.availabilityFirst)
        atomicCommit = PhraseMatcher(phrases: vocabulary.atomicCommit)
        multiRegion = PhraseMatcher(phrases: vocabulary.multiRegion)
        var levelByAlias: [String: ConsistencyVocabulary.Level] = [:]
        for level in vocabulary.levels { for alias in level.aliases { levelByAlias[alias] = level } }
        var scopeByAlias: [String: ConsistencyVocabulary.Scope] = [:]
        for scope in vocabulary.scopes { for alias in scope.aliases { scopeByAlias[alias] = scope } }
        self.levelByAlias = levelByAlias
        self.scopeByAlias = scopeByAlias
    }

    public func analyze(_ text: String, variable: String) -> (ConsistencyFacts, [Assumption], [Diagnostic]) {
        var explicit: [ConsistencyFacts.ScopeLevel] = []
        // The strongest level stated without a scope, which applies to every scope not named.
        var unscoped: (level: ConsistencyVocabulary.Level, phrase: SourcedPhrase)?
        var apPhrases: [SourcedPhrase] = []
        var apScopes: Set<String> = []
        var warnings: [Diagnostic] = []
        var warned: Set<String> = []
        func phrase(_ match: PhraseMatcher.Match, _ clause: Clause) -> SourcedPhrase {
            SourcedPhrase(variable: variable, text: match.text, offset: clause.offset + match.range.location)
        }
        func first(_ matcher: PhraseMatcher) -> SourcedPhrase? {
            matcher.matches(in: text).first.map { SourcedPhrase(variable: variable, text: $0.text, offset: $0.range.location) }
        }

        for clause in Clause.split(text) {
            let levelMatches = levels.matches(in: clause.text)
            let scopeMatches = scopes.matches(in: clause.text)
            let multiRegionHere = !multiRegion.matches(in: clause.text).isEmpty
            let apMatch = availabilityFirst.matches(in: clause.text).first
            let named = scopeMatches.compactMap { scopeByAlias[$0.alias] }
            var namedIds: [String] = []
            for scope in named where !namedIds.contains(scope.id) { namedIds.append(scope.id) }

            if let apMatch {
                apPhrases.append(phrase(apMatch, clause))
                let targets = namedIds.isEmpty ? vocabulary.scopes.filter { !$0.moneyPath }.map(\.id) : namedIds
                apScopes.formUnion(targets)
            }
            guard
                let strongest = levelMatches.compactMap({ match in levelByAlias[match.alias].map { ($0, match) } })
                    .min(by: { vocabulary.tierRank($0.0.tier) < vocabulary.tierRank($1.0.tier) })
            else { continue }
            let (level, match) = strongest
            let levelPhrase = phrase(match, clause)
            if level.tier == vocabulary.tiers.last, multiRegionHere {
                for id in namedIds where !(vocabulary.scope(id)?.moneyPath ?? true) {
                    apScopes.insert(id)
                    apPhrases.append(levelPhrase)
                }
            }
            if namedIds.isEmpty {
                if unscoped.map({ vocabulary.tierRank(level.tier) < vocabulary.tierRank($0.level.tier) }) ?? true {
                    unscoped = (level, levelPhrase)
                }
                continue
            }
            for id in namedIds {
                let stated = ConsistencyFacts.ScopeLevel(
                    scope: id, level: level.id, tier: level.tier, availabilityFirst: false, explicit: true, phrase: levelPhrase)
                guard let index = explicit.firstIndex(where: { $0.scope == id }) else {
                    explicit.append(stated)
                    continue
                }
                let earlier = explicit[index]
                guard earlier.tier != level.tier else { continue }
                // One warning per scope is enough to point the user at the contradiction.
                if warned.insert(id).inserted {
                    warnings.append(
                        Diagnostic(
                            .warning, at: nil, id: "consistency.contradiction",
                            "\(variable) states two levels for \(vocabulary.scope(id)?.name ?? id): '\(earlier.phrase.text)' and '\(levelPhrase.text)'; the stronger one is used"))
                }
                if vocabulary.tierRank(level.tier) < vocabulary.tierRank(earlier.tier) { explicit[index] = stated }
            }
        }

        // One entry per scope: an explicit level wins over the unscoped one.
        var scoped: [ConsistencyFacts.ScopeLevel] = []
        for scope in vocabulary.scopes {
            let candidate = explicit.first { $0.scope == scope.id }
                ?? unscoped.map {
                    ConsistencyFacts.ScopeLevel(
                        scope: scope.id, level: $0.level.id, tier: $0.level.tier, availabilityFirst: false, explicit: false,
                        phrase: $0.phrase)
                }
            guard var entry = candidate else {
                if apScopes.contains(scope.id), let apPhrase = apPhrases.first {
                    let weakest = vocabulary.levels.last { $0.tier == vocabulary.tiers.last }
                    scoped.append(.init(scope: scope.id, level: weakest?.id ?? "eventual", tier: vocabulary.tiers.last ?? "eventual", availabilityFirst: true, explicit: true, phrase: apPhrase))
                }
                continue
            }
            entry.availabilityFirst = apScopes.contains(scope.id) && !scope.moneyPath
            scoped.append(entry)
        }
        for id in apScopes.sorted() where vocabulary.scope(id)?.moneyPath == true {
            warnings.append(
                Diagnostic(
                    .warning, at: nil, id: "consistency.ap-money-path",
                    "\(variable) lets \(vocabulary.scope(id)?.name ?? id) favour availability; payarch keeps the money path consistent, because an available-but-divergent idempotency gate charges twice"))
        }

        var assumptions: [Assumption] = []
        let consistencyFirstPhrase = first(consistencyFirst)
        let moneyEntries = scoped.filter { vocabulary.scope($0.scope)?.moneyPath == true }
        let moneyPath: ConsistencyFacts.Tier
        if let strongest = moneyEntries.min(by: { vocabulary.tierRank($0.tier) < vocabulary.tierRank($1.tier) }) {
            var tier = strongest.tier
            var phrases = Array(Set(moneyEntries.filter { $0.tier == tier }.map(\.phrase))).sorted()
            if let cp = consistencyFirstPhrase, vocabulary.tierRank(tier) > vocabulary.tierRank(vocabulary.moneyPathFloor) {
                tier = vocabulary.moneyPathFloor
                phrases.append(cp)
            }
            moneyPath = .init(tier: tier, phrases: phrases, assumed: false)
        } else if let cp = consistencyFirstPhrase {
            moneyPath = .init(tier: vocabulary.moneyPathFloor, phrases: [cp], assumed: false)
        } else {
            moneyPath = .init(tier: vocabulary.moneyPathFloor, phrases: [], assumed: true)
            assumptions.append(
                Assumption(
                    id: "consistency.money-path",
                    text: "No consistency level is stated for payment initiation or internal state; the design holds them strongly consistent, the minimum that rules out a second charge."))
        }
        let ledger: ConsistencyFacts.Tier
        if let entry = scoped.first(where: { $0.scope == "ledger" }) {
            ledger = .init(tier: entry.tier, phrases: [entry.phrase], assumed: false)
        } else {
            ledger = .init(tier: moneyPath.tier, phrases: moneyPath.phrases, assumed: true)
            assumptions.append(
                Assumption(
                    id: "consistency.ledger",
                    text: "No consistency level is stated for the ledger; it is held to the money path's level."))
        }
        let facts = ConsistencyFacts(
            scopes: scoped, moneyPath: moneyPath, ledger: ledger,
            apState: apScopes.contains(where: { vocabulary.scope($0)?.moneyPath == false }) ? "ap-allowed" : "cp-only",
            apPhrases: Array(Set(apPhrases)).sorted(), consistencyFirst: consistencyFirstPhrase,
            atomicCommit: first(atomicCommit), multiRegion: first(multiRegion))
        return (facts, assumptions, warnings)
    }
}
