/// A unified diff of two texts by line, from the standard library's `CollectionDifference`, with three
/// lines of context around each change.
public enum UnifiedDiff {
    enum Operation: Equatable {
        case same(String), removed(String), inserted(String)
    }

    public static func diff(_ old: String, _ new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let oldLines = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let newLines = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let script = editScript(oldLines, newLines)
        let changed = script.indices.filter { if case .same = script[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return "" }

        // Group changes whose context windows touch into hunks of script indices.
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let window = max(0, index - context)...min(script.count - 1, index + context)
            if let last = hunks.last, window.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, window.upperBound)
            } else {
                hunks.append(window)
            }
        }

        var output = ["--- \(oldName)", "+++ \(newName)"]
        // Line numbers in each file before each script position.
        var oldBefore = [Int](repeating: 0, count: script.count + 1)
        var newBefore = [Int](repeating: 0, count: script.count + 1)
        for (index, operation) in script.enumerated() {
            oldBefore[index + 1] = oldBefore[index] + (operation.isInserted ? 0 : 1)
            newBefore[index + 1] = newBefore[index] + (operation.isRemoved ? 0 : 1)
        }
        for hunk in hunks {
            let oldCount = oldBefore[hunk.upperBound + 1] - oldBefore[hunk.lowerBound]
            let newCount = newBefore[hunk.upperBound + 1] - newBefore[hunk.lowerBound]
            let oldStart = oldCount == 0 ? oldBefore[hunk.lowerBound] : oldBefore[hunk.lowerBound] + 1
            let newStart = newCount == 0 ? newBefore[hunk.lowerBound] : newBefore[hunk.lowerBound] + 1
            output.append("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@")
            for operation in script[hunk] {
                switch operation {
                case .same(let line): output.append(" " + line)
                case .removed(let line): output.append("-" + line)
                case .inserted(let line): output.append("+" + line)
                }
            }
        }
        return output.joined(separator: "\n") + "\n"
    }

    static func editScript(_ old: [String], _ new: [String]) -> [Operation] {
        var removed: Set<Int> = []
        var inserted: Set<Int> = []
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var script: [Operation] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, removed.contains(i) {
                script.append(.removed(old[i]))
                i += 1
            } else if j < new.count, inserted.contains(j) {
                script.append(.inserted(new[j]))
                j += 1
            } else {
                script.append(.same(old[i]))
                i += 1
                j += 1
            }
        }
        return script
    }
}

extension UnifiedDiff.Operation {
    var isInserted: Bool { if case .inserted = self { true } else { false } }
    var isRemoved: Bool { if case .removed = self { true } else { false } }
}
