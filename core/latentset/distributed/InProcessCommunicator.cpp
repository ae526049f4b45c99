#include "latentset/distributed/InProcessCommunicator.h"

#include "latentset/util/Error.h"

namespace latentset {

InProcessCommunicator::InProcessCommunicator(std::shared_ptr<InProcessNetwork> network, int rank)
    : network_(std::move(network)), rank_(rank)
{
    if (!network_ || rank < 0 || rank >= network_->size())
        throw Error("in-process communicator: rank " + std::to_string(rank) + " is not in the network");
}

void InProcessCommunicator::send(int to, int tag, std::string bytes)
{
    if (to < 0 || to >= size() || to == rank_)
        throw Error("in-process communicator: no rank " + std::to_string(to) + " to send to");
    countSent(bytes.size());
    network_->post(rank_, to, tag, std::move(bytes));
}

std::string InProcessCommunicator::receive(int from, int tag, const std::string& during)
{
    std::string bytes;
    if (!network_->take(from, rank_, tag, timeoutSeconds(), bytes))
        throw PeerLost(from, "rank " + std::to_string(from) + (network_->hasLeft(from) ? " has stopped" : " sent nothing for "
                             + std::to_string(int(timeoutSeconds())) + " s") + " (" + during + ")");
    return bytes;
}

void InProcessCommunicator::abort(int)
{
    network_->leave(rank_);
}

} // namespace latentset
