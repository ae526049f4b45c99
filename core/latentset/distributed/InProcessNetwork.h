#pragma once
// The mailboxes of InProcessCommunicator: `size` ranks, each a thread of
// this process, exchange byte strings through them (tests and one-process
// runs of the sharded schedule, ShardedWorldTask.h). leave(r) marks rank r
// gone: receives from it then fail at once, as a dead MPI rank's would time
// out. Thread-safe: every rank's thread calls it at once.
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace latentset {

class InProcessNetwork {
public:
    explicit InProcessNetwork(int size); // throws Error unless size >= 1

    int size() const { return size_; }
    void post(int from, int to, int tag, std::string bytes);
    // The next message from `from` to `to` with `tag`; false if none came
    // within `seconds` or `from` has left (and nothing is queued from it).
    bool take(int from, int to, int tag, double seconds, std::string& bytes);
    void leave(int rank);
    bool hasLeft(int rank) const;

private:
    using Key = std::tuple<int, int, int>; // from, to, tag
    int size_;
    mutable std::mutex mutex_;
    std::condition_variable arrived_;
    std::map<Key, std::deque<std::string>> boxes_;
    std::vector<bool> left_;
};

} // namespace latentset
