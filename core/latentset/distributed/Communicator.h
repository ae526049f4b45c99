#pragma once
// The few message-passing operations sharded world training needs
// (ShardedWorldTask.h, docs/scale.md), so that its schedule runs and is
// tested without MPI: InProcessCommunicator connects threads of one process,
// mpi/MpiCommunicator (built only with LATENTSET_MPI) connects MPI ranks.
//
// Messages are byte strings addressed by (peer, tag). Between two ranks,
// messages with one tag arrive in the order they were sent; nothing else is
// ordered. A receive that waits longer than timeoutSeconds() throws PeerLost
// naming the peer: a rank that died, hung or lost its network must stop the
// others with a message, never leave them waiting for ever.
//
// Thread rules: one thread per rank calls a communicator (the rank's
// training loop); ranks run concurrently.
#include "latentset/util/Error.h"

#include <string>

namespace latentset {

// A peer that did not answer in time or is known to be gone.
class PeerLost : public Error {
public:
    PeerLost(int peer, const std::string& what) : Error(what), peer_(peer) {}
    int peer() const { return peer_; }

private:
    int peer_;
};

class Communicator {
public:
    virtual ~Communicator() = default;

    virtual int rank() const = 0;
    virtual int size() const = 0;
    // Queues `bytes` for rank `to` (!= rank()) under `tag` (>= 0) and returns
    // without waiting for the receiver; the communicator keeps the bytes
    // until they are delivered. Throws Error if the transport fails.
    virtual void send(int to, int tag, std::string bytes) = 0;
    // The next message from `from` with `tag`. Blocks at most
    // timeoutSeconds(); throws PeerLost if nothing came (`during` names what
    // the caller was waiting for, for the message).
    virtual std::string receive(int from, int tag, const std::string& during) = 0;
    // Ends the whole job after a fatal error on this rank (MPI: MPI_Abort, so
    // that no rank waits for this one). May return (in-process: the caller
    // then rethrows).
    virtual void abort(int exitCode) = 0;

    double timeoutSeconds() const { return timeoutSeconds_; }
    void setTimeoutSeconds(double seconds) { timeoutSeconds_ = seconds; }
    // Bytes handed to send() so far (payloads only): traffic measurements.
    long long bytesSent() const { return bytesSent_; }

protected:
    void countSent(std::size_t bytes) { bytesSent_ += static_cast<long long>(bytes); }

private:
    double timeoutSeconds_ = 60.0;
    long long bytesSent_ = 0;
};

} // namespace latentset
