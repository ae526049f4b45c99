#pragma once
// A Communicator between threads of one process over an InProcessNetwork:
// the sharded schedule's tests run K ranks as K threads, and a one-rank
// network runs sharded training without MPI (resume, checkpoints).
// abort() marks this rank gone (InProcessNetwork::leave) and returns: its
// peers' receives fail at once with PeerLost, as a dead MPI rank's would
// after the timeout.
#include "latentset/distributed/Communicator.h"
#include "latentset/distributed/InProcessNetwork.h"

#include <memory>

namespace latentset {

class InProcessCommunicator : public Communicator {
public:
    InProcessCommunicator(std::shared_ptr<InProcessNetwork> network, int rank);

    int rank() const override { return rank_; }
    int size() const override { return network_->size(); }
    void send(int to, int tag, std::string bytes) override;
    std::string receive(int from, int tag, const std::string& during) override;
    void abort(int exitCode) override;

private:
    std::shared_ptr<InProcessNetwork> network_;
    int rank_;
};

} // namespace latentset
