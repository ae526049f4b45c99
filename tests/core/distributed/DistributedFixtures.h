#pragma once
// Pieces of the distributed tests: K "ranks" as K threads, and bit-for-bit
// comparison of member sets.
#include "latentset/distributed/InProcessCommunicator.h"
#include "latentset/distributed/InProcessNetwork.h"
#include "latentset/nn/AutoencoderSet.h"

#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace distributedtest {

// Runs `ranks` ranks of the sharded schedule as threads over one
// InProcessNetwork (a new one unless given); an exception of any rank is
// rethrown on the caller's thread (first rank first).
inline void runRanks(int ranks, double timeoutSeconds,
                     const std::function<void(latentset::InProcessCommunicator&)>& body,
                     std::shared_ptr<latentset::InProcessNetwork> network = nullptr)
{
    if (!network)
        network = std::make_shared<latentset::InProcessNetwork>(ranks);
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(ranks));
    std::vector<std::thread> threads;
    for (int r = 0; r < ranks; ++r)
        threads.emplace_back([&, r] {
            latentset::InProcessCommunicator comm(network, r);
            comm.setTimeoutSeconds(timeoutSeconds);
            try {
                body(comm);
            } catch (...) {
                errors[std::size_t(r)] = std::current_exception();
                comm.abort(1); // as MPI_Abort would: the others stop at once
            }
        });
    for (auto& t : threads)
        t.join();
    for (auto& e : errors)
        if (e)
            std::rethrow_exception(e);
}

// Every parameter value of every member bit for bit the same.
inline bool sameValues(const latentset::AutoencoderSet& a, const latentset::AutoencoderSet& b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i) {
        const auto pa = a.member(i).parameters(), pb = b.member(i).parameters();
        if (pa.size() != pb.size())
            return false;
        for (std::size_t k = 0; k < pa.size(); ++k)
            if (pa[k]->value.size() != pb[k]->value.size()
                || std::memcmp(pa[k]->value.data(), pb[k]->value.data(),
                               sizeof(float) * std::size_t(pa[k]->value.size())))
                return false;
    }
    return true;
}

} // namespace distributedtest
