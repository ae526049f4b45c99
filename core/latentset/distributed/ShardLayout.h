#pragma once
// Which rank holds which members in sharded world training
// (ShardedWorldTask.h): contiguous blocks, rank r holding members
// [first(r), first(r + 1)), block sizes differing by at most one.
namespace latentset {

class ShardLayout {
public:
    // Throws Error unless 1 <= ranks <= members.
    ShardLayout(int members, int ranks);

    int members() const { return members_; }
    int ranks() const { return ranks_; }
    int first(int rank) const; // rank in [0, ranks]: first(ranks) == members
    int count(int rank) const { return first(rank + 1) - first(rank); }
    int owner(int member) const;

private:
    int members_, ranks_;
};

} // namespace latentset
