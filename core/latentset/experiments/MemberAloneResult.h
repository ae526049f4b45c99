#pragma once
// What training one member alone did (MemberAloneTraining; a value, no Qt):
// every member's hash (MemberHash) before and after, and the per-class
// accuracy of the set's raw decision (smallest squared reconstruction error,
// SetClassifier's default) on the scored images before and after.
// Accuracies are fractions in [0, 1]; -1 = not scored.
#include "latentset/util/Types.h"

#include <cstdint>
#include <vector>

namespace latentset {

struct MemberAloneResult {
    int member = -1;
    std::int64_t epochs = 0;
    std::int64_t steps = 0;        // mini-batches trained
    Index trainImages = 0;         // the member's class images
    std::vector<std::uint64_t> hashBefore, hashAfter; // every member, index = class
    std::vector<double> accuracyBefore, accuracyAfter; // recall per class
    double overallBefore = -1, overallAfter = -1;
    Index scoredImages = 0;
    double trainSeconds = 0;
    bool stopped = false;          // cancelled: the set was not changed

    // Every member but `member` kept its bits (hashes equal) and `member` changed.
    bool othersUnchanged() const
    {
        if (hashBefore.size() != hashAfter.size() || hashBefore.empty())
            return false;
        for (std::size_t k = 0; k < hashBefore.size(); ++k)
            if (int(k) != member && hashBefore[k] != hashAfter[k])
                return false;
        return true;
    }
    bool memberChanged() const
    {
        return member >= 0 && std::size_t(member) < hashBefore.size() && hashAfter.size() == hashBefore.size()
               && hashBefore[std::size_t(member)] != hashAfter[std::size_t(member)];
    }
};

} // namespace latentset
