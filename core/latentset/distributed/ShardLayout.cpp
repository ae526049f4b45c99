#include "latentset/distributed/ShardLayout.h"

#include "latentset/util/Error.h"

#include <string>

namespace latentset {

ShardLayout::ShardLayout(int members, int ranks) : members_(members), ranks_(ranks)
{
    if (ranks < 1 || ranks > members)
        throw Error("sharded training: " + std::to_string(ranks) + " ranks for " + std::to_string(members)
                    + " members (each rank needs at least one member)");
}

int ShardLayout::first(int rank) const
{
    return int((long long)members_ * rank / ranks_);
}

int ShardLayout::owner(int member) const
{
    // The largest r with first(r) <= member.
    int r = int((long long)member * ranks_ / members_);
    while (r + 1 < ranks_ && first(r + 1) <= member)
        ++r;
    while (r > 0 && first(r) > member)
        --r;
    return r;
}

} // namespace latentset
