import Foundation

/// Reads `payment_rails`: the rails of the catalogue by name or alias; scheme names resolved by a
/// direction word ("ACH payouts"); tokens paired with the chains written next to them ("USDC on Solana");
/// a kind of rail plus a place ("instant bank transfers in Brazil"); names payarch does not know, read as
/// rails only from rail-like context; and what the text rules out ("No ACH", "Adyen later").
public struct RailReader: Sendable {
    /// What a span of `payment_rails` names.
    enum Word: Sendable, Hashable {
        case rail(String)
        /// A chain's own name ("Solana"): a rail, unless it only says where a token runs.
        case chainRail(String)
        /// A chain word that is never a rail alone ("polygon", "ERC-20").
        case chainWord(String)
        case token(String)
        case otherChain(String)
        case scheme(Int)
        case classCue(String)
        case place(String)
        case notRail(String)
        case xa
    }

    enum Cue: Sendable, Hashable {
        case direction(String)
        case after
        case before
        case owner
        case infrastructure
        /// Holds a direction word but gives no direction ("credit card").
        case noDirection
    }

    let rules: RuleBook
    let words: Gazetteer<Word>
    let directions: Gazetteer<Cue>
    let fallbackCues: Gazetteer<Cue>
    let refundCues: Gazetteer<Cue>
    let channelWords: Gazetteer<String>
    let contextWords: Gazetteer<Cue>
    let context: ContextReader
    let notRailPrefixes: [String]
    let railsById: [String: RailDefinition]
    /// One-word card words: the card networks' names and the card class's cues ("visa", "mada", "cards").
    let cardWords: Set<String>
    /// The words before a provider that the payments go through ("through HyperPay", "via Redsys").
    static let channelPrepositions: Set<String> = ["through", "via", "thru"]
    /// Product cues as lowercased word sequences.
    let productCues: [[String]]
    var nameWords: ReadingVocabulary.UnknownNames { rules.reading.railWords.unknownNames }

    public init(rules: RuleBook, context: ContextReader) {
        self.rules = rules
        self.context = context
        let vocabulary = rules.reading
        let tokenIds = Set(vocabulary.railWords.tokens)
        let chainIds = Set(vocabulary.railWords.chains.map(\.rail))
        var words = Gazetteer<Word>()
        for rail in rules.rails {
            let word: Word = tokenIds.contains(rail.id) ? .token(rail.id) : chainIds.contains(rail.id) ? .chainRail(rail.id) : .rail(rail.id)
            for alias in rail.aliases { words.add(alias, word) }
            for alias in rail.exactAliases { words.add(alias, exact: true, word) }
        }
        for (index, scheme) in vocabulary.railWords.schemes.enumerated() {
            for alias in scheme.aliases { words.add(alias, .scheme(index)) }
            for alias in scheme.exactAliases { words.add(alias, exact: true, .scheme(index)) }
        }
        for chain in vocabulary.railWords.chains {
            for name in chain.words { words.add(name, .chainWord(chain.rail)) }
        }
        for name in vocabulary.railWords.otherChains { words.add(name, exact: true, .otherChain(name)) }
        for cues in vocabulary.railWords.classCues {
            for cue in cues.words { words.add(cue, .classCue(cues.railClass)) }
        }
        for entry in vocabulary.railWords.countryDefaults { words.add(entry.place, .place(entry.place)) }
        for phrase in vocabulary.railWords.xaContext { words.add(phrase, .xa) }
        for category in vocabulary.notRails.words {
            for phrase in category.phrases { words.add(phrase, .notRail(category.category)) }
        }
        for phrase in vocabulary.notRails.exact { words.add(phrase, exact: true, .notRail("exact")) }
        for phrase in vocabulary.railWords.issuerSide { words.add(phrase, .notRail("issuerSide")) }
        // A mode's words say how the rails are used ("MIT", "renewals", "Fireblocks"), never a rail.
        for mode in vocabulary.railWords.modes {
            for phrase in mode.words { words.add(phrase, .notRail("modes")) }
            for phrase in mode.exactWords { words.add(phrase, exact: true, .notRail("modes")) }
        }
        self.words = words
        var directions = Gazetteer<Cue>()
        for direction in vocabulary.railWords.directions {
            // `none` holds a direction word but gives no direction ("credit card"): matched whole, then ignored.
            for phrase in direction.words { directions.add(phrase, direction.direction == "none" ? .noDirection : .direction(direction.direction)) }
        }
        self.directions = directions
        var fallbackCues = Gazetteer<Cue>()
        for phrase in vocabulary.railWords.fallbackCues { fallbackCues.add(phrase, .after) }
        self.fallbackCues = fallbackCues
        self.refundCues = Gazetteer(vocabulary.railWords.refundCues, Cue.before)
        var channelWords = Gazetteer<String>()
        for channel in vocabulary.railWords.channels {
            for phrase in channel.words { channelWords.add(phrase, channel.channel) }
        }
        self.channelWords = channelWords
        var contextWords = Gazetteer<Cue>()
        for phrase in vocabulary.railWords.contextAfter { contextWords.add(phrase, .after) }
        for phrase in vocabulary.railWords.contextBefore { contextWords.add(phrase, .before) }
        for phrase in vocabulary.context.ownership { contextWords.add(phrase, .owner) }
        for phrase in vocabulary.railWords.chainInfrastructure { contextWords.add(phrase, .infrastructure) }
        self.contextWords = contextWords
        notRailPrefixes = vocabulary.notRails.prefixes.map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
        productCues = vocabulary.railWords.productCues.map { cue in
            Tokenizer.tokens(cue).filter { !$0.isLineBreak }.map(\.lower)
        }
        railsById = Dictionary(rules.rails.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // The one-word names of the card networks and the card class's own cue words, from the rules.
        let networkNames = rules.rails.filter { $0.railClass == "card-network" }.flatMap { [$0.name] + $0.aliases + $0.exactAliases }
        let cardCues = vocabulary.railWords.classCues.filter { $0.railClass == "psp-card-api" }.flatMap(\.words)
        // 3-D Secure and Maestro say cards too, though no rule names them as a rail or a cue.
        cardWords = Set((networkNames + cardCues + ["3DS", "3DS2", "Maestro"]).filter { !$0.contains(" ") }.map { $0.lowercased() })
    }

    struct Result {
        var rails: [RailMention] = []
        var excluded: [ExcludedRail] = []
        var categories: [Category] = []
        var datastores: [RailMention] = []
        var warnings: [ReadingWarning] = []
        /// Card brands taken through a PSP the text does not name ("card (Visa/MC through our bank's
        /// gateway)"): the phrase of the first.
        var brandsTaken: SourcedPhrase?
    }

    /// A rail the text names, before exclusions and dedupe.
    struct Candidate {
        var mention: RailMention
        var span: ContextReader.Span
        var mark: ContextReader.Mark?
        /// Named only as the channel of another rail ("iDEAL through Mollie").
        var channelOnly = false
        /// Named only as the owner of another rail ("Sofort (now Klarna)") or where a token is kept ("our
        /// Ethereum hot wallet"): never a rail of the design.
        var notARail = false
    }

    /// Reads the rails. `xa` says whether XA context is stated (and not ruled out) anywhere in the inputs.
    func read(_ text: ReadingText, xa: Bool) -> Result {
        let tokens = text.tokens
        let matches = words.matches(in: tokens)
        var covered = [Bool](repeating: false, count: tokens.count)
        for match in matches { for index in match.first..<match.last { covered[index] = true } }
        let directionAt = positions(of: directions.matches(in: tokens), count: tokens.count)
        let contextAt = positions(of: contextWords.matches(in: tokens), count: tokens.count)

        let unknown = unknownNames(in: text, covered: covered, contextAt: contextAt, directionAt: directionAt, matches: matches, xa: xa)
        // A provider payarch has no rail rows for is named in a warning, never silently left out.
        let providers = matches.filter { $0.payload == .notRail("providers") || $0.payload == .notRail("issuerSide") }
        let entityMatches = matches.filter { isEntity($0.payload) }
        // Tokens of rail names: a direction word inside one ("ACH debit") gives no heading its direction.
        let railTokens = Set(entityMatches.flatMap { $0.first..<$0.last })
        let headings = headings(in: text, directionAt: directionAt, railTokens: railTokens)
        var spans = entityMatches.map { ContextReader.Span(first: $0.first, last: $0.last) } + unknown.map(\.span)
        let blockers = matches.filter { if case .place = $0.payload { return true } else { return false } }
            .map { ContextReader.Span(first: $0.first, last: $0.last) }
        spans.sort { $0.first < $1.first }
        // Triggers may use any word but an entity's ("other than" though "other" is a generic word).
        var triggerCovered = [Bool](repeating: false, count: tokens.count)
        for span in spans { for index in span.first..<span.last { triggerCovered[index] = true } }
        let marks = context.marks(
            for: spans, in: text, triggers: context.triggerMatches(in: text, covered: triggerCovered), blockers: blockers)
        var markOf: [Int: ContextReader.Mark] = [:]
        for (index, span) in spans.enumerated() { if let mark = marks[index] { markOf[span.first] = mark } }

        var result = Result()
        result.warnings += providerWarnings(providers, in: text)
        var candidates: [Candidate] = []
        func add(_ mention: RailMention, _ span: ContextReader.Span, channelOnly: Bool = false, notARail: Bool = false) {
            candidates.append(Candidate(mention: mention, span: span, mark: markOf[span.first], channelOnly: channelOnly, notARail: notARail))
        }
        // Places named in the text, for the rails whose short names other places' rails share.
        let placeSpans = matches.compactMap { match -> ContextReader.Span? in
            switch match.payload {
            case .place: return .init(first: match.first, last: match.last)
            case .notRail(let category) where ["countries", "demonyms", "exact", "currencies"].contains(category):
                return .init(first: match.first, last: match.last)
            default: return nil
            }
        }
        var foreignWarnings: [ReadingWarning] = []
        func mention(_ id: String, reading: RailMention.Reading, _ first: Int, _ last: Int) -> RailMention? {
            guard let rail = railsById[id] else { return nil }
            // "Hong Kong: deposits by FPS", "via ACH Colombia", "Turkish EFT": a shared short name next to
            // another place is that place's rail, read as an unknown rail of the class, not this one.
            let written = text.quote(first, last)
            let shared = rail.localAliases.contains { $0.caseInsensitiveCompare(written) == .orderedSame }
                || (reading != .name && rail.localAliases.contains { written.lowercased().hasPrefix($0.lowercased()) })
            if shared, !rail.homePlaces.isEmpty {
                let clause = text.clause[first]
                let near = placeSpans.filter { place in
                    text.clause[place.first] == clause
                        && ((place.last <= first && first - place.last <= 4) || (place.first >= last && place.first - last <= 2))
                }.map { text.quote($0.first, $0.last) }
                let homes = Set(rail.homePlaces.map { $0.lowercased() })
                if let place = near.first, !near.contains(where: { homes.contains($0.lowercased()) }) {
                    let phrase = text.phrase(first, last)
                    foreignWarnings.append(
                        ReadingWarning(
                            id: "reading.foreign-rail", phrase: phrase,
                            message: "'\(written)' next to '\(place)' is not \(rail.name), the rail payarch knows by that name; it is read as an unknown \(rules.railClass(rail.railClass)?.name ?? rail.railClass) of that place. Name the rail for facts that fit it"))
                    return RailMention(
                        id: nil, name: written, railClass: rail.railClass, family: family(of: rail.railClass), known: false,
                        reading: .context, phrase: phrase)
                }
            }
            return RailMention(
                id: id, name: rail.name, railClass: rail.railClass, family: family(of: rail.railClass), known: true,
                reading: reading, phrase: text.phrase(first, last))
        }

        let (pairs, consumed) = tokenChainPairs(matches, in: text)
        for pair in pairs { add(pair.mention, pair.span) }
        var resolvedSchemes: [Int: [String]] = [:]
        for match in entityMatches where !consumed.contains(match.first) {
            let span = ContextReader.Span(first: match.first, last: match.last)
            switch match.payload {
            case .rail(let id), .chainRail(let id), .token(let id):
                if let found = mention(id, reading: .name, match.first, match.last) {
                    var infrastructure = false
                    if case .chainRail = match.payload, match.last < tokens.count, contextAt[match.last] == .infrastructure {
                        infrastructure = true
                    }
                    add(
                        found, span, channelOnly: isChannelOnly(match, in: text, contextAt: contextAt),
                        notARail: infrastructure || isOwner(match, in: text, contextAt: contextAt))
                }
            case .scheme(let index):
                let scheme = rules.reading.railWords.schemes[index]
                var wanted = schemeDirections(
                    first: match.first, last: match.last, in: text, matches: entityMatches, directionAt: directionAt,
                    accepting: Set(scheme.members.map(\.direction)), headings: headings)
                if wanted.isEmpty, let earlier = resolvedSchemes[index] { wanted = earlier }
                var members = wanted.compactMap { direction in scheme.members.first { $0.direction == direction }?.rail }
                let fromDirection = !members.isEmpty
                if members.isEmpty { members = [scheme.defaultRail] }
                resolvedSchemes[index] = wanted.isEmpty ? resolvedSchemes[index] : wanted
                for id in members {
                    if let found = mention(id, reading: fromDirection ? .schemeDirection : .schemeDefault, match.first, match.last) {
                        add(found, span)
                    }
                }
                if !fromDirection, markOf[match.first] == nil, let rail = railsById[scheme.defaultRail] {
                    let phrase = text.phrase(match.first, match.last)
                    result.warnings.append(
                        ReadingWarning(
                            id: "reading.ambiguous-scheme", phrase: phrase,
                            message: "'\(phrase.text)' names a scheme with several rails; read as \(rail.name). Name the rail (\(scheme.members.compactMap { railsById[$0.rail]?.name }.joined(separator: ", "))) to choose another"))
                }
            case .classCue(let railClass):
                if isProduct(match, in: text) { continue }
                // "Instant payouts over FedNow and RTP": the kind of payment is said by the rails named with it.
                if namesRailOfClass(railClass, near: match, in: text, matches: entityMatches) { continue }
                if let rail = placeDefault(for: railClass, near: match, in: text, matches: matches) {
                    guard let found = mention(rail.id, reading: .placeDefault, match.first, match.last) else { continue }
                    add(found, span)
                    if markOf[match.first] == nil, let phrase = found.phrase {
                        result.warnings.append(
                            ReadingWarning(
                                id: "reading.place-default", phrase: phrase,
                                message: "'\(phrase.text)' names no rail; read as \(rail.name), the usual one there. Name the rail to be sure"))
                    }
                } else if markOf[match.first] == nil, !itemHasRail(match, in: text, matches: entityMatches) {
                    result.categories.append(Category(railClass: railClass, phrase: text.phrase(match.first, match.last)))
                }
            case .otherChain(let name):
                // A chain payarch does not know, named on its own ("ETH on Arbitrum"): an account-based
                // chain rail whose details the user confirms; kept out when it only says where keys are kept.
                if match.last < tokens.count, contextAt[match.last] == .infrastructure { continue }
                let railClass = rules.reading.railWords.otherChainClass
                add(
                    RailMention(
                        id: nil, name: name, railClass: railClass, family: family(of: railClass), known: false,
                        reading: .context, phrase: text.phrase(match.first, match.last)),
                    span)
            case .chainWord, .xa, .place, .notRail:
                continue
            }
        }
        // "SEPA Direct Debit Core and B2B": a bare variant word names the sibling rail.
        for sibling in rules.reading.railWords.siblings {
            for (index, token) in tokens.enumerated() where token.lower == sibling.word.lowercased() && !covered[index] {
                guard index >= 2, tokens[index - 1].lower == "and" || tokens[index - 1].text == "/" || tokens[index - 1].text == "+",
                    let previous = candidates.last(where: { $0.span.last <= index - 1 && $0.mention.id == sibling.after && text.clause[$0.span.first] == text.clause[index] }),
                    let found = mention(sibling.rail, reading: .name, index, index + 1)
                else { continue }
                candidates.append(Candidate(mention: found, span: .init(first: index, last: index + 1), mark: previous.mark))
            }
        }
        for name in unknown {
            let railClass = name.railClass ?? rules.unknownRailClass
            add(
                RailMention(
                    id: nil, name: name.name, railClass: railClass, family: family(of: railClass), known: false,
                    reading: .context, phrase: text.phrase(name.span.first, name.span.last)),
                name.span)
        }
        candidates.sort { $0.span.first < $1.span.first }

        // Card brands reached through a PSP are not rails: the PSP is; brands are rails only with a
        // direct scheme link (a card-network cue such as "ISO 8583"). A PSP named only as the channel of
        // bank redirects or vouchers ("iDEAL through Mollie") is not a rail either, unless cards or
        // wallets also run through it.
        let affirmed = candidates.filter { $0.mark == nil }
        // Only a PSP payarch knows stands between the merchant and the networks; an unknown name read as one
        // ("via VAP") does not.
        let hasPSP = affirmed.contains { ["psp-card-api", "wallet", "bnpl"].contains($0.mention.railClass) && !$0.channelOnly && $0.mention.known }
        let directSchemeLink = matches.contains { if case .classCue("card-network") = $0.payload { return true } else { return false } }
        let cardWords = matches.contains { if case .classCue(let railClass) = $0.payload { return railClass == "psp-card-api" || railClass == "wallet" } else { return false } }
            || affirmed.contains { ["wallet", "card-network"].contains($0.mention.railClass) }

        var seen: Set<String> = []
        var railSpans: [ContextReader.Span] = []
        // Rails whose mentions so far gave no direction (a later mention may give one).
        var directionlessRails = Set<Int>()
        // The direction each rail's own words gave ("pushed by ACH credit"), whatever its class says.
        var wordDirections: [String?] = []
        // Every rail named, kept or not, for finding the rail a fallback word is about.
        let namedSpans = candidates.filter { !$0.notARail }.map(\.span)
        for candidate in candidates {
            let key = candidate.mention.id.map { $0 + "/" + candidate.mention.name } ?? "?" + candidate.mention.name.lowercased()
            if let mark = candidate.mark {
                // Ruled out here; affirmed elsewhere wins, unless this is a later correction. Only rails of the
                // catalogue are listed as excluded; a negated unknown name is simply not a rail.
                let affirmedElsewhere = candidates.contains { $0.mark == nil && sameRail($0.mention, candidate.mention) }
                guard !affirmedElsewhere || isCorrection(mark, in: text) else { continue }
                // A rail and its span leave together, so the two lists stay aligned.
                var received = candidate.mention
                received.name = Self.receivedName(of: received.name)
                for index in result.rails.indices.reversed()
                where sameRail(result.rails[index], candidate.mention) || sameRail(result.rails[index], received) {
                    result.rails.remove(at: index)
                    railSpans.remove(at: index)
                }
                seen.insert(key)
                guard candidate.mention.known, let phrase = candidate.mention.phrase,
                    !result.excluded.contains(where: { sameRail($0, candidate.mention) })
                else { continue }
                result.excluded.append(
                    ExcludedRail(
                        id: candidate.mention.id, name: candidate.mention.name, railClass: candidate.mention.railClass,
                        reason: ExcludedRail.Reason(rawValue: mark.modifier.rawValue) ?? .negated, phrase: phrase,
                        trigger: text.phrase(mark.trigger.first, mark.trigger.last)))
                continue
            }
            if result.excluded.contains(where: { sameRail($0, candidate.mention) }) { continue }
            if candidate.mention.railClass == "xa-resource", !xa {
                if !result.datastores.contains(where: { sameRail($0, candidate.mention) }) { result.datastores.append(candidate.mention) }
                continue
            }
            if candidate.notARail { continue }
            // "card top-ups via Nets/Nexi (Visa/MC, 3DS2)": brands in parentheses right after a card PSP, or after
            // a provider payarch does not know (which the brands then show to take cards), are the brands it
            // accepts, not a network link.
            // "annual premiums via card (Visa/MC/Amex through Westpac PayWay)": brands in parentheses after a card
            // word are the brands taken, not a network link.
            // A domestic scheme a PSP processes as its own card payments ("Cards (Visa, mada) via Checkout.com")
            // stays, as a token wallet does: it joins the PSP's class with the facts of its own.
            let processedByPSP = candidate.mention.id.flatMap { railsById[$0]?.processedAs } == "psp-card-api"
                && affirmed.contains { $0.mention.railClass == "psp-card-api" }
            if candidate.mention.railClass == "card-network", !directSchemeLink, !processedByPSP,
                let open = openParenthesis(before: candidate.span.first, in: tokens),
                matches.contains(where: { match in
                    if case .classCue("psp-card-api") = match.payload { return match.last == open } else { return false }
                })
            {
                if result.brandsTaken == nil { result.brandsTaken = candidate.mention.phrase }
                continue
            }
            if candidate.mention.railClass == "card-network", !directSchemeLink, !processedByPSP,
                let open = openParenthesis(before: candidate.span.first, in: tokens),
                let owner = candidates.first(where: {
                    $0.mark == nil && $0.span.last == open && ($0.mention.railClass == "psp-card-api" || ($0.mention.railClass == rules.unknownRailClass && !$0.mention.known))
                })
            {
                if let index = result.rails.firstIndex(where: { sameRail($0, owner.mention) }), !result.rails[index].known {
                    result.rails[index].railClass = "psp-card-api"
                    result.rails[index].family = family(of: "psp-card-api")
                }
                continue
            }
            if candidate.mention.railClass == "card-network", hasPSP, !directSchemeLink, !processedByPSP { continue }
            // "Visa/Mastercard/Amex through Westpac Qvalent": brands taken through a card PSP payarch does not know,
            // named after them in their clause, are that PSP's card payments, not network links.
            if candidate.mention.railClass == "card-network", !directSchemeLink, !processedByPSP,
                affirmed.contains(where: {
                    !$0.mention.known && $0.mention.railClass == "psp-card-api" && $0.span.first > candidate.span.first
                        && text.clause[$0.span.first] == text.clause[candidate.span.first]
                })
            {
                if result.brandsTaken == nil { result.brandsTaken = candidate.mention.phrase }
                continue
            }
            // "iDEAL through Mollie": a PSP after "through" is the channel of a rail of its own sentence.
            if candidate.channelOnly, candidate.mention.railClass == "psp-card-api", !cardWords,
                candidates.contains(where: {
                    $0.mark == nil && !sameRail($0.mention, candidate.mention) && text.sentence[$0.span.first] == text.sentence[candidate.span.first]
                })
            {
                continue
            }
            // "paid out by EFT (direct deposit)": a rail alone in parentheses right after a rail of its class
            // glosses that rail; it is not a second one.
            if candidate.span.first > 0, tokens[candidate.span.first - 1].text == "(", candidate.span.last < tokens.count,
                tokens[candidate.span.last].text == ")",
                let glossed = railSpans.firstIndex(where: { $0.last == candidate.span.first - 1 }),
                result.rails[glossed].railClass == candidate.mention.railClass
            {
                continue
            }
            // A class that moves money one way gives its rails that direction; otherwise the words next to
            // the rail in its clause say it, never a direction word elsewhere in the sentence.
            let said = schemeDirections(
                first: candidate.span.first, last: candidate.span.last, in: text, matches: entityMatches, directionAt: directionAt, sentenceWide: false,
                accepting: ["credit", "debit"]
            )
            // Nothing in its clause: the heading it is listed under ("Payout: … via RTP and FedNow").
            let heard = said.isEmpty ? headings[candidate.span.first] : said
            let direction = rules.railClass(candidate.mention.railClass)?.direction
                ?? candidate.mention.id.flatMap { railsById[$0]?.direction } ?? (heard.count == 1 ? heard[0] : nil)
            // A credit rail whose own words (or heading) say the money comes in is a credit the input
            // receives: it takes the class for received credits ("clients fund their balance by wire"). One
            // the input both sends and receives on ("SPEI out/in", loans paid out by SPEI and repaid "SPEI
            // inbound") is two rails: the credits sent and the credits received, each with its own lifecycle.
            let receivedClass = direction == "credit" ? rules.railClass(candidate.mention.railClass)?.receivedAs : nil
            let receives = receivedClass != nil && heard.contains("debit")
            let sends = receivedClass == nil || !receives || heard.contains("credit")
            if receives, let receivedClass {
                var mention = candidate.mention
                mention.name = Self.receivedName(of: mention.name)
                mention.railClass = receivedClass
                mention.family = family(of: receivedClass)
                mention.direction = "debit"
                if seen.insert(key + "/received").inserted {
                    wordDirections.append("debit")
                    result.rails.append(mention)
                    railSpans.append(candidate.span)
                }
            }
            guard sends else { continue }
            guard seen.insert(key).inserted else {
                // Named again: a rail given for both directions has none; a mention that says no direction
                // ("SEPA Instant Credit Transfer (SCT Inst)") changes nothing, and one that says it adds it.
                if let index = result.rails.firstIndex(where: { sameRail($0, candidate.mention) }), let direction,
                    result.rails[index].direction != direction
                {
                    result.rails[index].direction = directionlessRails.contains(index) ? direction : nil
                    directionlessRails.remove(index)
                }
                continue
            }
            var mention = candidate.mention
            mention.direction = direction
            if direction == nil { directionlessRails.insert(result.rails.count) }
            wordDirections.append(said.count == 1 ? said[0] : nil)
            result.rails.append(mention)
            railSpans.append(candidate.span)
        }
        // A rail received only is named by its own name: "Incoming" tells it apart only from the same rail
        // sent on.
        for index in result.rails.indices {
            let rail = result.rails[index]
            guard rail.name.hasPrefix(Self.receivedPrefix), rules.isReceivedClass(rail.railClass),
                !result.rails.contains(where: { sameId($0, rail) && !rules.isReceivedClass($0.railClass) })
            else { continue }
            result.rails[index].name = String(rail.name.dropFirst(Self.receivedPrefix.count))
        }
        result.warnings += foreignWarnings
        // Once every rail is read (brands after a name can still show it takes cards), the class it has.
        for rail in result.rails where !rail.known {
            // A shared short name next to another place has its own warning.
            guard let phrase = rail.phrase, !foreignWarnings.contains(where: { $0.phrase == phrase }) else { continue }
            result.warnings.append(
                ReadingWarning(
                    id: "reading.unknown-rail", phrase: phrase,
                    message: "'\(rail.name)' is not in payarch's rail catalogue; it is read as a rail from its context and treated as a generic \(rules.railClass(rail.railClass)?.name ?? rail.railClass). Confirm its duplicate guard, key window and return rules with the provider"))
        }
        // A token named bare after (or before) it was named on its chains ("USDC on Solana and Ethereum …
        // customers send USDC") is the same token, not a chain-agnostic rail of its own.
        let chainedTokens = Set(result.rails.filter { $0.reading == .tokenOnChain }.compactMap(\.id))
        if !chainedTokens.isEmpty {
            let keep = result.rails.indices.filter { index in
                let rail = result.rails[index]
                return rail.reading == .tokenOnChain || !(rail.id.map(chainedTokens.contains) ?? false)
            }
            if keep.count < result.rails.count {
                result.rails = keep.map { result.rails[$0] }
                railSpans = keep.map { railSpans[$0] }
                wordDirections = keep.map { wordDirections[$0] }
                directionlessRails = Set(keep.enumerated().filter { directionlessRails.contains($0.element) }.map(\.offset))
            }
        }
        // Rails listed together share the direction one of them is given: "seller payouts via SEPA Instant and
        // Faster Payments", "FedNow and RTP payouts", "Faster Payments (UK) and SEPA Instant (EU)".
        // "pushed by ACH credit and by RTP", "via SEPA Instant and via Faster Payments": a preposition that
        // repeats the list's own is a joiner too.
        let joiners: Set<String> = ["and", ",", "or", "/", "+", "&", "by", "via", "through", "over", "using"]
        func listed(_ left: Int, _ right: Int) -> Bool {
            guard text.clause[railSpans[left].first] == text.clause[railSpans[right].first],
                railSpans[left].last <= railSpans[right].first
            else { return false }
            // Only joiners between them, and a parenthesis that qualifies the first ("(UK)", "(Brazil, QR)").
            var depth = 0
            for token in tokens[railSpans[left].last..<railSpans[right].first] {
                switch token.lower {
                case "(": depth += 1
                case ")": if depth == 0 { return false } else { depth -= 1 }
                default: if depth == 0, !joiners.contains(token.lower) { return false }
                }
            }
            return depth == 0
        }
        // Only a direction its words gave is shared: a direct debit's own direction says nothing of the
        // rail listed beside it ("Apple Pay, ACH debits").
        func said(_ index: Int) -> String? {
            intrinsic(index) ? wordDirections[index] : result.rails[index].direction
        }
        /// Whether a rail's class or the rail itself moves money one way only.
        func intrinsic(_ index: Int) -> Bool {
            rules.railClass(result.rails[index].railClass)?.direction != nil || result.rails[index].id.flatMap { railsById[$0]?.direction } != nil
        }
        for index in result.rails.indices.dropFirst() where result.rails[index].direction == nil && listed(index - 1, index) {
            if !intrinsic(index) { result.rails[index].direction = said(index - 1) }
        }
        for index in result.rails.indices.dropLast().reversed() where result.rails[index].direction == nil && listed(index, index + 1) {
            if !intrinsic(index) { result.rails[index].direction = said(index + 1) }
        }
        // "KakaoPay and Naver Pay as wallets", "Tabby and Tamara pay-in-4": an unknown name listed beside
        // another whose words gave it a class, with none of its own, takes that class.
        for _ in 0..<2 {
            for index in result.rails.indices where !result.rails[index].known && result.rails[index].railClass == rules.unknownRailClass {
                // The class word usually follows the list ("KakaoPay and Naver Pay as wallets"): the next name first.
                let neighbours = [index + 1, index - 1].filter { result.rails.indices.contains($0) }
                guard let source = neighbours.first(where: { other in
                    let rail = result.rails[other]
                    return !rail.known && rail.reading == .context && rail.railClass != rules.unknownRailClass
                        && (other < index ? listed(other, index) : listed(index, other))
                }) else { continue }
                result.rails[index].railClass = result.rails[source].railClass
                result.rails[index].family = result.rails[source].family
            }
        }
        // "Clients fund their accounts by SEPA Credit Transfer and by Fedwire": a credit rail with no words of
        // its own, listed after one the input receives on, is received too.
        for index in result.rails.indices.dropFirst() where wordDirections[index] == nil && listed(index - 1, index) {
            let rail = result.rails[index]
            guard rules.isReceivedClass(result.rails[index - 1].railClass), let received = rules.railClass(rail.railClass)?.receivedAs,
                !result.rails.contains(where: { $0.id == rail.id && $0.railClass == received })
            else { continue }
            result.rails[index].railClass = received
            result.rails[index].family = family(of: received)
            result.rails[index].direction = "debit"
            wordDirections[index] = "debit"
        }
        // "for SDD orders we refund via SEPA Credit Transfer, SCT Inst if …": a rail that sends, whose nearest
        // cue before it in its clause is a refund word (no payout or collection word between), carries refunds.
        let refundMatches = refundCues.matches(in: tokens)
        let railTokenSet = Set(railSpans.flatMap { Array($0.first..<$0.last) })
        for index in result.rails.indices where result.rails[index].direction != "debit" && !rules.isReceivedClass(result.rails[index].railClass) {
            let start = railSpans[index].first
            guard let cue = refundMatches.last(where: { $0.last <= start && text.clause[$0.first] == text.clause[start] }) else { continue }
            let directionBetween = (cue.last..<start).contains { position in
                guard !railTokenSet.contains(position) else { return false }
                if case .direction = directionAt[position] { return true } else { return false }
            }
            if !directionBetween { result.rails[index].purpose = "refund" }
        }
        // The channel its sentence gives a rail: one channel's words and not the other's.
        let channels = channelWords.matches(in: tokens)
        // When the whole text names one channel only ("POS terminals … We route to Visa"), a rail whose own
        // sentence names none takes it.
        let textChannels = Set(channels.map(\.payload))
        for index in result.rails.indices {
            let sentence = text.sentence[railSpans[index].first]
            var said = Set(channels.filter { text.sentence[$0.first] == sentence }.map(\.payload))
            if said.isEmpty, textChannels.count == 1 { said = textChannels }
            // A sentence that says neither gives the class's default channel (a PSP's API is online); one that
            // says both gives none.
            result.rails[index].channel = said.count == 1 ? said.first : said.isEmpty ? rules.railClass(result.rails[index].railClass)?.defaultChannel : nil
        }
        // A fallback cue marks the rail nearest to it in its clause (the one after it on a tie), unless
        // that would leave no rail that is not a fallback.
        for cue in fallbackCues.matches(in: tokens) {
            let clause = text.clause[cue.first]
            let distance = { (span: ContextReader.Span) -> Int in span.first >= cue.last ? span.first - cue.last : cue.first - span.last + 1 }
            // The nearest rail named there, even one ruled out ("Braintree as failover" then "we dropped
            // Braintree" marks no other rail).
            // "Braintree is the fallback for PayPal customers": the subject of "is (the) fallback" is the one.
            var before = cue.first - 1
            while before >= 0, ["the", "a", "an", "our", "its"].contains(tokens[before].lower) { before -= 1 }
            let isSubject = before >= 0 && ["is", "are", "becomes", "stays", "remains"].contains(tokens[before].lower)
            let inClause = namedSpans.filter { text.clause[$0.first] == clause && (!isSubject || $0.last <= cue.first) }
            let nearestSpan = inClause.min { (distance($0), $0.first) < (distance($1), $1.first) }
            guard let nearestSpan, let nearest = railSpans.firstIndex(of: nearestSpan) else { continue }
            if result.rails.indices.contains(where: { $0 != nearest && !result.rails[$0].isFallback }) {
                result.rails[nearest].fallback = true
            }
        }
        return result
    }

    func isEntity(_ word: Word) -> Bool {
        switch word {
        case .rail, .chainRail, .token, .scheme, .classCue, .xa, .otherChain: true
        case .chainWord, .place, .notRail: false
        }
    }

    func positions(of matches: [Gazetteer<Cue>.Match], count: Int) -> [Cue?] {
        var at = [Cue?](repeating: nil, count: count)
        for match in matches { for index in match.first..<match.last { at[index] = match.payload } }
        return at
    }

    func family(of railClass: String) -> String {
        rules.railClass(railClass)?.family ?? railClass
    }

    /// What tells the credits a rail receives apart from the credits sent on it, when the input does both.
    static let receivedPrefix = "Incoming "

    static func receivedName(of name: String) -> String { receivedPrefix + name }

    /// The same rail whatever it was named: by catalogue id, or by name for rails payarch does not know.
    func sameId(_ lhs: RailMention, _ rhs: RailMention) -> Bool {
        let strip = { (name: String) in name.hasPrefix(Self.receivedPrefix) ? String(name.dropFirst(Self.receivedPrefix.count)) : name }
        return lhs.id == rhs.id && (lhs.id != nil || strip(lhs.name).lowercased() == strip(rhs.name).lowercased())
    }

    func sameRail(_ lhs: RailMention, _ rhs: RailMention) -> Bool {
        lhs.id == rhs.id && (lhs.id != nil ? lhs.name == rhs.name : lhs.name.lowercased() == rhs.name.lowercased())
    }

    func sameRail(_ lhs: ExcludedRail, _ rhs: RailMention) -> Bool {
        lhs.id == rhs.id && (lhs.id != nil ? lhs.name == rhs.name : lhs.name.lowercased() == rhs.name.lowercased())
    }

    /// A negation in a later clause that corrects an earlier statement ("Correction: we don't use
    /// Braintree anymore").
    func isCorrection(_ mark: ContextReader.Mark, in text: ReadingText) -> Bool {
        let clause = text.clause[mark.trigger.first]
        return text.tokens.indices.contains { index in
            text.clause[index] == clause && ["correction", "anymore", "actually", "scratch", "update"].contains(text.tokens[index].lower)
        } || ["no longer", "stopped using", "stop using"].contains(text.quote(mark.trigger.first, mark.trigger.last).lowercased())
    }

    /// A PSP named after "through", "via", "thru" or "with".
    func isChannelOnly(_ match: Gazetteer<Word>.Match, in text: ReadingText, contextAt: [Cue?]) -> Bool {
        var index = match.first - 1
        while index >= 0, ["the", "both", "all", "also"].contains(text.tokens[index].lower) { index -= 1 }
        guard index >= 0 else { return false }
        return ["through", "via", "thru", "with"].contains(text.tokens[index].lower)
    }

    /// A rail named in parentheses as the owner of the one before it: "Sofort (now Klarna)", "(part of
    /// Adyen)", "(owned by PayPal)".
    func isOwner(_ match: Gazetteer<Word>.Match, in text: ReadingText, contextAt: [Cue?]) -> Bool {
        var index = match.first - 1
        guard index >= 0, contextAt[index] == .owner else { return false }
        while index >= 0, contextAt[index] == .owner { index -= 1 }
        return index >= 0 && text.tokens[index].text == "("
    }

    // MARK: - Tokens on chains

    /// Pairs of a token and the chains written with it: "USDC on Ethereum, Solana and Polygon", "USDC and
    /// USDT on Ethereum", "USDT (TRC-20)", "ERC-20 USDC", "Solana USDC". Returns the pairs and the first
    /// token of every chain mention they used up.
    /// Whether the chain at `index` (with any chains joined to it by "/") is followed by "on", "over" or
    /// "via" and another chain.
    func startsOwnPhrase(
        at index: Int, _ matches: [Gazetteer<Word>.Match], in text: ReadingText, chain: (Gazetteer<Word>.Match) -> Bool
    ) -> Bool {
        let tokens = text.tokens
        var last = index
        while last + 1 < matches.count, chain(matches[last + 1]),
            tokens[matches[last].last..<matches[last + 1].first].allSatisfy({ $0.text == "/" })
        {
            last += 1
        }
        guard last + 1 < matches.count, chain(matches[last + 1]) else { return false }
        let between = tokens[matches[last].last..<matches[last + 1].first].map(\.lower)
        return between.first.map { ["on", "over", "via"].contains($0) } ?? false
    }

    func tokenChainPairs(_ matches: [Gazetteer<Word>.Match], in text: ReadingText) -> ([(mention: RailMention, span: ContextReader.Span)], Set<Int>) {
        let tokens = text.tokens
        var pairs: [(RailMention, ContextReader.Span)] = []
        var consumed: Set<Int> = []
        func chain(_ match: Gazetteer<Word>.Match) -> (id: String?, name: String)? {
            switch match.payload {
            case .chainRail(let id), .chainWord(let id): return (id, railsById[id]?.name ?? id)
            case .otherChain(let name): return (nil, name)
            default: return nil
            }
        }
        let joiners: Set<String> = ["and", ",", "&", "/", "+", "or"]
        var index = 0
        while index < matches.count {
            guard case .token = matches[index].payload else {
                index += 1
                continue
            }
            // A group of tokens: "USDC and USDT".
            var group = [matches[index]]
            var next = index + 1
            while next < matches.count, case .token = matches[next].payload,
                tokens[group.last!.last..<matches[next].first].allSatisfy({ joiners.contains($0.lower) })
            {
                group.append(matches[next])
                next += 1
            }
            var chains: [Gazetteer<Word>.Match] = []
            // A chain right before the group: "ERC-20 USDC", "Solana USDC".
            if index > 0, chain(matches[index - 1]) != nil, matches[index - 1].last == group[0].first {
                chains.append(matches[index - 1])
            }
            // Chains after the group: "on X, Y and Z", "(X + Y)", "X" right after.
            var cursor = next
            var position = group.last!.last
            var introduced = false
            while cursor < matches.count, let _ = chain(matches[cursor]) {
                let between = tokens[position..<matches[cursor].first]
                let allowed = between.allSatisfy { joiners.contains($0.lower) || ["on", "over", "via", "(", ")", "the", "network", "chain"].contains($0.lower) }
                guard allowed else { break }
                if between.contains(where: { ["on", "over", "via", "("].contains($0.lower) }) { introduced = true }
                guard introduced || between.isEmpty || chains.isEmpty == false || between.allSatisfy({ $0.text == "(" }) else { break }
                // A chain named with its own "on <chain>" ("…, and ETH/ERC-20 on Ethereum and Arbitrum") is
                // the subject of a phrase of its own, not one more chain of this token.
                if !chains.isEmpty, startsOwnPhrase(at: cursor, matches, in: text, chain: { chain($0) != nil }) { break }
                chains.append(matches[cursor])
                position = matches[cursor].last
                cursor += 1
            }
            for token in group {
                guard case .token(let id) = token.payload, let rail = railsById[id] else { continue }
                var named: Set<String> = []
                for found in chains {
                    consumed.insert(found.first)
                    guard let (chainId, chainName) = chain(found), named.insert(chainName).inserted else { continue }
                    let mention = RailMention(
                        id: chainId == nil ? nil : id, name: "\(rail.name) on \(chainName)", railClass: rail.railClass,
                        family: family(of: rail.railClass), known: chainId != nil, reading: .tokenOnChain,
                        phrase: text.phrase(token.first, token.last))
                    pairs.append((mention, .init(first: token.first, last: token.last)))
                }
                if !chains.isEmpty { consumed.insert(token.first) }
            }
            index = max(next, cursor)
        }
        return (pairs, consumed)
    }

    // MARK: - Schemes

    /// The directions a rail or scheme name is given: words after it up to the next rail word ("ACH credits and
    /// debits"), else the nearest before it back to the previous rail word ("payouts via ACH"), else the
    /// nearest in its sentence. Only the directions in `accepting` count: a word for another one ("instant"
    /// next to ACH, which has no instant rail) does not stop the search for one that does.
    func schemeDirections(
        first: Int, last: Int, in text: ReadingText, matches: [Gazetteer<Word>.Match], directionAt allDirections: [Cue?], sentenceWide: Bool = true,
        accepting: Set<String>, headings: [[String]] = []
    ) -> [String] {
        // Looked up lazily: mapping every token per call made the reader quadratic in long texts.
        struct Accepted {
            let cues: [Cue?]
            let accepting: Set<String>
            subscript(_ index: Int) -> Cue? {
                guard index >= 0, index < cues.count else { return nil }
                if case .direction(let direction) = cues[index], !accepting.contains(direction) { return nil }
                return cues[index]
            }
        }
        let directionAt = Accepted(cues: allDirections, accepting: accepting)
        let match = (first: first, last: last)
        let tokens = text.tokens
        let clause = text.clause[match.first]
        let railWords = matches.filter { isRailWord($0.payload) }
        let nextStart = railWords.first { $0.first >= match.last }?.first ?? tokens.count
        let previousEnd = railWords.last { $0.last <= match.first }?.last ?? 0
        var after: [String] = []
        var index = match.last
        // A comma ends the words that qualify it ("FedNow (…), printed checks …, and cards that the vendor
        // charges": "charges" is about the cards).
        var depth = 0
        while index < nextStart, text.clause[index] == clause, depth > 0 || tokens[index].text != "," {
            if tokens[index].text == "(" { depth += 1 }
            if tokens[index].text == ")" { depth = max(0, depth - 1) }
            if case .direction(let direction) = directionAt[index], !after.contains(direction) { after.append(direction) }
            index += 1
        }
        if !after.isEmpty { return after }
        index = match.first - 1
        while index >= previousEnd, index >= 0, text.clause[index] == clause {
            if case .direction(let direction) = directionAt[index] {
                // "inbound/outbound FPS", "credits and debits via ACH": both directions joined before it.
                var found = [direction]
                var earlier = index - 1
                while earlier >= 1, earlier >= previousEnd, ["/", "and", "or", ",", "&", "+"].contains(tokens[earlier].lower) {
                    guard case .direction(let other) = directionAt[earlier - 1] else { break }
                    if !found.contains(other) { found.append(other) }
                    earlier -= 2
                }
                return found
            }
            index -= 1
        }
        guard sentenceWide else { return [] }
        // The rest of its sentence (clauses split at ";" and contrast words, not at sentence ends).
        let sentence = text.sentence[match.first]
        var nearby: Int?
        var low = match.first - 1
        var high = match.last
        // The nearest direction word of the sentence, searched outwards from the scheme's name.
        while nearby == nil, (low >= 0 && text.sentence[low] == sentence) || (high < tokens.count && text.sentence[high] == sentence) {
            if low >= 0, text.sentence[low] == sentence {
                if directionAt[low] != nil, (high >= tokens.count || directionAt[high] == nil || match.first - low <= high - match.first) { nearby = low; break }
                low -= 1
            }
            if high < tokens.count, text.sentence[high] == sentence {
                if directionAt[high] != nil { nearby = high; break }
                high += 1
            }
        }
        if let nearby, case .direction(let direction) = directionAt[nearby] { return [direction] }
        return headings.indices.contains(match.first) ? headings[match.first].filter(accepting.contains) : []
    }

    /// The direction of the heading each token is listed under: the words before a colon on its own line
    /// or an earlier one ("Payout: … via RTP", "We pay employees in:" above "UK: Faster Payments, BACS"),
    /// the nearest heading that gives exactly one direction (none when it gives two). A heading with text
    /// after it on its line heads its own sentence only; one that ends its line heads the lines below it
    /// until a blank line. A heading is at most `maxHeadingWords` words, and a direction word inside a
    /// rail's name ("ACH debit") gives it none. One pass over the text, so every rail looks its heading up.
    func headings(in text: ReadingText, directionAt: [Cue?], railTokens: Set<Int>) -> [[String]] {
        let tokens = text.tokens
        var result = [[String]](repeating: [], count: tokens.count)
        var block: [String]?
        var inline: (sentence: Int, directions: [String])?
        // The column of the list items under the block heading: a line that starts at or left of it with no
        // list marker ("Landlords get paid out by …" after "Tenants pay rent by:" and its items) ends the block.
        var listColumn: Int?
        for index in tokens.indices {
            if tokens[index].isLineBreak, index > 0, tokens[index - 1].isLineBreak {
                block = nil
                inline = nil
            }
            if block != nil, !tokens[index].isLineBreak, index > 0, tokens[index - 1].isLineBreak {
                let column = tokens[index].start - tokens[index - 1].end
                let next = index + 1 < tokens.count ? tokens[index + 1].text : ""
                let marker = ["-", "*", "•"].contains(tokens[index].text) || (tokens[index].number != nil && [".", ")"].contains(next))
                if marker {
                    listColumn = listColumn ?? column
                } else if let listed = listColumn, column <= listed {
                    block = nil
                    listColumn = nil
                }
            }
            if let inline, inline.sentence == text.sentence[index] {
                result[index] = inline.directions
            } else {
                result[index] = block ?? []
            }
            guard tokens[index].text == ":" else { continue }
            var start = index - 1
            while start >= 0, !tokens[start].isLineBreak, ![".", "!", "?", ":", ";"].contains(tokens[start].text) { start -= 1 }
            guard ((start + 1)..<index).filter({ tokens[$0].isWord }).count <= Self.maxHeadingWords else { continue }
            var found: [String] = []
            for word in (start + 1)..<index where !railTokens.contains(word) {
                if case .direction(let direction) = directionAt[word], !found.contains(direction) { found.append(direction) }
            }
            guard !found.isEmpty else { continue }
            let directions = found.count == 1 ? found : []
            if index + 1 >= tokens.count || tokens[index + 1].isLineBreak {
                block = directions
                listColumn = nil
                inline = nil
            } else {
                inline = (text.sentence[index], directions)
            }
        }
        return result
    }

    /// A heading is at most this many words.
    static let maxHeadingWords = 6

    func isRailWord(_ word: Word) -> Bool {
        switch word {
        case .rail, .chainRail, .scheme, .token: true
        default: false
        }
    }

    /// Whether a class cue names the product being built ("we are building a super-app wallet"): a product
    /// cue within the six tokens before it, in its clause.
    func isProduct(_ match: Gazetteer<Word>.Match, in text: ReadingText) -> Bool {
        let tokens = text.tokens
        let clause = text.clause[match.first]
        let start = max(0, match.first - 6)
        let window = (start..<match.first).filter { text.clause[$0] == clause }.map { tokens[$0].lower }
        return productCues.contains { cue in
            guard cue.count <= window.count else { return false }
            return (0...(window.count - cue.count)).contains { Array(window[$0..<($0 + cue.count)]) == cue }
        }
    }

    /// The usual rail of `railClass` in a place named in the same list item.
    func placeDefault(
        for railClass: String, near match: Gazetteer<Word>.Match, in text: ReadingText, matches: [Gazetteer<Word>.Match]
    ) -> RailDefinition? {
        let item = text.item[match.first]
        let places = matches.compactMap { candidate -> (String, Int)? in
            guard case .place(let place) = candidate.payload, text.item[candidate.first] == item else { return nil }
            return (place, abs(candidate.first - match.first))
        }.sorted { $0.1 < $1.1 }
        for (place, _) in places {
            guard let defaults = rules.reading.railWords.countryDefaults.first(where: { $0.place == place })?.rails,
                let id = defaults.first(where: { $0.railClass == railClass })?.rail
            else { continue }
            return railsById[id]
        }
        return nil
    }

    /// Whether the clause of `match` also names a rail ("cards via Stripe" names Stripe).
    /// Whether the clause of a class cue names a rail of that class.
    func namesRailOfClass(_ railClass: String, near match: Gazetteer<Word>.Match, in text: ReadingText, matches: [Gazetteer<Word>.Match]) -> Bool {
        let clause = text.clause[match.first]
        return matches.contains { other in
            guard text.clause[other.first] == clause else { return false }
            switch other.payload {
            case .rail(let id), .chainRail(let id), .token(let id): return railsById[id]?.railClass == railClass
            default: return false
            }
        }
    }

    func itemHasRail(_ match: Gazetteer<Word>.Match, in text: ReadingText, matches: [Gazetteer<Word>.Match]) -> Bool {
        let clause = text.clause[match.first]
        return matches.contains { text.clause[$0.first] == clause && isRailWord($0.payload) }
    }

    // MARK: - Names payarch does not know

    struct UnknownName {
        var name: String
        var span: ContextReader.Span
        var railClass: String?
    }


    /// Runs of capitalised words that no list knows, read as rails only from rail-like context: a rail
    /// context word right after ("Boleto payments") or before ("via GrabPay"), "for" a place or a kind of
    /// payment ("MB WAY for Portugal", "Skrill for withdrawals"), "in" a place ("OXXO in Mexico"), or
    /// standing alone as an item of the rails list ("Stripe, Twint, Bizum").
    func unknownNames(
        in text: ReadingText, covered: [Bool], contextAt: [Cue?], directionAt: [Cue?], matches: [Gazetteer<Word>.Match], xa: Bool
    ) -> [UnknownName] {
        let tokens = text.tokens
        var placeAt = [Bool](repeating: false, count: tokens.count)
        for match in matches {
            switch match.payload {
            case .place: for index in match.first..<match.last { placeAt[index] = true }
            case .notRail(let category) where ["countries", "demonyms", "regions", "exact"].contains(category):
                for index in match.first..<match.last { placeAt[index] = true }
            default: break
            }
        }
        var organisationAt = [Bool](repeating: false, count: tokens.count)
        for match in matches {
            if case .notRail("organisations") = match.payload { for index in match.first..<match.last { organisationAt[index] = true } }
        }
        var genericAt = [Bool](repeating: false, count: tokens.count)
        var entityAt = [Bool](repeating: false, count: tokens.count)
        for match in matches {
            if case .notRail("generic") = match.payload { for index in match.first..<match.last { genericAt[index] = true } }
            if isEntity(match.payload) { for index in match.first..<match.last { entityAt[index] = true } }
        }
        func isName(_ token: Token) -> Bool {
            // A single letter ("D" of "D+3") is no name.
            guard token.isWord, token.text.count >= 2, let first = token.text.unicodeScalars.first else { return false }
            if notRailPrefixes.contains(where: { token.lower.hasPrefix($0) }) { return false }
            // A function word in capitals ("WE USE Stripe FOR CARDS") is shouting, not a name.
            if nameWords.functionWords.contains(token.lower) { return false }
            // A camelCase identifier ("shopperReference", "externalTxId") is a field, not a name.
            if token.text.first?.isLowercase == true, let capital = token.text.firstIndex(where: { $0.isUppercase }),
                token.text[capital...].dropFirst().filter(\.isLowercase).count >= 2
            {
                return false
            }
            // A constant or status name in one case ("CAPTURE_FAILED", "payout_paid") is no name.
            if token.text.contains("_"), !token.text.contains(where: \.isLowercase) || !token.text.contains(where: \.isUppercase) { return false }
            // A code ("R02", "AC04", "MS03": a return or reason code) is no name.
            let letters = token.text.prefix { $0.isASCII && $0.isUppercase }
            if (1...3).contains(letters.count), token.text.count > letters.count, token.text.count <= letters.count + 3,
                token.text.dropFirst(letters.count).allSatisfy({ $0.isASCII && $0.isNumber })
            {
                return false
            }
            return first.properties.isUppercase || token.text.unicodeScalars.dropFirst().contains { $0.properties.isUppercase }
        }
        var names: [UnknownName] = []
        // Names with no rail context of their own, which a name read as a rail right after them may still list.
        var passedOver: [ContextReader.Span] = []
        var index = 0
        while index < tokens.count {
            guard !covered[index], directionAt[index] == nil, isName(tokens[index]) else {
                index += 1
                continue
            }
            var end = index + 1
            // A capitalised generic word continues a product name ("Shopify Payments", "Mercado Pago").
            while end < tokens.count, !covered[end] || (genericAt[end] && isName(tokens[end])), text.item[end] == text.item[index] {
                let token = tokens[end]
                if (isName(token) && token.spaceBefore) || ((token.isWord || token.number != nil) && !token.spaceBefore) {
                    end += 1
                } else if token.text == "-" || token.text == ".", !token.spaceBefore, end + 1 < tokens.count, !tokens[end + 1].spaceBefore,
                    tokens[end + 1].isWord
                {
                    end += 2
                } else {
                    break
                }
            }
            defer { index = end }
            if tokens[index..<end].contains(where: { nameWords.organisations.contains($0.lower) }) { continue }
            // A name in parentheses right after a rail is that rail's alias or part ("Mastercard (MIP)",
            // "Stripe (PaymentIntents)").
            if index >= 2, tokens[index - 1].text == "(", entityAt[index - 2] { continue }
            // ... and so is one right after a name read before it ("HyperPay (COPYandPAY)", "Redsys (TPV Virtual, REST)").
            if index >= 2, tokens[index - 1].text == "(", names.last?.span.last == index - 1 { continue }
            // Anywhere in such a parenthesis: "Visa (BASE I via VAP)".
            if let open = openParenthesis(before: index, in: tokens), open >= 1, entityAt[open - 1] { continue }
            // A signature ("Thanks, Priya") or an in-house brand ("Acme Pay (our wallet brand)") is no rail.
            let clause = text.clause[index]
            if tokens.indices.contains(where: { text.clause[$0] == clause && $0 < index && nameWords.closings.contains(tokens[$0].lower) }) { continue }
            let owned = (max(0, index - 3)..<index).contains { nameWords.ownership.contains(tokens[$0].lower) }
                || (end..<min(tokens.count, end + 6)).contains { nameWords.ownership.contains(tokens[$0].lower) }
            if owned { continue }
            var railLike = false
            if end < tokens.count, contextAt[end] == .after { railLike = true }
            if xa, (end..<min(tokens.count, end + 2)).contains(where: { nameWords.databases.contains(tokens[$0].lower) }) { railLike = true }
            if index > 0, contextAt[index - 1] == .before { railLike = true }
            if index > 1, tokens[index - 1].lower == "the", contextAt[index - 2] == .before { railLike = true }
            // "through Westpac Qvalent": a bank's name between the preposition and the product.
            if index > 1, organisationAt[index - 1], Self.channelPrepositions.contains(tokens[index - 2].lower) {
                railLike = true
            }
            // "Inbound: BPAY (biller code …)": the first name after a heading that gives a direction.
            if index > 1, tokens[index - 1].text == ":" {
                var position = index - 2
                while position >= 0, !tokens[position].isLineBreak, ![".", ";", ":"].contains(tokens[position].text) {
                    if directionAt[position] != nil { railLike = true }
                    position -= 1
                }
            }
            // "OXXO in Mexico", "Skrill for withdrawals": not for a capitalised word that merely opens a sentence.
            // A name right after a heading's colon ("Checkout: Tabby and Tamara pay-in-4") is the first of its list.
            let opensSentence = (index == 0 || text.clause[index - 1] != text.clause[index] || tokens[index - 1].isLineBreak)
                && !(index > 0 && tokens[index - 1].text == ":")
            let productLike = tokens[index].text.unicodeScalars.dropFirst().contains { $0.properties.isUppercase }
                || end - index > 1 || tokens[index].text.count <= 4
            if end + 1 < tokens.count, ["for", "in"].contains(tokens[end].lower), placeAt[end + 1] || directionAt[end + 1] != nil,
                !opensSentence || productLike
            {
                railLike = true
            }
            // Alone in its list item.
            let item = text.item[index]
            let others = tokens.indices.filter { text.item[$0] == item && !text.isSeparator[$0] && ($0 < index || $0 >= end) }
            if others.allSatisfy({ nameWords.fillers.contains(tokens[$0].lower) || tokens[$0].text == "\"" || tokens[$0].text == "'" || placeAt[$0] }) {
                railLike = true
            }
            guard railLike else {
                passedOver.append(.init(first: index, last: end))
                continue
            }
            var name = text.quote(index, end)
            while let last = name.last, ".,;:".contains(last) { name.removeLast() }
            names.append(UnknownName(name: name, span: .init(first: index, last: end), railClass: unknownClass(near: index..<end, in: text, xa: xa)))
        }
        // "Tabby and Tamara pay-in-4": a name joined to a name read as a rail is listed with it, a rail too.
        for span in passedOver.reversed() {
            guard span.last + 1 < tokens.count, ["and", "or", ",", "/", "&"].contains(tokens[span.last].lower),
                names.contains(where: { $0.span.first == span.last + 1 })
            else { continue }
            var name = text.quote(span.first, span.last)
            while let last = name.last, ".,;:".contains(last) { name.removeLast() }
            names.append(UnknownName(name: name, span: span, railClass: unknownClass(near: span.first..<span.last, in: text, xa: xa)))
        }
        names.sort { $0.span.first < $1.span.first }
        return names
    }

    /// The class an unknown rail's neighbours suggest: a class cue or context word in its list item.
    /// A warning for each provider payarch has no rail rows for, once per name, and one for the first words
    /// that put the input on a card issuer's side; ruled-out ones ("we dropped Dwolla") give none.
    func providerWarnings(_ matches: [Gazetteer<Word>.Match], in text: ReadingText) -> [ReadingWarning] {
        guard !matches.isEmpty else { return [] }
        let marks = context.marks(for: matches.map { ContextReader.Span(first: $0.first, last: $0.last) }, in: text)
        var warnings: [ReadingWarning] = []
        var named = Set<String>()
        for (match, mark) in zip(matches, marks) where mark == nil {
            let phrase = text.phrase(match.first, match.last)
            if match.payload == .notRail("issuerSide") {
                guard named.insert("\u{0}issuer").inserted else { continue }
                warnings.append(
                    ReadingWarning(
                        id: "reading.issuer-side", phrase: phrase,
                        message: "'\(phrase.text)' describes a card issuer answering authorisations from the network; payarch designs the side that takes or sends payments (merchant, PSP, acquirer, paying bank), so an issuer's duplicate detection, holds, stand-in advices and clearing match are not in this design"))
            } else if named.insert(phrase.text.lowercased()).inserted {
                warnings.append(
                    ReadingWarning(
                        id: "reading.unmodelled-provider", phrase: phrase,
                        message: "'\(phrase.text)' is a provider payarch has no rail rows for (an issuer processor, or an API in front of bank rails); the design covers only the rails read from the input. Name the rail it reaches for rows that fit, and design what it adds (funding decisions, its own keys) yourself"))
            }
        }
        return warnings
    }

    /// The position of the parenthesis still open at `index` in its sentence, if any.
    func openParenthesis(before index: Int, in tokens: [Token]) -> Int? {
        var depth = 0
        var position = index - 1
        while position >= 0, !tokens[position].isLineBreak, tokens[position].text != "." {
            if tokens[position].text == ")" { depth += 1 }
            if tokens[position].text == "(" {
                if depth == 0 { return position }
                depth -= 1
            }
            position -= 1
        }
        return nil
    }

    func unknownClass(near range: Range<Int>, in text: ReadingText, xa: Bool) -> String? {
        let item = text.item[range.lowerBound]
        // The words of its list item, its own name included ("Open Banking PIS" says what it is).
        // ... and the words right after it in its clause ("Webpay Plus for credit and debit cards").
        let clause = text.clause[range.lowerBound]
        let after = (range.upperBound..<min(text.tokens.count, range.upperBound + 6)).filter { text.clause[$0] == clause && text.item[$0] != item }
        let lower = (text.tokens.indices.filter { text.item[$0] == item } + after).map { text.tokens[$0].lower }
        let joined = " " + lower.joined(separator: " ") + " "
        // "mada debit, Visa/Mastercard and Apple Pay through HyperPay", "by card and by Bizum, both through
        // Redsys": a name that card payments go through is a card PSP, whatever its own item says.
        // ... also past a bank's name ("through Westpac Qvalent").
        let before = range.lowerBound > 1 && Self.channelPrepositions.contains(text.tokens[range.lowerBound - 2].lower)
            && text.tokens[range.lowerBound - 1].isWord ? range.lowerBound - 2 : range.lowerBound - 1
        if before >= 0, Self.channelPrepositions.contains(text.tokens[before].lower) {
            let clause = text.clause[range.lowerBound]
            let clauseWords = text.tokens.indices.filter { text.clause[$0] == clause && $0 < range.lowerBound }.map { text.tokens[$0].lower }
            if clauseWords.contains(where: cardWords.contains) { return "psp-card-api" }
        }
        var table: [(String, [String])] = [
            ("wallet", [" wallet ", " wallets ", " e-wallet ", " e - wallet ", " mobile money ", " momo ", " carrier billing ", " phone bill "]),
            ("direct-debit", [" direct debit ", " direct debits ", " mandate "]),
            ("instant-push", [" instant ", " real-time ", " realtime ", " qr ", " open banking ", " pis ", " pay by bank ", " account-to-account ", " a2a "]),
            ("bank-redirect", [" voucher ", " vouchers ", " cash ", " redirect ", " online banking ", " references ", " reference ", " bank - transfer payments ", " bank transfer payments "]),
            ("batch-credit", [" bank transfer ", " bank transfers ", " bill payments ", " bill payment ", " biller ", " biller code ", " bill number ", " bill numbers "]),
            ("bnpl", [" bnpl ", " pay later ", " instalments ", " installments ", " pay - in - 4 ", " pay in 4 ", " pay - in - 3 ", " pay in 3 "]),
            ("rtgs-wire", [" wire ", " wires ", " rtgs "]),
            ("crypto-account", [" token ", " tokens ", " chain ", " stablecoin ", " coin "]),
            // Last: card words often stand beside a wallet or a bank method ("debit card top-ups via a wallet").
            ("psp-card-api", [" card ", " cards ", " card payments ", " acquirer ", " acquiring ", " psp ", " gateway ", " 3ds ", " 3ds2 ", " 3-d secure "]),
        ]
        // With none of these words, the rail is of the neutral provider class (`unknownRailClass`).
        if xa { table.append(("xa-resource", [" database ", " db ", " queue ", " broker "])) }
        return table.first { entry in entry.1.contains { joined.contains($0) } }?.0
    }
}
