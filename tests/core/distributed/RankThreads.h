#pragma once
// Runs K "ranks" of the sharded schedule as K threads of the test over one
// InProcessNetwork (a new one unless given); an exception of any rank is rethrown on the caller's
// thread (first rank first).
#include "latentset/distributed/InProcessCommunicator.h"
#include "latentset/distributed/InProcessNetwork.h"

#include <exception>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace distributedtest {

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

} // namespace distributedtest
